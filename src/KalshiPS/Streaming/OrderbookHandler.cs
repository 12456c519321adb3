using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// orderbook_delta for a set of tickers: local books from snapshot + deltas, resync with get_snapshot on a seq gap
    /// (falling back to unsubscribe + subscribe if the server refuses), fresh snapshots after resubscribes and reconnects.
    /// Books are published as coalescing state, keyed by ticker.
    /// </summary>
    internal sealed class OrderbookHandler : ChannelHandler
    {
        private readonly OrderbookTracker _tracker;
        private readonly Action<PendingBook> _publish;
        private readonly HashSet<long> _snapshotCommands = new HashSet<long>();
        // Tickers whose snapshot was asked for (subscribe or get_snapshot) and has not arrived, with the deadline.
        private readonly Dictionary<string, DateTime> _awaiting = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
        private readonly TimeSpan _snapshotTimeout;
        private int _timeoutsInARow;

        public OrderbookHandler(IReadOnlyList<string> tickers, int depth, Action<KalshiOrderbook> publish, TimeSpan snapshotTimeout = default)
            : this(tickers, depth, snapshotTimeout, pending => publish(pending.Materialize())) { }

        /// <summary>Publishes each changed book as a <see cref="PendingBook"/>, built only when the consumer takes it.</summary>
        public static OrderbookHandler Deferred(IReadOnlyList<string> tickers, int depth, Action<PendingBook> publish) =>
            new OrderbookHandler(tickers, depth, default, publish);

        private OrderbookHandler(IReadOnlyList<string> tickers, int depth, TimeSpan snapshotTimeout, Action<PendingBook> publish)
            : base("orderbook_delta", tickers)
        {
            if (tickers == null || tickers.Count == 0) throw new ArgumentException("At least one ticker is required.", nameof(tickers));
            _tracker = new OrderbookTracker(tickers, depth);
            _publish = publish;
            _snapshotTimeout = snapshotTimeout > TimeSpan.Zero ? snapshotTimeout : TimeSpan.FromSeconds(5);
        }

        public int Resyncs { get; private set; }
        /// <summary>Snapshots that never came and were replaced by a resubscribe.</summary>
        public int SnapshotTimeouts { get; private set; }

        protected override void OnTickerRefused(string ticker)
        {
            _awaiting.Remove(ticker); // no snapshot will come for it
            _tracker.Remove(ticker);
        }

        protected override void OnSubscriptionLost()
        {
            _tracker.Reset();
            _snapshotCommands.Clear();
            _awaiting.Clear();
        }

        // The wait grows when snapshots keep not coming (e.g. a ticker the server never snapshots), so a resubscribe
        // loop stays slow: 1x, 2x, 4x, 8x the timeout, at most 60 s.
        private DateTime Deadline(IStreamContext ctx)
        {
            var wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, _snapshotTimeout.Ticks << Math.Min(_timeoutsInARow, 3)));
            return ctx.UtcNow + wait;
        }

        protected override Task OnSubscribedAsync(IStreamContext ctx, bool resubscribed, CancellationToken ct)
        {
            var deadline = Deadline(ctx);
            foreach (var t in Tickers) _awaiting[t] = deadline; // the subscribe's snapshots (refused markets are no longer in Tickers)
            return Task.CompletedTask;
        }

        /// <summary>
        /// A requested snapshot that never arrives would leave its book untrusted (and silent) forever: past the
        /// deadline, drop the subscription and subscribe again, which brings fresh snapshots for every ticker.
        /// </summary>
        public override async Task OnTickAsync(IStreamContext ctx, CancellationToken ct)
        {
            if (Sid == null || _awaiting.Count == 0) return;
            var now = ctx.UtcNow;
            var late = _awaiting.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToArray();
            if (late.Length == 0) return;
            SnapshotTimeouts++;
            _timeoutsInARow++;
            ctx.Warn($"Kalshi stream: no order book snapshot for {string.Join(", ", late)} in time; resubscribing (its book is not emitted until a snapshot arrives).");
            await ResubscribeAsync(ctx, ct).ConfigureAwait(false);
        }

        protected override async Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct)
        {
            BookUpdate update;
            switch (m.Type)
            {
                case "orderbook_snapshot":
                {
                    var msg = m.Msg;
                    var (yes, no) = MarketDataWire.BookSides(msg);
                    var ticker = msg.Str("market_ticker");
                    update = _tracker.OnSnapshot(ticker, m.Seq, yes, no, msg.TimeMs("ts_ms") ?? m.ReceivedAt);
                    if (ticker != null && _awaiting.Remove(ticker)) _timeoutsInARow = 0;
                    break;
                }
                case "orderbook_delta":
                {
                    var d = m.Delta ?? default;
                    if (d.Price == null || d.Size == null || d.Side == null)
                    {
                        // A delta we cannot read is as bad as a missing one.
                        update = new BookUpdate { Resync = _tracker.Tickers.ToArray(), Reason = "unreadable delta" };
                        _tracker.Reset();
                        break;
                    }
                    update = _tracker.OnDelta(d.Ticker, m.Seq, d.Side, d.Price.Value, d.Size.Value, d.Time ?? m.ReceivedAt);
                    break;
                }
                default:
                    return;
            }
            if (update.Pending != null) _publish(update.Pending);
            if (update.Resync != null) await ResyncAsync(ctx, update.Resync, update.Reason, ct).ConfigureAwait(false);
        }

        private async Task ResyncAsync(IStreamContext ctx, string[] tickers, string reason, CancellationToken ct)
        {
            if (Sid == null) return;
            // A snapshot already asked for also covers this gap (the lost message precedes it in the seq chain).
            tickers = tickers.Where(t => !_awaiting.ContainsKey(t)).ToArray();
            if (tickers.Length == 0) return;
            Resyncs++;
            ctx.Verbose($"Kalshi stream: order book {reason} on sid {Sid}; resyncing {string.Join(", ", tickers)} from a snapshot.");
            var id = await ctx.SendCommandAsync("update_subscription", new Dictionary<string, object>
            {
                ["sid"] = Sid.Value,
                ["action"] = "get_snapshot",
                ["market_tickers"] = tickers,
            }, ct).ConfigureAwait(false);
            _snapshotCommands.Add(id);
            var deadline = Deadline(ctx);
            foreach (var t in tickers) _awaiting[t] = deadline;
        }

        protected override async Task<bool> OnCommandErrorAsync(IStreamContext ctx, StreamMessage m, CancellationToken ct)
        {
            if (m.Id.HasValue && _snapshotCommands.Remove(m.Id.Value))
            {
                ctx.Verbose($"Kalshi stream: get_snapshot was refused ({m.ErrorText}, code {m.ErrorCode}); resubscribing instead.");
                await ResubscribeAsync(ctx, ct).ConfigureAwait(false);
                return true;
            }
            return false;
        }
    }
}
