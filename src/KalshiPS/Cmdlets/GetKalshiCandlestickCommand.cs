using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Gets price candles (1-minute, 1-hour or 1-day) for a time window: of one market, of several markets at once
    /// (the batch endpoint, no series needed), or of every market of an event (-EventTicker).
    /// </summary>
    [KalshiOperation("GetMarketCandlesticks", "BatchGetMarketCandlesticks", "GetMarketCandlesticksByEvent", "GetMarketCandlesticksHistorical")]
    [Cmdlet(VerbsCommon.Get, "KalshiCandlestick", HelpUri = HelpUris.Root + "Get-KalshiCandlestick.md", DefaultParameterSetName = MarketSet)]
    [OutputType(typeof(KalshiCandlestick))]
    public sealed class GetKalshiCandlestickCommand : KalshiMarketDataCmdlet
    {
        private const string MarketSet = "Market";
        private const string EventSet = "Event";

        /// <summary>Markets, from the parameter and the pipeline; two or more go through the batch endpoint.</summary>
        [Parameter(ParameterSetName = MarketSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString, AllowEmptyCollection] // refused by the ticker check, with the shape a ticker must have
        public string[] Ticker { get; set; }

        /// <summary>The candles of every market of this event (aggregated by Kalshi in one answer).</summary>
        [Parameter(ParameterSetName = EventSet, Mandatory = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string EventTicker { get; set; }

        /// <summary>The market's (or event's) series; looked up when omitted. Not needed for several markets.</summary>
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
        [Parameter(ParameterSetName = MarketSet)]
        public SwitchParameter IncludeHistorical { get; set; }

        private ArchiveReach _archive;
        private ArchiveReach Archive => _archive ?? (_archive = new ArchiveReach(() => ActiveSession, EmitWarning));

        // Market tickers with the series each came with, in input order; fetched at the end so they can share requests.
        private readonly List<(string Ticker, string Series)> _markets = new List<(string, string)>();
        private readonly HashSet<string> _queued = new HashSet<string>(StringComparer.Ordinal);

        protected override void ProcessRecord()
        {
            RequireTimeWindow(Start, End);
            if (!TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var seriesTicker)) return;
            if (ParameterSetName == EventSet)
            {
                if (TrySegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker))
                    RunAsync(ct => EventCandlesAsync(eventTicker, seriesTicker, ct));
                return;
            }
            foreach (var raw in Ticker == null || Ticker.Length == 0 ? new string[] { null } : Ticker)
                if (TrySegment(SegmentKind.MarketTicker, raw, nameof(Ticker), out var ticker) && _queued.Add(ticker))
                    _markets.Add((ticker, seriesTicker));
        }

        protected override void EndProcessing()
        {
            if (_markets.Count == 0) return;
            long start = JsonFields.ToUnixSeconds(Start), end = JsonFields.ToUnixSeconds(End);
            int period = (int)Interval;
            if (_markets.Count == 1) { var (t, s) = _markets[0]; RunAsync(ct => OneMarketAsync(t, s, start, end, period, ct)); return; }
            RunAsync(async ct =>
            {
                foreach (var batch in Batches(_markets.Select(m => m.Ticker).ToList(), start, end, period))
                {
                    MarketDataWire.CandleBatchAnswer answer;
                    try { answer = await MarketData.GetCandlesticksBatchAsync(batch, start, end, period, ct).ConfigureAwait(false); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound)
                    {
                        // A server that refuses the whole batch for one unknown market: ask market by market, so the error names it.
                        foreach (var t in batch) await OneMarketAsync(t, _markets.First(m => m.Ticker == t).Series, start, end, period, ct).ConfigureAwait(false);
                        continue;
                    }
                    var byTicker = answer.Candles.ToLookup(c => c.Ticker ?? "", StringComparer.OrdinalIgnoreCase);
                    foreach (var t in batch)
                    {
                        foreach (var c in byTicker[t]) Emit(c);
                        // The batch answer leaves out a market it does not know; checked, so an empty entry is not called missing.
                        if (!answer.Markets.Contains(t) && !await MarketExistsAsync(t, ct).ConfigureAwait(false))
                            await NotLiveAsync(KalshiApiException.MarketMissing(t, "/markets/candlesticks"), t, start, end, period, ct).ConfigureAwait(false);
                    }
                }
            });
        }

        /// <summary>
        /// Tickers split to Kalshi's batch limits: at most 100 a request and at most 10,000 candles a request
        /// (one candle per period of the window per market).
        /// </summary>
        internal static IEnumerable<List<string>> Batches(List<string> tickers, long startTs, long endTs, int periodMinutes)
        {
            long perMarket = Math.Max(1, (endTs - startTs) / (periodMinutes * 60L) + 1);
            int size = (int)Math.Max(1, Math.Min(MarketDataApi.CandleBatchTickers, MarketDataApi.CandleBatchCandles / perMarket));
            for (int i = 0; i < tickers.Count; i += size) yield return tickers.GetRange(i, Math.Min(size, tickers.Count - i));
        }

        private async Task<bool> MarketExistsAsync(string ticker, CancellationToken ct)
        {
            try { await MarketData.GetMarketAsync(ticker, ct).ConfigureAwait(false); return true; }
            catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { return false; }
        }

        private async Task OneMarketAsync(string ticker, string seriesTicker, long start, long end, int period, CancellationToken ct)
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
                var candles = await MarketData.GetCandlesticksAsync(series, ticker, start, end, period, ct).ConfigureAwait(false);
                foreach (var c in candles) Emit(c);
            }
            catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { await NotLiveAsync(e, ticker, start, end, period, ct).ConfigureAwait(false); }
        }

        /// <summary>A market the live endpoints do not know: archived markets (and their candles) leave them.</summary>
        private async Task NotLiveAsync(KalshiApiException notFound, string ticker, long start, long end, int period, CancellationToken ct)
        {
            if (!IncludeHistorical) { Archive.WarnOnce("Candles of markets settled", null); EmitError(notFound, ticker); return; }
            try
            {
                foreach (var c in await new HistoricalApi(ActiveSession).GetCandlesticksAsync(ticker, start, end, period, ct).ConfigureAwait(false))
                    Emit(c);
            }
            catch (KalshiApiException h) when (h.Kind == KalshiErrorKind.NotFound) { EmitError(notFound, ticker); }
        }

        private async Task EventCandlesAsync(string eventTicker, string seriesTicker, CancellationToken ct)
        {
            try
            {
                var series = seriesTicker;
                if (string.IsNullOrEmpty(series)) series = (await MarketData.GetEventAsync(eventTicker, false, ct).ConfigureAwait(false)).SeriesTicker;
                long end = JsonFields.ToUnixSeconds(End);
                var answer = await MarketData.GetEventCandlesticksAsync(series, eventTicker, JsonFields.ToUnixSeconds(Start), end, (int)Interval, ct).ConfigureAwait(false);
                foreach (var c in answer.Candles.OrderBy(c => c.EndTime).ThenBy(c => c.Ticker, StringComparer.Ordinal)) Emit(c);
                if (answer.AdjustedEndTs.HasValue && answer.AdjustedEndTs.Value < end)
                {
                    var cut = DateTimeOffset.FromUnixTimeSeconds(answer.AdjustedEndTs.Value).UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
                    EmitWarning($"Kalshi cut the window of event {eventTicker} at {cut} (too many candles for one answer). For the rest: Get-KalshiCandlestick -EventTicker {eventTicker} -Start '{cut}' -End '{End.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture)}'");
                }
            }
            catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, eventTicker); }
        }
    }
}
