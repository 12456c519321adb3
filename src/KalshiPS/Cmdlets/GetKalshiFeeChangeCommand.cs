using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Scheduled fee changes of series (all series, or one); -IncludeHistorical adds changes already in effect.</summary>
    [KalshiOperation("GetSeriesFeeChanges")]
    [Cmdlet(VerbsCommon.Get, "KalshiFeeChange")]
    [OutputType(typeof(KalshiFeeChange))]
    public sealed class GetKalshiFeeChangeCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check when given
        public string SeriesTicker { get; set; }

        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        protected override void ProcessRecord()
        {
            string series = null;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(SeriesTicker)) && !TrySegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out series)) return;
            RunAsync(async ct =>
            {
                foreach (var change in await new ExchangeApi(ActiveSession).ListSeriesFeeChangesAsync(series, IncludeHistorical, ct).ConfigureAwait(false))
                    Emit(change);
            });
        }
    }
}
