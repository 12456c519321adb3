using System.Management.Automation;
using KalshiPS.Session;

namespace KalshiPS.Cmdlets
{
    /// <summary>Returns this runspace's default Kalshi session (nothing if Connect-Kalshi was not run).</summary>
    [Cmdlet(VerbsCommon.Get, "KalshiSession", HelpUri = HelpUris.Root + "Get-KalshiSession.md")]
    [OutputType(typeof(KalshiSession))]
    public sealed class GetKalshiSessionCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = SessionStore.Default;
            if (session == null) WriteVerbose("No Kalshi session in this runspace: run Connect-Kalshi.");
            else { session.HandedOut = true; WriteObject(session); }
        }
    }
}
