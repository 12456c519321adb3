using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists the exchange's standard trading hours and maintenance windows, one row each.</summary>
    [KalshiOperation("GetExchangeSchedule")]
    [Cmdlet(VerbsCommon.Get, "KalshiExchangeSchedule", HelpUri = HelpUris.Root + "Get-KalshiExchangeSchedule.md")]
    [OutputType(typeof(KalshiScheduleEntry))]
    public sealed class GetKalshiExchangeScheduleCommand : KalshiMarketDataCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct => { foreach (var row in await MarketData.GetScheduleAsync(ct).ConfigureAwait(false)) Emit(row); });
    }
}
