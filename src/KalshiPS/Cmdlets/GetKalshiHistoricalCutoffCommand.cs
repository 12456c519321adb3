using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Where live data ends: older markets, trades, fills, orders and positions are only in the historical archive.</summary>
    [KalshiOperation("GetHistoricalCutoff")]
    [Cmdlet(VerbsCommon.Get, "KalshiHistoricalCutoff", HelpUri = HelpUris.Root + "Get-KalshiHistoricalCutoff.md")]
    [OutputType(typeof(KalshiHistoricalCutoff))]
    public sealed class GetKalshiHistoricalCutoffCommand : KalshiMarketDataCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct => Emit(await new HistoricalApi(ActiveSession).GetCutoffAsync(ct).ConfigureAwait(false)));
    }
}
