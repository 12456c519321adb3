using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// A channel whose messages map one-to-one to output objects (trade, ticker, user_order, market_position,
    /// market_lifecycle_v2). Tickers are filtered here as well when the channel ignores the filter.
    /// </summary>
    internal sealed class MessageHandler<T> : ChannelHandler where T : class
    {
        private readonly HashSet<string> _types;
        private readonly Func<StreamMessage, T> _map;
        private readonly Func<T, string> _tickerOf;
        private readonly Action<T> _emit;
        private readonly Func<T, bool> _accept;

        /// <param name="accept">Replaces the ticker filter when given (e.g. lifecycle messages that name an event, not a market).</param>
        public MessageHandler(string channel, IEnumerable<string> messageTypes, IReadOnlyList<string> tickers, bool tickerFilterSupported,
            Func<StreamMessage, T> map, Func<T, string> tickerOf, Action<T> emit, Func<T, bool> accept = null)
            : base(channel, tickers, tickerFilterSupported)
        {
            _types = new HashSet<string>(messageTypes, StringComparer.Ordinal);
            _map = map;
            _tickerOf = tickerOf;
            _emit = emit;
            _accept = accept;
        }

        protected override Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct)
        {
            if (!_types.Contains(m.Type ?? "")) return Task.CompletedTask;
            if (gap) ctx.Warn($"Kalshi stream: {Channel} messages were missed (sequence gap at seq {m.Seq}).");
            T item;
            try { item = _map(m); }
            catch (Exception e) when (e is FormatException || e is InvalidOperationException || e is JsonException)
            {
                ctx.Verbose($"Kalshi stream: ignored an unreadable {m.Type} message: {e.Message}");
                return Task.CompletedTask;
            }
            if (item == null) return Task.CompletedTask;
            if (_accept != null ? !_accept(item) : !Watches(_tickerOf(item))) return Task.CompletedTask;
            _emit(item);
            return Task.CompletedTask;
        }

        protected override Task OnSubscribedAsync(IStreamContext ctx, bool resubscribed, CancellationToken ct)
        {
            if (resubscribed) ctx.Verbose($"Kalshi stream: {Channel} messages sent while the subscription was down are not replayed.");
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The fill channel, exactly once: fills are deduplicated by trade id + order id (bounded memory), and whenever the
    /// subscription is replaced (reconnect, overflow) the gap is reconciled from /portfolio/fills since the last fill
    /// seen (or since the stream started), oldest first.
    /// </summary>
    internal sealed class FillHandler : ChannelHandler
    {
        public delegate Task<IReadOnlyList<KalshiFill>> FetchFills(long minTs, CancellationToken ct);

        private readonly RecentIdSet _seen;
        private readonly FetchFills _fetch;
        private readonly Action<KalshiFill> _emit;
        private DateTime _since;

        public FillHandler(IReadOnlyList<string> tickers, DateTime startedAt, FetchFills fetch, Action<KalshiFill> emit, int dedupeCapacity = 10000)
            : base("fill", tickers)
        {
            _seen = new RecentIdSet(dedupeCapacity);
            _fetch = fetch;
            _emit = emit;
            _since = startedAt;
        }

        public int Reconciled { get; private set; }

        public static string KeyOf(KalshiFill f) => (f.TradeId ?? f.FillId) + "|" + f.OrderId;

        protected override Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct)
        {
            if (m.Type != "fill") return Task.CompletedTask;
            Offer(Wire.PortfolioWire.Fill(m.Msg));
            return Task.CompletedTask;
        }

        private bool Offer(KalshiFill f)
        {
            if (f == null) return false;
            if (!Watches(f.Ticker)) return false;
            if (!_seen.Add(KeyOf(f))) return false;
            if (f.CreatedTime.HasValue && f.CreatedTime.Value > _since) _since = f.CreatedTime.Value;
            _emit(f);
            return true;
        }

        protected override async Task OnSubscribedAsync(IStreamContext ctx, bool resubscribed, CancellationToken ct)
        {
            if (!resubscribed || _fetch == null) return;
            // Seconds resolution: start one second early; duplicates are dropped by id.
            long minTs = new DateTimeOffset(DateTime.SpecifyKind(_since, DateTimeKind.Utc)).ToUnixTimeSeconds() - 1;
            await ReconcileAsync(ctx, async () =>
            {
                var fills = await _fetch(minTs, ct).ConfigureAwait(false);
                int n = 0;
                foreach (var f in fills.OrderBy(f => f.CreatedTime ?? DateTime.MinValue))
                    if (Offer(f)) n++;
                Reconciled += n;
                return $"Kalshi stream: reconciled fills since {_since:o} from /portfolio/fills: {n} missed fill(s) recovered.";
            }, "Kalshi stream: could not reconcile fills after the reconnect ({0}); fills during the outage may be missing. Check Get-KalshiFill.", ct).ConfigureAwait(false);
        }
    }
}
