using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Creates your next numbered subaccount (Kalshi numbers them 1, 2, ... up to 63) and writes it with its balance.
    /// It starts with no cash: Move-KalshiBalance funds it.
    /// </summary>
    [KalshiOperation("CreateSubaccount")]
    [Cmdlet(VerbsCommon.New, "KalshiSubaccount", HelpUri = HelpUris.Root + "New-KalshiSubaccount.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiSubaccount))]
    public sealed class NewKalshiSubaccountCommand : KalshiCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess("your Kalshi account", "Create a subaccount")) return;
            RunAsync(async ct => Emit(await new SubaccountApi(ActiveSession).CreateAsync(ct).ConfigureAwait(false)));
        }
    }
}
