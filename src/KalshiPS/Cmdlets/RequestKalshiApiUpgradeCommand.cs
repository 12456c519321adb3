using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Asks Kalshi for the permanent Advanced API usage level (granted when at least one of the account's last 100
    /// orders came through the API), then writes the account's limits as they are afterwards.
    /// </summary>
    [KalshiOperation("UpgradeAccountApiUsageLevel")]
    [Cmdlet(VerbsLifecycle.Request, "KalshiApiUpgrade", HelpUri = HelpUris.Root + "Request-KalshiApiUpgrade.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(KalshiAccountLimit))]
    public sealed class RequestKalshiApiUpgradeCommand : KalshiCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = new AccountApi(ActiveSession);
            if (!ShouldProcess("this account's API usage level", "Request the Advanced API usage level")) return;
            var settled = RunAsync(ct => api.UpgradeAsync(ct));
            if (settled != null) { WriteObject(settled); return; }
            // The upgrade is done; only the read of its result can still fail, and that must not look like a failed upgrade.
            KalshiApiException readError = null;
            var after = RunAsync(async ct =>
            {
                try { return await api.GetAccountLimitAsync(ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { readError = e; return null; }
            });
            if (after != null) WriteObject(after);
            else WriteWarning($"The upgrade was accepted, but reading the account's limits failed ({readError?.Message}). Run Get-KalshiAccountLimit to see the new tier.");
        }
    }
}
