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
        private readonly Action<KalshiOrderbook> _publish;
        private readonly HashSet<long> _snapshotCommands = new HashSet<long>();

        public OrderbookHandler(IReadOnlyList<string> tickers, int depth, Action<KalshiOrderbook> publish)
            : base("orderbook_delta", tickers)
        {
            if (tickers == null || tickers.Count == 0) throw new ArgumentException("At least one ticker is required.", nameof(tickers));
            _tracker = new OrderbookTracker(tickers, depth);
            _publish = publish;
        }

        public int Resyncs { get; private set; }

        protected override void OnSubscriptionLost()
        {
            _tracker.Reset();
            _snapshotCommands.Clear();
        }

        protected override async Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct)
        {
            var msg = m.Msg;
            BookUpdate update;
            switch (m.Type)
            {
                case "orderbook_snapshot":
                {
                    var (yes, no) = MarketDataWire.BookSides(msg);
                    update = _tracker.OnSnapshot(msg.Str("market_ticker"), m.Seq, yes, no, msg.TimeMs("ts_ms") ?? m.ReceivedAt);
                    break;
                }
                case "orderbook_delta":
                {
                    var price = msg.Dec("price_dollars");
                    var delta = msg.Dec("delta_fp");
                    var side = msg.Str("side");
                    if (price == null || delta == null || side == null)
                    {
                        // A delta we cannot read is as bad as a missing one.
                        update = new BookUpdate { Resync = _tracker.Tickers.ToArray(), Reason = "unreadable delta" };
                        _tracker.Reset();
                        break;
                    }
                    update = _tracker.OnDelta(msg.Str("market_ticker"), m.Seq, side, price.Value, delta.Value, msg.TimeMs("ts_ms") ?? m.ReceivedAt);
                    break;
                }
                default:
                    return;
            }
            if (update.Book != null) _publish(update.Book);
            if (update.Resync != null) await ResyncAsync(ctx, update.Resync, update.Reason, ct).ConfigureAwait(false);
        }

        private async Task ResyncAsync(IStreamContext ctx, string[] tickers, string reason, CancellationToken ct)
        {
            if (Sid == null) return;
            Resyncs++;
            ctx.Verbose($"Kalshi stream: order book {reason} on sid {Sid}; resyncing {string.Join(", ", tickers)} from a snapshot.");
            var id = await ctx.SendCommandAsync("update_subscription", new Dictionary<string, object>
            {
                ["sid"] = Sid.Value,
                ["action"] = "get_snapshot",
                ["market_tickers"] = tickers,
            }, ct).ConfigureAwait(false);
            _snapshotCommands.Add(id);
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
