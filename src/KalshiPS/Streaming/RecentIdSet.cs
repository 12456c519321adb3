using System;
using System.Collections.Generic;

namespace KalshiPS.Streaming
{
    /// <summary>A set that remembers the last <c>capacity</c> ids (oldest forgotten first), so memory stays flat.</summary>
    internal sealed class RecentIdSet
    {
        private readonly HashSet<string> _set = new HashSet<string>(StringComparer.Ordinal);
        private readonly Queue<string> _order = new Queue<string>();
        private readonly int _capacity;

        public RecentIdSet(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
            _capacity = capacity;
        }

        public int Count => _set.Count;

        public bool Contains(string id) => _set.Contains(id);

        /// <summary>Adds an id; false if it was already there (a duplicate).</summary>
        public bool Add(string id)
        {
            if (!_set.Add(id)) return false;
            _order.Enqueue(id);
            while (_order.Count > _capacity) _set.Remove(_order.Dequeue());
            return true;
        }
    }
}
