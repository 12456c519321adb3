using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace KalshiPS.Api
{
    /// <summary>What the order cmdlets need to know about a market before sending anything: its price grid and granularity.</summary>
    internal sealed class MarketRules
    {
        public MarketRules(string ticker, string eventTicker, string status, PriceGrid grid, bool fractional)
        {
            Ticker = ticker; EventTicker = eventTicker; Status = status; Grid = grid; Fractional = fractional;
        }
        public string Ticker { get; }
        public string EventTicker { get; }
        public string Status { get; }
        public PriceGrid Grid { get; }
        public bool Fractional { get; }
        /// <summary>Smallest count step: 0.01 contract on fractional markets, otherwise whole contracts.</summary>
        public decimal CountStep => Fractional ? 0.01m : 1m;
    }

    /// <summary>
    /// A bounded, thread-safe memory of markets, events and series this session has seen. It serves order validation
    /// (price grids) and tab completion without a network call per keystroke.
    /// </summary>
    internal sealed class MarketCatalog
    {
        private const int Capacity = 5000;
        private ConcurrentDictionary<string, MarketRules> _rules = NewTable<MarketRules>();
        private readonly RecentNames _markets = new RecentNames(Capacity);
        private int _inserts;
        private readonly RecentNames _events = new RecentNames(Capacity);
        private readonly RecentNames _series = new RecentNames(Capacity);
        private readonly RecentNames _orderGroups = new RecentNames(Capacity);

        public void Remember(MarketRules rules)
        {
            if (string.IsNullOrEmpty(rules?.Ticker)) return;
            // ConcurrentDictionary.Count takes every lock: look only every 256th insert (a listing remembers thousands).
            // A full table is replaced, not cleared and regrown: growing takes every lock while the other page parses.
            if ((System.Threading.Interlocked.Increment(ref _inserts) & 255) == 0 && _rules.Count >= Capacity) _rules = NewTable<MarketRules>();
            _rules[rules.Ticker] = rules;
            _markets.Add(rules.Ticker);
            if (!string.IsNullOrEmpty(rules.EventTicker)) _events.Add(rules.EventTicker);
        }

        /// <summary>
        /// Sized for <see cref="Capacity"/> (never grows) with more lock stripes than cores: two pages of a listing are
        /// parsed at once (read-ahead), each remembering a thousand markets.
        /// </summary>
        private static ConcurrentDictionary<string, T> NewTable<T>() =>
            new ConcurrentDictionary<string, T>(4 * Environment.ProcessorCount, Capacity + Capacity / 4, StringComparer.OrdinalIgnoreCase);

        public void RememberEvent(string eventTicker, string seriesTicker)
        {
            _events.Add(eventTicker);
            _series.Add(seriesTicker);
        }

        public void RememberSeries(string seriesTicker) => _series.Add(seriesTicker);

        /// <summary>Order group ids this session has created or read (for completion); deleted ones are forgotten.</summary>
        public void RememberOrderGroup(string id) => _orderGroups.Add(id);
        public void ForgetOrderGroup(string id) => _orderGroups.Remove(id);
        public IEnumerable<string> OrderGroupIds => _orderGroups.Snapshot();

        public bool TryGet(string ticker, out MarketRules rules) => _rules.TryGetValue(ticker ?? "", out rules);

        public IEnumerable<string> MarketTickers => _markets.Snapshot();
        public IEnumerable<string> EventTickers => _events.Snapshot();
        public IEnumerable<string> SeriesTickers => _series.Snapshot();

        /// <summary>
        /// Insertion-ordered names, oldest dropped past capacity. Lock-free: pages of a listing are parsed on two threads
        /// at once (read-ahead) and each remembers a thousand names; one lock per name made them queue for it.
        /// </summary>
        private sealed class RecentNames
        {
            private readonly int _capacity;
            private readonly ConcurrentQueue<string> _order = new ConcurrentQueue<string>();
            private readonly ConcurrentDictionary<string, byte> _set = NewTable<byte>();
            private int _queued;

            public RecentNames(int capacity) { _capacity = capacity; }

            public void Add(string name)
            {
                if (string.IsNullOrEmpty(name) || _set.ContainsKey(name) || !_set.TryAdd(name, 0)) return;
                _order.Enqueue(name);
                if (System.Threading.Interlocked.Increment(ref _queued) <= _capacity) return;
                if (_order.TryDequeue(out var oldest))
                {
                    System.Threading.Interlocked.Decrement(ref _queued);
                    _set.TryRemove(oldest, out _);
                }
            }

            /// <summary>Forgets a name (its place in the order is skipped from now on).</summary>
            public void Remove(string name)
            {
                if (!string.IsNullOrEmpty(name)) _set.TryRemove(name, out _);
            }

            public string[] Snapshot() => _order.Where(n => _set.ContainsKey(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }
    }
}
