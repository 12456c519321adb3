using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>How fresh balance, order, fill and position reads are (Kalshi updates them with a short delay).</summary>
    [KalshiOperation("GetUserDataTimestamp")]
    [Cmdlet(VerbsCommon.Get, "KalshiUserDataTimestamp", HelpUri = HelpUris.Root + "Get-KalshiUserDataTimestamp.md")]
    [OutputType(typeof(KalshiUserDataTimestamp))]
    public sealed class GetKalshiUserDataTimestampCommand : KalshiMarketDataCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct => Emit(await new ExchangeApi(ActiveSession).GetUserDataTimestampAsync(ct).ConfigureAwait(false)));
    }
}
