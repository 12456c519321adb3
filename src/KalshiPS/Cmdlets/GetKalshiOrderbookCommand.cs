using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Gets order books. Kalshi returns bids only; the book also carries the derived asks, best prices and spread.
    /// Several tickers (also from the pipeline) are fetched through the batch endpoint.
    /// </summary>
    [KalshiOperation("GetMarketOrderbook", "GetMarketOrderbooks")]
    [Cmdlet(VerbsCommon.Get, "KalshiOrderbook", HelpUri = HelpUris.Root + "Get-KalshiOrderbook.md")]
    [OutputType(typeof(KalshiOrderbook))]
    [OutputType(typeof(KalshiOrderbookLevel))]
    public sealed class GetKalshiOrderbookCommand : KalshiMarketDataCmdlet
    {
        private const int BatchSize = 100;
        private readonly List<string> _tickers = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string[] Ticker { get; set; }

        /// <summary>Levels per side (0 = all).</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int Depth { get; set; }

        /// <summary>One flat KalshiOrderbookLevel row per bid level (Yes, then No, best first) instead of the book.</summary>
        [Parameter]
        public SwitchParameter AsLevel { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var raw in Ticker ?? new string[] { null })
                if (TrySegment(SegmentKind.MarketTicker, raw, nameof(Ticker), out var ticker)) _tickers.Add(ticker);
            while (_tickers.Count >= BatchSize) Flush();
        }

        protected override void EndProcessing()
        {
            while (_tickers.Count > 0) Flush();
        }

        private void Flush()
        {
            var batch = _tickers.Take(BatchSize).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            _tickers.RemoveRange(0, Math.Min(BatchSize, _tickers.Count));
            RunAsync(async ct =>
            {
                if (batch.Count == 1)
                {
                    try { EmitBook(await MarketData.GetOrderbookAsync(batch[0], Depth, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, batch[0]); }
                    return;
                }
                var books = await MarketData.GetOrderbooksAsync(batch, Depth, ct).ConfigureAwait(false);
                var byTicker = books.Where(b => b.Ticker != null).ToDictionary(b => b.Ticker, StringComparer.OrdinalIgnoreCase);
                foreach (var ticker in batch)
                {
                    if (byTicker.TryGetValue(ticker, out var book)) EmitBook(book);
                    else EmitError(KalshiApiException.MarketMissing(ticker, "/markets/orderbooks"), ticker);
                }
            });
        }

        private void EmitBook(KalshiOrderbook book)
        {
            if (!AsLevel) { Emit(book); return; }
            foreach (var level in book.Levels()) Emit(level);
        }
    }
}
