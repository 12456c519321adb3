using System;
using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Completion;
using KalshiPS.Fix.Client;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams order books kept locally from orderbook_delta: snapshot plus deltas, checked by seq, resynced on gaps,
    /// overflows and reconnects. Emits the book after each applied change (one book per ticker for a burst of messages),
    /// or at most once per -Interval per ticker.
    /// With -Via Fix the books come from the session's KalshiMD connection (snapshots and incrementals) instead.
    /// </summary>
    [KalshiChannel("orderbook_delta")]
    [Cmdlet(VerbsCommon.Watch, "KalshiOrderbook", HelpUri = HelpUris.Root + "Watch-KalshiOrderbook.md")]
    [OutputType(typeof(KalshiOrderbook))]
    public sealed class WatchKalshiOrderbookCommand : WatchKalshiCmdlet
    {
        private readonly List<string> _tickers = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Ticker { get; set; }

        /// <summary>Levels per side in the emitted books (0 = all).</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int Depth { get; set; }

        /// <summary>Emit each ticker's book at most once per interval (the latest state); 0 = after every change.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        [ValidatePositiveTimeSpan(AllowZero = true)]
        public TimeSpan Interval { get; set; }

        /// <summary>WebSocket (default) or Fix: the session's market data connection from Connect-KalshiFix -SessionType MarketData.</summary>
        [Parameter]
        public KalshiStreamRoute Via { get; set; }

        protected override void ProcessRecord() => _tickers.AddRange(Ticker);

        protected override void EndProcessing()
        {
            var tickers = NormalizeTickers(_tickers);
            if (tickers.Count > 0) tickers = KnownTickers(tickers); // unknown ones are errors now, not silence for -Duration
            if (tickers.Count == 0) return;
            if (Via == KalshiStreamRoute.Fix) { RunOverFix(tickers); return; }
            RunStream(outbox => OrderbookHandler.Deferred(tickers, Depth, book => outbox.Post(book.Ticker, book)), Interval);
        }

        private void RunOverFix(List<string> tickers)
        {
            var marketData = RequireFix(KalshiFixSessionType.MarketData);
            var outbox = new StreamOutbox(QueueCapacity, Interval);
            // The connection's trace (one line per FIX message, secrets redacted) reaches -Verbose through the outbox.
            Action<string> verbose = null;
            if (VerboseWanted()) verbose = line => outbox.Notify(new StreamNotice(false, line));
            // Registered before the first request goes out, so no snapshot can arrive unseen.
            using (var subscription = FixMarketDataSubscription.Open(marketData, tickers, verbose))
            {
                var feed = new FixOrderbookFeed(tickers, Depth, outbox, subscription.SendAsync, subscription.ReceiveAsync, () => subscription.Missed, () => subscription.EndReason);
                RunPump(outbox, feed.RunAsync);
            }
        }
    }
}
