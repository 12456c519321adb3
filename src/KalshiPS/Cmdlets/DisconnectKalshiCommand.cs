using System.Management.Automation;
using KalshiPS.Session;

namespace KalshiPS.Cmdlets
{
    /// <summary>Closes the runspace's default Kalshi session (or the one given) and forgets it.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Kalshi", HelpUri = HelpUris.Root + "Disconnect-Kalshi.md", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectKalshiCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public KalshiSession Session { get; set; }

        protected override void ProcessRecord()
        {
            var target = Session ?? SessionStore.Default;
            if (target == null) { WriteVerbose("No Kalshi session to close."); return; }
            if (!ShouldProcess(target.ToString(), "Close Kalshi session")) return;
            if (target == SessionStore.Default) SessionStore.Clear();
            target.Dispose();
        }
    }
}
