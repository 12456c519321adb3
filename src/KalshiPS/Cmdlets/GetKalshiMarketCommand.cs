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
    /// Lists markets (every page, streamed as pages arrive) or gets markets by ticker. Strings from the pipeline are
    /// tickers; objects bind by property name: Ticker (markets, positions, trades) gets those markets, EventTicker
    /// (events) and SeriesTicker (series) list theirs. Two parameter sets keep an event or a series from ever being
    /// read as a market ticker; ByTicker is the default set because the binder tries the default set first, so a
    /// market's Ticker wins over its EventTicker (without any ticker it lists, like the List set).
    /// </summary>
    [KalshiOperation("GetMarkets", "GetMarket", "GetHistoricalMarkets")]
    [Cmdlet(VerbsCommon.Get, "KalshiMarket", HelpUri = HelpUris.Root + "Get-KalshiMarket.md", SupportsPaging = true, DefaultParameterSetName = TickerSet)]
    [OutputType(typeof(KalshiMarket))]
    public sealed class GetKalshiMarketCommand : KalshiMarketDataCmdlet
    {
        private const string ListSet = "List";
        private const string TickerSet = "ByTicker";
        private const int TickersPerRequest = 100;
        private readonly List<string> _pendingTickers = new List<string>();

        /// <summary>Market tickers. Without it, markets are listed with the filters.</summary>
        [Parameter(ParameterSetName = TickerSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string[] Ticker { get; set; }

        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public MarketStatusFilter Status { get; set; }

        /// <summary>Only markets closing at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime CloseAfter { get; set; }

        /// <summary>Only markets closing at or before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime CloseBefore { get; set; }

        /// <summary>Markets per request (1-1000).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 200;

        /// <summary>Also read Kalshi's archive of markets settled before the historical cutoff (listings continue into it; tickers not live are looked up there).</summary>
        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        private ArchiveReach _archive;
        private ArchiveReach Archive => _archive ?? (_archive = new ArchiveReach(() => ActiveSession, EmitWarning));

        protected override void ProcessRecord()
        {
            if (Ticker != null && Ticker.Length > 0 || MyInvocation.BoundParameters.ContainsKey(nameof(Ticker)))
            {
                foreach (var raw in Ticker ?? new string[] { null })
                    if (TrySegment(SegmentKind.MarketTicker, raw, nameof(Ticker), out var ticker)) _pendingTickers.Add(ticker);
                while (_pendingTickers.Count >= TickersPerRequest) FlushTickers(TickersPerRequest);
                return;
            }
            if (SkipListing()) return;
            if (!TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)
                || !TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var seriesTicker)) return;
            var query = new MarketQuery
            {
                Status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status.ToString().ToLowerInvariant() : null,
                EventTicker = eventTicker,
                SeriesTicker = seriesTicker,
                MinCloseTs = MyInvocation.BoundParameters.ContainsKey(nameof(CloseAfter)) ? JsonFields.ToUnixSeconds(CloseAfter) : (long?)null,
                MaxCloseTs = MyInvocation.BoundParameters.ContainsKey(nameof(CloseBefore)) ? JsonFields.ToUnixSeconds(CloseBefore) : (long?)null,
            };
            RunAsync(async ct => await EmitPagesAsync(await ListingAsync(query, ct).ConfigureAwait(false), "Get-KalshiMarket").ConfigureAwait(false));
        }

        /// <summary>
        /// The live listing, continued into the archive with -IncludeHistorical. Archived markets are settled ones, so a
        /// status filter other than Settled, or a close window starting at or after the cutoff, leaves the archive out.
        /// </summary>
        private async Task<IAsyncEnumerable<Page<KalshiMarket>>> ListingAsync(MarketQuery query, CancellationToken ct)
        {
            var live = MarketData.ListMarkets(query, PageSize, ct);
            var filtered = query.Status == "settled" || query.MinCloseTs.HasValue || query.MaxCloseTs.HasValue;
            if (query.Status != null && query.Status != "settled" || !IncludeHistorical && !filtered) return live;
            var cutoff = !IncludeHistorical || query.MinCloseTs.HasValue ? (await Archive.CutoffAsync(ct).ConfigureAwait(false)).MarketsSettledBefore : null;
            var reaches = !cutoff.HasValue || !query.MinCloseTs.HasValue || DateTimeOffset.FromUnixTimeSeconds(query.MinCloseTs.Value).UtcDateTime < cutoff.Value;
            if (!IncludeHistorical) { if (reaches) Archive.WarnOnce("Markets settled", cutoff); return live; }
            if (!reaches) return live;
            var archived = new MarketQuery { EventTicker = query.EventTicker, SeriesTicker = query.SeriesTicker }; // the archive has no status or close filters
            return ArchiveSeam.Concat(live, () => new HistoricalApi(ActiveSession).ListMarkets(archived, PageSize, ct), m => m.Ticker, m => InCloseWindow(m, query));
        }

        private static bool InCloseWindow(KalshiMarket m, MarketQuery q) =>
            (!q.MinCloseTs.HasValue || m.CloseTime >= DateTimeOffset.FromUnixTimeSeconds(q.MinCloseTs.Value).UtcDateTime)
            && (!q.MaxCloseTs.HasValue || m.CloseTime < DateTimeOffset.FromUnixTimeSeconds(q.MaxCloseTs.Value + 1).UtcDateTime);

        protected override void EndProcessing()
        {
            while (_pendingTickers.Count > 0) FlushTickers(TickersPerRequest);
            WriteTotalCount();
        }

        private void FlushTickers(int count)
        {
            var batch = _pendingTickers.Take(count).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            _pendingTickers.RemoveRange(0, Math.Min(count, _pendingTickers.Count));
            if (SkipListing()) return;
            var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            RunAsync(ct => StreamAsync(new MarketQuery { Tickers = batch }, found, ct));
            var notLive = batch.Where(t => !found.Contains(t)).ToList();
            if (notLive.Count > 0 && IncludeHistorical && !SkipListing()) // settled before the cutoff: in the archive
                RunAsync(ct => EmitPagesAsync(new HistoricalApi(ActiveSession).ListMarkets(new MarketQuery { Tickers = notLive }, PageSize, ct), "Get-KalshiMarket", m => found.Add(m.Ticker)));
            else if (notLive.Count > 0 && !IncludeHistorical) Archive.WarnOnce("Markets settled", null);
            foreach (var missing in notLive.Where(t => !found.Contains(t)))
                WriteError(ErrorRecords.From(KalshiApiException.MarketMissing(missing, "/markets"), missing));
        }

        private Task StreamAsync(MarketQuery query, HashSet<string> found, CancellationToken ct) =>
            EmitPagesAsync(MarketData.ListMarkets(query, PageSize, ct), "Get-KalshiMarket", m => found?.Add(m.Ticker));
    }
}
