using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Fee changes of series and of events' overrides. -SeriesTicker and -EventTicker each narrow one kind to one ticker
    /// and, given alone, leave out the other kind; a piped event or market gives both, the changes that concern it.
    /// </summary>
    [KalshiOperation("GetSeriesFeeChanges", "GetEventFeeChanges")]
    [Cmdlet(VerbsCommon.Get, "KalshiFeeChange", HelpUri = HelpUris.Root + "Get-KalshiFeeChange.md")]
    [OutputType(typeof(KalshiFeeChange))]
    public sealed class GetKalshiFeeChangeCommand : KalshiMarketDataCmdlet
    {
        /// <summary>Kalshi's default page size for GET /events/fee_changes.</summary>
        private const int EventPageSize = 100;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        [AllowNull, AllowEmptyString] // blank means "not given"; anything else must be a ticker
        public string SeriesTicker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString] // blank means "not given"; anything else must be a ticker
        public string EventTicker { get; set; }

        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var seriesTicker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            bool series = seriesTicker != null || eventTicker == null, events = eventTicker != null || seriesTicker == null;
            RunAsync(ct => ReadAsync(series, seriesTicker, events, eventTicker, ct));
        }

        private async Task ReadAsync(bool series, string seriesTicker, bool events, string eventTicker, CancellationToken ct)
        {
            if (series)
                foreach (var change in await new ExchangeApi(ActiveSession).ListSeriesFeeChangesAsync(seriesTicker, IncludeHistorical, ct).ConfigureAwait(false))
                    Emit(change);
            if (events)
                await EmitPagesAsync(new EventsApi(ActiveSession).ListEventFeeChanges(eventTicker, EventPageSize, ct), "Get-KalshiFeeChange").ConfigureAwait(false);
        }
    }
}
