using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// A thread-safe set of market tickers that a running Watch-* stream follows (-TickerSource): Add and Remove from
    /// any thread or runspace change the live subscription without reconnecting. Tickers are checked (letters, digits,
    /// '-', '.', '_') and upper-cased when added; a bad one throws and is not added.
    /// </summary>
    public sealed class KalshiTickerSet : IEnumerable<string>, INotifyCollectionChanged
    {
        private readonly object _gate = new object();
        private readonly List<string> _items = new List<string>();

        public KalshiTickerSet() { }
        public KalshiTickerSet(IEnumerable<string> tickers) { if (tickers != null) foreach (var t in tickers) Add(t); }

        public event NotifyCollectionChangedEventHandler CollectionChanged;

        public int Count { get { lock (_gate) return _items.Count; } }

        public bool Contains(string ticker)
        {
            var t = Normalize(ticker);
            lock (_gate) return _items.Contains(t);
        }

        /// <summary>Adds a ticker; false when it is already in the set.</summary>
        public bool Add(string ticker)
        {
            var t = Normalize(ticker);
            lock (_gate)
            {
                if (_items.Contains(t)) return false;
                _items.Add(t);
            }
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Add, new List<string> { t }));
            return true;
        }

        /// <summary>Removes a ticker; false when it was not in the set.</summary>
        public bool Remove(string ticker)
        {
            var t = Normalize(ticker);
            lock (_gate) if (!_items.Remove(t)) return false;
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Remove, new List<string> { t }));
            return true;
        }

        public void Clear()
        {
            lock (_gate) _items.Clear();
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }

        public string[] ToArray() { lock (_gate) return _items.ToArray(); }
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)ToArray()).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => string.Join(", ", ToArray());

        private static string Normalize(string ticker)
        {
            var t = (ticker ?? "").Trim(' ', '\t');
            if (t.Length == 0 || t.Length > 256 || !IsTickerChar(t[0]) || t[0] == '-' || t[0] == '.' || t[0] == '_' || !t.All(IsTickerChar))
                throw new ArgumentException($"'{ticker}' is not a market ticker: a ticker is 1-256 ASCII letters, digits, '-', '.' or '_', starting with a letter or digit.", nameof(ticker));
            return t.ToUpperInvariant();
        }

        private static bool IsTickerChar(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    }
}
