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
        private readonly ConcurrentDictionary<string, MarketRules> _rules = new ConcurrentDictionary<string, MarketRules>(StringComparer.OrdinalIgnoreCase);
        private readonly RecentNames _markets = new RecentNames(Capacity);
        private int _inserts;
        private readonly RecentNames _events = new RecentNames(Capacity);
        private readonly RecentNames _series = new RecentNames(Capacity);
        private readonly RecentNames _orderGroups = new RecentNames(Capacity);

        public void Remember(MarketRules rules)
        {
            if (string.IsNullOrEmpty(rules?.Ticker)) return;
            // ConcurrentDictionary.Count takes every lock: look only every 256th insert (a listing remembers thousands).
            if ((System.Threading.Interlocked.Increment(ref _inserts) & 255) == 0 && _rules.Count >= Capacity) _rules.Clear();
            _rules[rules.Ticker] = rules;
            _markets.Add(rules.Ticker);
            if (!string.IsNullOrEmpty(rules.EventTicker)) _events.Add(rules.EventTicker);
        }

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

        /// <summary>Insertion-ordered names, oldest dropped past capacity.</summary>
        private sealed class RecentNames
        {
            private readonly int _capacity;
            private readonly LinkedList<string> _order = new LinkedList<string>();
            private readonly HashSet<string> _set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public RecentNames(int capacity) { _capacity = capacity; }

            public void Add(string name)
            {
                if (string.IsNullOrEmpty(name)) return;
                lock (_order)
                {
                    if (!_set.Add(name)) return;
                    _order.AddLast(name);
                    if (_order.Count > _capacity) { _set.Remove(_order.First.Value); _order.RemoveFirst(); }
                }
            }

            public void Remove(string name)
            {
                if (string.IsNullOrEmpty(name)) return;
                lock (_order) if (_set.Remove(name)) _order.Remove(name);
            }

            public string[] Snapshot() { lock (_order) return _order.ToArray(); }
        }
    }
}
