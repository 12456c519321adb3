using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// A channel of state updates without seq (user_orders, market_positions), made whole across reconnects: whenever
    /// the subscription is replaced, what changed while it was down is read from REST and written, and nothing is
    /// written twice. Each item has a key (order id, market ticker) and a fingerprint of its state; an update whose
    /// state equals the last one written for its key is a duplicate and dropped. After a resubscribe, the REST items
    /// updated since the previous subscription went live (less <see cref="ClockMargin"/>), or with no update time
    /// but already seen, are offered the same way, oldest first.
    /// </summary>
    internal sealed class StateReconcilingHandler<T> : ChannelHandler where T : class
    {
        public delegate Task<IReadOnlyList<T>> FetchState(CancellationToken ct);

        /// <summary>Allowance for the difference between this machine's clock and the exchange's.</summary>
        internal static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(2);

        private readonly string _messageType;
        private readonly Func<StreamMessage, T> _map;
        private readonly Func<T, string> _key, _tickerOf, _fingerprint;
        private readonly Func<T, DateTime?> _updatedAt;
        private readonly FetchState _fetch;
        private readonly Action<T> _emit;
        private readonly string _source;
        private readonly HashSet<string> _filter;
        private readonly Dictionary<string, string> _last = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Queue<string> _order = new Queue<string>();
        private readonly int _capacity;
        private DateTime? _liveSince;

        public StateReconcilingHandler(string channel, string messageType, IReadOnlyList<string> tickers, Func<StreamMessage, T> map,
            Func<T, string> key, Func<T, string> tickerOf, Func<T, string> fingerprint, Func<T, DateTime?> updatedAt,
            FetchState fetch, string source, Action<T> emit, int capacity = 10000)
            : base(channel, tickers)
        {
            _messageType = messageType; _map = map; _key = key; _tickerOf = tickerOf; _fingerprint = fingerprint; _updatedAt = updatedAt;
            _fetch = fetch; _source = source; _emit = emit; _capacity = capacity;
            _filter = Tickers == null ? null : new HashSet<string>(Tickers, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Updates written from REST after reconnects (for tests and -Verbose).</summary>
        public int Reconciled { get; private set; }

        protected override Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct)
        {
            if (m.Type != _messageType) return Task.CompletedTask;
            T item;
            try { item = _map(m); }
            catch (Exception e) when (e is FormatException || e is InvalidOperationException || e is JsonException)
            {
                ctx.Verbose($"Kalshi stream: ignored an unreadable {m.Type} message: {e.Message}");
                return Task.CompletedTask;
            }
            Offer(item);
            return Task.CompletedTask;
        }

        private bool Offer(T item)
        {
            if (item == null) return false;
            if (_filter != null && !_filter.Contains(_tickerOf(item) ?? "")) return false;
            var key = _key(item);
            if (key == null) { _emit(item); return true; }
            var state = _fingerprint(item);
            if (_last.TryGetValue(key, out var last) && last == state) return false;
            if (!_last.ContainsKey(key))
            {
                _order.Enqueue(key);
                while (_order.Count > _capacity) _last.Remove(_order.Dequeue());
            }
            _last[key] = state;
            _emit(item);
            return true;
        }

        protected override async Task OnSubscribedAsync(IStreamContext ctx, bool resubscribed, CancellationToken ct)
        {
            // Taken before reading REST: anything that changes while it is read is covered next time.
            var liveNow = ctx.UtcNow;
            var previous = _liveSince;
            if (!resubscribed || previous == null || _fetch == null) { _liveSince = liveNow; return; }
            var since = previous.Value - ClockMargin;
            await ReconcileAsync(ctx, async () =>
            {
                var state = await _fetch(ct).ConfigureAwait(false);
                _liveSince = liveNow; // only once read: after a failed read the next reconnect covers this outage too
                int n = 0;
                foreach (var item in state
                    .Where(x => { var at = _updatedAt(x); return at.HasValue ? at.Value >= since : _last.ContainsKey(_key(x) ?? ""); })
                    .OrderBy(x => _updatedAt(x) ?? DateTime.MinValue))
                    if (Offer(item)) n++;
                Reconciled += n;
                return $"Kalshi stream: reconciled {Channel} since {since:o} from {_source}: {n} missed update(s) recovered.";
            }, $"Kalshi stream: could not reconcile {Channel} after the reconnect ({{0}}); updates during the outage may be missing. Check {_source}.", ct).ConfigureAwait(false);
        }

        /// <summary>A state fingerprint from values; decimals by value, so "0.56" and "0.5600" are the same state.</summary>
        internal static string Fingerprint(params object[] values) =>
            string.Join("|", values.Select(v => v is decimal d ? Canonical(d) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));

        private static string Canonical(decimal d)
        {
            var s = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return s.IndexOf('.') < 0 ? s : s.TrimEnd('0').TrimEnd('.');
        }
    }
}
