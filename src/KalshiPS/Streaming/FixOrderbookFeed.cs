using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Fix;
using KalshiPS.Fix.Client;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// Watch-KalshiOrderbook over FIX: subscribes the tickers on a KalshiMD session (one MarketDataRequest per ticker,
    /// so a refusal names its ticker), keeps their books with <see cref="FixOrderbookTracker"/> and posts each changed
    /// book to the outbox (coalescing per ticker, like the WebSocket path). When the session reports skipped messages it
    /// asks for fresh snapshots; the books stay unpublished until they arrive. Unsubscribes on the way out. The transport
    /// is three delegates, so the logic is tested without a socket.
    /// </summary>
    internal sealed class FixOrderbookFeed
    {
        private readonly IReadOnlyList<string> _tickers;
        private readonly FixOrderbookTracker _tracker;
        private readonly Func<FixMessage, CancellationToken, Task> _send;
        private readonly Func<CancellationToken, Task<FixMessage>> _receive;
        private readonly Func<long> _missed;
        private readonly Func<string> _endReason;
        private readonly StreamOutbox _outbox;
        private readonly string _requestPrefix = "ps-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "-";
        private readonly HashSet<string> _live = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <param name="receive">The next application message of the market data session; null when it closed.</param>
        /// <param name="missed">The session's count of skipped messages (<see cref="FixSession.MissedMessages"/>).</param>
        /// <param name="endReason">Why the session ended, once <paramref name="receive"/> returned null.</param>
        public FixOrderbookFeed(IReadOnlyList<string> tickers, int depth, StreamOutbox outbox,
            Func<FixMessage, CancellationToken, Task> send, Func<CancellationToken, Task<FixMessage>> receive, Func<long> missed,
            Func<string> endReason = null)
        {
            if (tickers == null || tickers.Count == 0) throw new ArgumentException("At least one ticker is required.", nameof(tickers));
            _tickers = tickers;
            _tracker = new FixOrderbookTracker(tickers, depth);
            _outbox = outbox;
            _send = send;
            _receive = receive;
            _missed = missed;
            _endReason = endReason ?? (() => "the market data session ended");
        }

        public int Resyncs { get; private set; }

        /// <summary>Runs until <paramref name="ct"/> fires (returns) or the session closes (throws).</summary>
        public async Task RunAsync(CancellationToken ct)
        {
            var lastMissed = _missed();
            foreach (var t in _tickers) { _live.Add(t); await RequestAsync(FixSubscriptionType.SnapshotAndUpdates, t, ct).ConfigureAwait(false); }
            try
            {
                while (true)
                {
                    var m = await _receive(ct).ConfigureAwait(false);
                    if (m == null) throw new FixConnectionLostException(_endReason(), "The order books are no longer followed; reconnect with Connect-KalshiFix -SessionType MarketData.");
                    var missed = _missed();
                    if (missed != lastMissed)
                    {
                        // Something before this message was lost: no book can be trusted until it is re-snapshotted.
                        lastMissed = missed;
                        Resyncs++;
                        var resync = _tracker.OnMissedMessages();
                        _outbox.Notify(new StreamNotice(false, $"Kalshi FIX market data: messages were lost; re-snapshotting {string.Join(", ", resync)}."));
                        foreach (var t in resync) await RequestAsync(FixSubscriptionType.Snapshot, t, ct).ConfigureAwait(false);
                    }
                    await ApplyAsync(m, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (ct.IsCancellationRequested) await UnsubscribeAsync().ConfigureAwait(false);
            }
        }

        private async Task ApplyAsync(FixMessage m, CancellationToken ct)
        {
            var seq = m.TryGetInt(FixTags.MsgSeqNum, out var s) ? s : (long?)null;
            var now = DateTime.UtcNow;
            switch (m.MsgType)
            {
                case FixAppMsgTypes.MarketDataSnapshotFullRefresh:
                    if (!FixMarketDataSnapshot.TryParse(m, out var snapshot, out var e1)) { await UnreadableAsync(e1, ct).ConfigureAwait(false); return; }
                    var book = _tracker.OnSnapshot(snapshot, seq, now);
                    if (book != null) _outbox.Post(book.Ticker, book);
                    break;
                case FixAppMsgTypes.MarketDataIncrementalRefresh:
                    if (!FixMarketDataIncremental.TryParse(m, out var incremental, out var e2)) { await UnreadableAsync(e2, ct).ConfigureAwait(false); return; }
                    foreach (var changed in _tracker.OnIncremental(incremental, seq, now)) _outbox.Post(changed.Ticker, changed);
                    break;
                case FixAppMsgTypes.MarketDataRequestReject:
                    FixMarketDataRequestReject.TryParse(m, out var reject, out _);
                    var ticker = TickerOf(reject?.MdReqId);
                    if (ticker == null || !_live.Remove(ticker))
                    {
                        _outbox.Notify(new StreamNotice(true, "Kalshi FIX market data: a request was refused: " + (reject?.Text ?? "no reason given") + "."));
                        return;
                    }
                    _tracker.Remove(ticker);
                    _outbox.Notify(new StreamRefusal(ticker, reject.Text ?? "refused", _live.Count == 0));
                    break;
            }
        }

        // A message we cannot read may have changed any book: treat it as a loss.
        private async Task UnreadableAsync(string error, CancellationToken ct)
        {
            _outbox.Notify(new StreamNotice(true, "Kalshi FIX market data: an unreadable message (" + error + "); the books wait for fresh snapshots."));
            _tracker.OnMissedMessages();
            Resyncs++;
            foreach (var t in _live.ToArray()) await RequestAsync(FixSubscriptionType.Snapshot, t, ct).ConfigureAwait(false);
        }

        private string TickerOf(string mdReqId) =>
            mdReqId != null && mdReqId.StartsWith(_requestPrefix, StringComparison.Ordinal) ? mdReqId.Substring(_requestPrefix.Length) : null;

        private Task RequestAsync(FixSubscriptionType type, string ticker, CancellationToken ct) =>
            _send(new FixMarketDataRequest { MdReqId = _requestPrefix + ticker, Type = type, Symbols = { ticker } }.ToMessage(), ct);

        private async Task UnsubscribeAsync()
        {
            if (_live.Count == 0) return;
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            {
                try
                {
                    await _send(new FixMarketDataRequest { MdReqId = _requestPrefix + "stop", Type = FixSubscriptionType.Unsubscribe, Symbols = _live.ToList() }.ToMessage(), cts.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException || e is InvalidOperationException || e is System.IO.IOException)
                {
                    // The session is gone or busy: its subscriptions end with it.
                }
            }
        }
    }
}
