using System;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using System.Threading.Tasks;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Lists public trades, newest first, optionally for some markets (strings or market objects from the pipeline)
    /// and a time window. A ticker with no trades is checked, so an unknown market is an ObjectNotFound error for that
    /// ticker rather than silence.
    /// </summary>
    [KalshiOperation("GetTrades", "GetTradesHistorical", "GetHistoricalMarket")] // the last: telling a quiet archived market from a missing one
    [Cmdlet(VerbsCommon.Get, "KalshiTrade", HelpUri = HelpUris.Root + "Get-KalshiTrade.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiTrade))]
    public sealed class GetKalshiTradeCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string[] Ticker { get; set; }

        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public DateTime Until { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 200;

        /// <summary>Continue past the historical cutoff into Kalshi's archive of older trades (one stream, newest first).</summary>
        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        private ArchiveReach _archive;
        private ArchiveReach Archive => _archive ?? (_archive = new ArchiveReach(() => ActiveSession, EmitWarning));

        protected override void ProcessRecord()
        {
            var min = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? JsonFields.ToUnixSeconds(Since) : (long?)null;
            var max = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? JsonFields.ToUnixSeconds(Until) : (long?)null;
            var tickers = Ticker == null ? new string[] { null } : ValidTickers();
            foreach (var ticker in tickers)
            {
                if (SkipListing()) return;
                var seen = 0;
                RunAsync(async ct =>
                {
                    var pages = await Archive.WindowAsync(IncludeHistorical, min, max, c => c.TradesCreatedBefore, "Trades",
                        () => MarketData.ListTrades(ticker, min, max, PageSize, ct),
                        () => new HistoricalApi(ActiveSession).ListTrades(ticker, min, max, PageSize, ct), t => t.TradeId, null, false, ct).ConfigureAwait(false);
                    await EmitPagesAsync(pages, "Get-KalshiTrade", _ => seen++).ConfigureAwait(false);
                    if (ticker == null || seen > 0) return;
                    // No trades: a quiet market, or no such market (Kalshi answers both with an empty list).
                    try { await MarketData.GetMarketAsync(ticker, ct).ConfigureAwait(false); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound)
                    {
                        if (!IncludeHistorical) { EmitError(e, ticker); return; }
                        try { await new HistoricalApi(ActiveSession).GetMarketAsync(ticker, ct).ConfigureAwait(false); } // an archived market
                        catch (KalshiApiException h) when (h.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                    }
                });
            }
        }

        protected override void EndProcessing() => WriteTotalCount();

        /// <summary>The given tickers that are valid (each bad one is an error of its own); blanks are ignored.</summary>
        private string[] ValidTickers() =>
            Ticker.Where(t => !Segment.IsBlank(t))
                  .Select(t => TrySegment(SegmentKind.MarketTicker, t, nameof(Ticker), out var v) ? v : null)
                  .Where(v => v != null).ToArray();
    }
}
