using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix
{
    /// <summary>
    /// A bounded FIFO between a FIX session's loops and its user. Space is reserved first and filled second, so a caller
    /// can take a slot, then number and enqueue a message atomically under its own lock (sequence numbers stay in order).
    /// </summary>
    internal sealed class FixAsyncQueue<T>
    {
        private readonly Queue<T> _items = new Queue<T>();
        private readonly SemaphoreSlim _space;
        private readonly SemaphoreSlim _ready = new SemaphoreSlim(0);
        private readonly CancellationTokenSource _completed = new CancellationTokenSource();

        public FixAsyncQueue(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "A queue needs room for at least one item.");
            Capacity = capacity;
            _space = new SemaphoreSlim(capacity, capacity);
        }

        public int Capacity { get; }
        public bool IsCompleted => _completed.IsCancellationRequested;
        public int Count { get { lock (_items) return _items.Count; } }

        /// <summary>Waits for a free slot; false once the queue is completed.</summary>
        public async Task<bool> ReserveAsync(CancellationToken ct)
        {
            if (IsCompleted) return false;
            using (var both = CancellationTokenSource.CreateLinkedTokenSource(ct, _completed.Token))
            {
                try { await _space.WaitAsync(both.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return false; }
            }
            return true;
        }

        /// <summary>Takes a free slot without waiting; false when full or completed.</summary>
        public bool TryReserve() => !IsCompleted && _space.Wait(0);

        /// <summary>Fills a slot taken by <see cref="ReserveAsync"/> or <see cref="TryReserve"/>.</summary>
        public void AddReserved(T item)
        {
            lock (_items) _items.Enqueue(item);
            _ready.Release();
        }

        public async Task<bool> AddAsync(T item, CancellationToken ct)
        {
            if (!await ReserveAsync(ct).ConfigureAwait(false)) return false;
            AddReserved(item);
            return true;
        }

        /// <summary>The next item; (false, default) once completed and drained.</summary>
        public async Task<(bool Ok, T Item)> TakeAsync(CancellationToken ct)
        {
            while (true)
            {
                lock (_items)
                {
                    if (_items.Count > 0 && _ready.Wait(0))
                    {
                        var item = _items.Dequeue();
                        _space.Release();
                        return (true, item);
                    }
                    if (IsCompleted) return (false, default(T));
                }
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(ct, _completed.Token))
                {
                    try { await _ready.WaitAsync(both.Token).ConfigureAwait(false); _ready.Release(); }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
                }
            }
        }

        /// <summary>Stops new items; items already queued can still be taken.</summary>
        public void Complete()
        {
            try { _completed.Cancel(); } catch (ObjectDisposedException) { }
        }
    }
}
