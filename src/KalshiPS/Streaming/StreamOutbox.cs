using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace KalshiPS.Streaming
{
    internal enum TakeResult { Item, Timeout, Completed }

    /// <summary>
    /// The bounded hand-off between the receive loop (producer) and the pipeline thread (consumer).
    /// Items (fills, orders, trades, notices) are never dropped: <see cref="Add"/> blocks when the queue is full,
    /// which backs pressure up to the socket. State updates (books, tickers) are keyed and coalesce: while one is
    /// waiting, a newer one for the same key replaces it, so a slow consumer gets the latest state, not a backlog,
    /// and a key is released at most once per interval. Memory is bounded by capacity + number of keys.
    /// </summary>
    internal sealed class StreamOutbox
    {
        private sealed class Slot { public object Value; public bool Queued; public long LastTaken = long.MinValue; }
        private sealed class Entry { public object Item; public string Key; public bool Counted; public bool Notice; }

        private readonly object _gate = new object();
        private readonly LinkedList<Entry> _queue = new LinkedList<Entry>();
        private readonly Dictionary<string, Slot> _slots = new Dictionary<string, Slot>(StringComparer.OrdinalIgnoreCase);
        private readonly int _capacity;
        private readonly long _intervalTicks;
        private int _items;
        private bool _completed;
        private long _received;      // Add calls: every lossless item the stream handed over
        private readonly List<object> _refused = new List<object>(); // handed over after the end (or while it came): never queued
        // State posted during a burst (HoldUntilFlush), by key; only the producer touches it (Post and Flush run on its loop).
        private readonly Dictionary<string, object> _staged = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

        public StreamOutbox(int capacity, TimeSpan interval)
        {
            _capacity = Math.Max(1, capacity);
            _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        }

        public int Capacity => _capacity;
        public int Count { get { lock (_gate) return _queue.Count; } }

        /// <summary>
        /// Queues an item, waiting while the queue is full. Throws if <paramref name="ct"/> fires while waiting. An item
        /// that cannot be queued (the stream is ending) is kept in the count of <see cref="TakeUnwritten"/>, never lost silently.
        /// </summary>
        public void Add(object item, CancellationToken ct)
        {
            using (ct.Register(Wake))
            lock (_gate)
            {
                _received++;
                KalshiStreamDiagnostics.ItemReceived();
                while (_items >= _capacity && !_completed)
                {
                    if (ct.IsCancellationRequested) Refuse(item);
                    ct.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate, 1000);
                }
                if (ct.IsCancellationRequested || _completed) Refuse(item);
                ct.ThrowIfCancellationRequested();
                if (_completed) return;
                _queue.AddLast(new Entry { Item = item, Counted = true });
                _items++;
                KalshiStreamDiagnostics.Queued(_queue.Count);
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>
        /// Queues a notice (warning/verbose line) without waiting: notices may exceed the capacity by
        /// <paramref name="extra"/>; beyond that they are dropped. Returns false if dropped.
        /// </summary>
        public bool Notify(object item, int extra = 200)
        {
            lock (_gate)
            {
                if (_completed || _items >= _capacity + extra) return false;
                _queue.AddLast(new Entry { Item = item, Notice = true });
                _items++;
                KalshiStreamDiagnostics.Queued(_queue.Count);
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        /// <summary>
        /// When set, state posted by <see cref="Post"/> is held by the producer until <see cref="Flush"/>, which it calls
        /// at the end of each burst (a receive loop: before it waits for the network, every few messages, and when it
        /// stops). A flood then costs the consumer one state per key and burst, and one wake-up, instead of one per
        /// message; a lone message is flushed at once. Only for a producer that calls Post and Flush from one loop.
        /// </summary>
        public bool HoldUntilFlush { get; set; }

        /// <summary>Publishes the latest state for a key; replaces one still waiting. Never blocks.</summary>
        public void Post(string key, object value)
        {
            if (HoldUntilFlush) { _staged[key] = value; return; }
            lock (_gate) PostLocked(key, value);
        }

        private void PostLocked(string key, object value)
        {
            if (_completed) return;
            if (!_slots.TryGetValue(key, out var slot)) _slots[key] = slot = new Slot();
            slot.Value = value;
            if (!slot.Queued)
            {
                slot.Queued = true;
                _queue.AddLast(new Entry { Key = key });
                KalshiStreamDiagnostics.Queued(_queue.Count);
                Monitor.PulseAll(_gate); // a replaced value needs no wake-up: its entry already woke the consumer
            }
        }

        /// <summary>Hands the state held during a burst (see <see cref="HoldUntilFlush"/>) to the consumer, with one wake-up.</summary>
        public void Flush()
        {
            if (_staged.Count == 0) return;
            lock (_gate)
                foreach (var kv in _staged) PostLocked(kv.Key, kv.Value);
            _staged.Clear();
        }

        private void Refuse(object item)
        {
            if (_refused.Count < 1000) _refused.Add(item); else _refused.Add(null); // the count matters beyond that, not the items
        }

        /// <summary>Lossless items handed to <see cref="Add"/> so far.</summary>
        public long Received { get { lock (_gate) return _received; } }

        /// <summary>
        /// Ends the outbox and returns the lossless items that were never taken (still queued, or refused because the
        /// stream was ending), oldest first; null entries stand for refused items beyond the first 1000.
        /// <paramref name="notices"/> gets the notices still queued; keyed state still queued is discarded.
        /// </summary>
        public List<object> TakeUnwritten(out List<object> notices)
        {
            lock (_gate)
            {
                _completed = true;
                var left = new List<object>();
                notices = new List<object>();
                foreach (var e in _queue)
                    if (e.Counted) left.Add(e.Item);
                    else if (e.Notice) notices.Add(e.Item);
                left.AddRange(_refused);
                _queue.Clear();
                _items = 0;
                _refused.Clear();
                Monitor.PulseAll(_gate);
                return left;
            }
        }

        /// <summary>No more items will come; a waiting consumer sees <see cref="TakeResult.Completed"/> once the queue drains.</summary>
        /// <param name="fromProducer">The producer itself has ended: its last burst is handed over first (any other
        /// thread must pass false: the held state is the producer's alone).</param>
        public void Complete(bool fromProducer = false)
        {
            if (fromProducer) Flush();
            lock (_gate) { _completed = true; Monitor.PulseAll(_gate); }
        }

        /// <summary>Takes the next ready item, waiting up to <paramref name="maxWait"/>.</summary>
        public TakeResult TryTake(TimeSpan maxWait, CancellationToken ct, out object item)
        {
            var result = TakeLocked(maxWait, ct, out item);
            // Built after the queue's lock is released: the producer keeps posting meanwhile.
            if (item is IDeferredItem deferred) item = deferred.Materialize();
            return result;
        }

        private TakeResult TakeLocked(TimeSpan maxWait, CancellationToken ct, out object item)
        {
            item = null;
            long deadline = Stopwatch.GetTimestamp() + (long)(Math.Max(0, maxWait.TotalSeconds) * Stopwatch.Frequency);
            // Most takes find something ready: only a take that has to wait registers for the token.
            var ready = TakeReady(ct, waitUntil: null, out item);
            if (ready.HasValue) return ready.Value;
            using (ct.Register(Wake))
                return TakeReady(ct, deadline, out item).Value;
        }

        /// <summary>Under the lock: the next ready item, or (with <paramref name="waitUntil"/>) waits for one; null: none ready and no wait.</summary>
        private TakeResult? TakeReady(CancellationToken ct, long? waitUntil, out object item)
        {
            item = null;
            lock (_gate)
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    long now = Stopwatch.GetTimestamp();
                    long nextReady = long.MaxValue;
                    for (var node = _queue.First; node != null; node = node.Next)
                    {
                        var e = node.Value;
                        if (e.Key == null)
                        {
                            _queue.Remove(node);
                            _items--;
                            item = e.Item;
                            Monitor.PulseAll(_gate);
                            return TakeResult.Item;
                        }
                        var slot = _slots[e.Key];
                        long readyAt = slot.LastTaken == long.MinValue ? now : slot.LastTaken + _intervalTicks;
                        if (readyAt <= now || _completed)
                        {
                            _queue.Remove(node);
                            item = slot.Value;
                            slot.Value = null;
                            slot.Queued = false;
                            slot.LastTaken = now;
                            return TakeResult.Item;
                        }
                        nextReady = Math.Min(nextReady, readyAt);
                    }
                    if (_completed) return TakeResult.Completed;
                    if (waitUntil == null) return null;
                    long until = Math.Min(waitUntil.Value, nextReady);
                    if (until <= now) return TakeResult.Timeout;
                    var wait = TimeSpan.FromSeconds((double)(until - now) / Stopwatch.Frequency);
                    Monitor.Wait(_gate, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
                }
            }
        }

        private void Wake()
        {
            lock (_gate) Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A coalesced state that is built only when taken (e.g. an order book, see PendingBook).</summary>
    internal interface IDeferredItem
    {
        object Materialize();
    }
}
