using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Cash available and portfolio value, in dollars (decimal).</summary>
    [KalshiOperation("GetBalance")]
    [Cmdlet(VerbsCommon.Get, "KalshiBalance", HelpUri = HelpUris.Root + "Get-KalshiBalance.md")]
    [OutputType(typeof(KalshiBalance))]
    public sealed class GetKalshiBalanceCommand : KalshiCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct => Emit(await Portfolio.GetBalanceAsync(ct).ConfigureAwait(false)));
    }
}
