using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>An event's forecast percentile history over a time window, one row per period and percentile.</summary>
    [KalshiOperation("GetEventForecastPercentilesHistory")]
    [Cmdlet(VerbsCommon.Get, "KalshiForecastHistory", HelpUri = HelpUris.Root + "Get-KalshiForecastHistory.md")]
    [OutputType(typeof(KalshiForecastPoint))]
    public sealed class GetKalshiForecastHistoryCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string EventTicker { get; set; }

        /// <summary>The event's series; looked up from the event when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        /// <summary>Percentiles on Kalshi's 0-9999 scale (at most 10).</summary>
        [Parameter]
        [ValidateCount(1, 10)]
        [ValidateRange(0, 9999)]
        public int[] Percentile { get; set; } = { 2500, 5000, 7500 };

        [Parameter]
        public DateTime Start { get; set; } = DateTime.UtcNow.AddDays(-1);

        [Parameter]
        public DateTime End { get; set; } = DateTime.UtcNow;

        [Parameter]
        public ForecastInterval Interval { get; set; } = ForecastInterval.OneHour;

        protected override void ProcessRecord()
        {
            RequireTimeWindow(Start, End);
            if (!TrySegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)
                || !TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var seriesTicker)) return;
            RunAsync(async ct =>
            {
                // An unknown event (or series) is an error for this event only; the pipeline goes on.
                try
                {
                    var series = seriesTicker;
                    if (string.IsNullOrEmpty(series)) series = (await MarketData.GetEventAsync(eventTicker, false, ct).ConfigureAwait(false)).SeriesTicker;
                    var points = await new EventsApi(ActiveSession).GetForecastHistoryAsync(series, eventTicker, Percentile,
                        JsonFields.ToUnixSeconds(Start), JsonFields.ToUnixSeconds(End), (int)Interval, ct).ConfigureAwait(false);
                    foreach (var p in points) Emit(p);
                }
                catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, eventTicker); }
            });
        }
    }
}
