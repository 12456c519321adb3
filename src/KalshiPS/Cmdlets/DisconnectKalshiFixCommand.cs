using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using KalshiPS.Fix.Client;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Logs out of the session's FIX connections (one kind, or all) and closes them: Logout is sent and Kalshi's Logout
    /// awaited for at most one heartbeat interval. With CancelOnDisconnect, Kalshi then cancels that session's resting orders.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "KalshiFix", HelpUri = HelpUris.Root + "Disconnect-KalshiFix.md", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectKalshiFixCommand : KalshiCmdlet
    {
        /// <summary>The connection to close; all of the session's FIX connections when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public KalshiFixSessionType[] SessionType { get; set; }

        private readonly List<KalshiFixSessionType> _kinds = new List<KalshiFixSessionType>();

        protected override void ProcessRecord()
        {
            if (SessionType != null) _kinds.AddRange(SessionType);
        }

        protected override void EndProcessing()
        {
            var set = ActiveSession.Fix;
            var targets = (_kinds.Count == 0 ? set.All().Select(c => c.Kind) : _kinds.Distinct()).ToList();
            foreach (var kind in targets)
            {
                var c = set.Last(kind);
                if (c == null) { WriteVerbose($"No {kind} FIX connection to close."); continue; }
                if (c.State == KalshiFixState.Closed) { set.Remove(kind); WriteVerbose($"The {kind} FIX connection was already closed ({c.ClosedReason})."); continue; }
                if (!ShouldProcess($"{kind} FIX connection {c.Endpoint}", "Log out and close")) continue;
                RunFix(c.Trace, async ct => await c.DisconnectAsync(null, ct).ConfigureAwait(false));
                set.Remove(kind);
                WriteVerbose($"Logged out of {c.Endpoint} ({c.ClosedReason ?? "closed"}).");
            }
        }
    }
}
