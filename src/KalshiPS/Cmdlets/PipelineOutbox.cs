using System;
using System.Collections.Generic;
using System.Threading;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// The bounded queue between a cmdlet's async work (producer) and its pipeline thread (consumer). Unlike
    /// BlockingCollection, a waiting side blocks at once instead of spinning (SemaphoreSlim's spin-then-sleep burned
    /// more CPU than parsing on small items), and the consumer takes everything queued per wake-up.
    /// Cancelling the token wakes and fails both sides with OperationCanceledException.
    /// </summary>
    internal sealed class PipelineOutbox : IDisposable
    {
        private readonly object _gate = new object();
        private readonly int _capacity;
        private readonly CancellationToken _ct;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private List<Action> _queue = new List<Action>();
        private List<Action> _spare = new List<Action>();
        private bool _completed, _consumerWaiting;
        private int _producersWaiting;

        public PipelineOutbox(int capacity, CancellationToken ct)
        {
            _capacity = capacity;
            _ct = ct;
            _wakeOnCancel = ct.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
        }

        /// <summary>Queues <paramref name="action"/>, waiting while the queue is full; InvalidOperationException once completed.</summary>
        public void Add(Action action)
        {
            lock (_gate)
            {
                while (true)
                {
                    if (_completed) throw new InvalidOperationException("The cmdlet's output queue is already complete.");
                    _ct.ThrowIfCancellationRequested();
                    if (_queue.Count < _capacity) break;
                    _producersWaiting++;
                    try { Monitor.Wait(_gate); }
                    finally { _producersWaiting--; }
                }
                _queue.Add(action);
                if (_consumerWaiting) Monitor.Pulse(_gate);
            }
        }

        /// <summary>No more actions will come; the consumer returns once the queue is empty.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Runs the queued actions on the calling thread, in order, until completed and empty.</summary>
        public void Drain()
        {
            while (true)
            {
                List<Action> batch;
                lock (_gate)
                {
                    while (_queue.Count == 0 && !_completed)
                    {
                        _ct.ThrowIfCancellationRequested();
                        _consumerWaiting = true;
                        try { Monitor.Wait(_gate); }
                        finally { _consumerWaiting = false; }
                    }
                    _ct.ThrowIfCancellationRequested();
                    if (_queue.Count == 0) return;
                    batch = _queue;
                    _queue = _spare;
                    _spare = null;
                    if (_producersWaiting > 0) Monitor.PulseAll(_gate);
                }
                try
                {
                    foreach (var action in batch)
                    {
                        _ct.ThrowIfCancellationRequested(); // Ctrl+C stops between items, not after the batch
                        action();
                    }
                }
                finally
                {
                    batch.Clear();
                    lock (_gate) _spare = batch;
                }
            }
        }

        public void Dispose() => _wakeOnCancel.Dispose();
    }
}
