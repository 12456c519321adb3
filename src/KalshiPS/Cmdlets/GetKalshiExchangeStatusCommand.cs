using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Says whether the exchange and trading are active.</summary>
    [KalshiOperation("GetExchangeStatus")]
    [Cmdlet(VerbsCommon.Get, "KalshiExchangeStatus", HelpUri = HelpUris.Root + "Get-KalshiExchangeStatus.md")]
    [OutputType(typeof(KalshiExchangeStatus))]
    public sealed class GetKalshiExchangeStatusCommand : KalshiMarketDataCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct => Emit(await MarketData.GetExchangeStatusAsync(ct).ConfigureAwait(false)));
    }
}
