using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Gets a market's price candles (1-minute, 1-hour or 1-day) for a time window.</summary>
    [KalshiOperation("GetMarketCandlesticks", "GetMarketCandlesticksHistorical")]
    [Cmdlet(VerbsCommon.Get, "KalshiCandlestick", HelpUri = HelpUris.Root + "Get-KalshiCandlestick.md")]
    [OutputType(typeof(KalshiCandlestick))]
    public sealed class GetKalshiCandlestickCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string Ticker { get; set; }

        /// <summary>The market's series; looked up from the market when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        [Parameter]
        public DateTime Start { get; set; } = DateTime.UtcNow.AddDays(-1);

        [Parameter]
        public DateTime End { get; set; } = DateTime.UtcNow;

        [Parameter]
        public CandleInterval Interval { get; set; } = CandleInterval.OneHour;

        /// <summary>A market that is not live (settled before the historical cutoff) is read from Kalshi's archive.</summary>
        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        private ArchiveReach _archive;
        private ArchiveReach Archive => _archive ?? (_archive = new ArchiveReach(() => ActiveSession, EmitWarning));

        protected override void ProcessRecord()
        {
            RequireTimeWindow(Start, End);
            if (!TrySegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var seriesTicker)) return;
            RunAsync(async ct =>
            {
                // An unknown market (or series) is an error for this ticker only; the pipeline goes on.
                try
                {
                    var series = seriesTicker;
                    if (string.IsNullOrEmpty(series))
                    {
                        var market = await MarketData.GetMarketAsync(ticker, ct).ConfigureAwait(false);
                        var ev = await MarketData.GetEventAsync(market.EventTicker, false, ct).ConfigureAwait(false);
                        series = ev.SeriesTicker;
                    }
                    var candles = await MarketData.GetCandlesticksAsync(series, ticker, JsonFields.ToUnixSeconds(Start), JsonFields.ToUnixSeconds(End), (int)Interval, ct).ConfigureAwait(false);
                    foreach (var c in candles) Emit(c);
                }
                catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound)
                {
                    // Archived markets (and their candles) leave the live endpoints.
                    if (!IncludeHistorical) { Archive.WarnOnce("Candles of markets settled", null); EmitError(e, ticker); return; }
                    try
                    {
                        foreach (var c in await new HistoricalApi(ActiveSession).GetCandlesticksAsync(ticker, JsonFields.ToUnixSeconds(Start), JsonFields.ToUnixSeconds(End), (int)Interval, ct).ConfigureAwait(false))
                            Emit(c);
                    }
                    catch (KalshiApiException h) when (h.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                }
            });
        }
    }
}
