using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// One inbound message handed to a subscriber, with how many matching messages this subscriber missed right before
    /// it (its queue was full). A reader that keeps state (a local order book) must resynchronise when that is not 0.
    /// </summary>
    internal readonly struct FixDelivery
    {
        public FixDelivery(FixMessage message, long droppedBefore) { Message = message; DroppedBefore = droppedBefore; }
        /// <summary>Null at the end: the connection closed and everything queued was taken.</summary>
        public FixMessage Message { get; }
        public long DroppedBefore { get; }
        public bool IsEnd => Message == null;
    }

    /// <summary>
    /// A subscriber's bounded queue of the connection's inbound application messages that pass its filter. The
    /// connection never waits for it: when it is full a message is dropped for this subscriber only, counted, and
    /// reported with the next delivery. Dispose to unsubscribe.
    /// </summary>
    internal sealed class FixSubscription : IDisposable
    {
        private readonly Func<FixMessage, bool> _filter;
        private readonly Action<FixSubscription> _unsubscribe;
        private readonly Queue<FixDelivery> _queue = new Queue<FixDelivery>();
        private readonly SemaphoreSlim _ready = new SemaphoreSlim(0);
        private long _dropped, _gap;
        private bool _completed;

        internal FixSubscription(Func<FixMessage, bool> filter, int capacity, Action<FixSubscription> unsubscribe)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "A subscription needs room for at least one message.");
            _filter = filter ?? (_ => true);
            Capacity = capacity;
            _unsubscribe = unsubscribe;
        }

        public int Capacity { get; }
        /// <summary>Matching messages this subscriber missed because its queue was full.</summary>
        public long Dropped { get { lock (_queue) return _dropped; } }
        /// <summary>Why the stream ended (the connection's close reason), once it has.</summary>
        public string EndReason { get; private set; }

        /// <summary>Called by the connection's reader; never blocks. Returns false when the message was dropped here.</summary>
        internal bool Offer(FixMessage m)
        {
            bool wanted;
            try { wanted = _filter(m); }
            catch (Exception) { wanted = false; } // a faulty filter must not stop the connection's reader
            if (!wanted) return true;
            lock (_queue)
            {
                if (_completed) return true;
                if (_queue.Count >= Capacity) { _dropped++; _gap++; return false; }
                _queue.Enqueue(new FixDelivery(m, _gap));
                _gap = 0;
            }
            _ready.Release();
            return true;
        }

        internal void Complete(string reason)
        {
            lock (_queue)
            {
                if (_completed) return;
                _completed = true;
                EndReason = reason;
            }
            _ready.Release();
        }

        /// <summary>The next delivery; an end delivery (IsEnd) once the connection closed and the queue is drained.</summary>
        public async Task<FixDelivery> TakeAsync(CancellationToken ct)
        {
            while (true)
            {
                if (TryDequeue(out var d)) return d;
                await _ready.WaitAsync(ct).ConfigureAwait(false);
            }
        }

        /// <summary>Waits up to <paramref name="wait"/> for a delivery (for a pipeline-thread loop); false on timeout.</summary>
        public bool TryTake(TimeSpan wait, CancellationToken ct, out FixDelivery delivery)
        {
            if (TryDequeue(out delivery)) return true;
            if (!_ready.Wait(wait, ct)) return false;
            return TryDequeue(out delivery) || TryTake(TimeSpan.Zero, ct, out delivery);
        }

        private bool TryDequeue(out FixDelivery d)
        {
            lock (_queue)
            {
                if (_queue.Count > 0) { d = _queue.Dequeue(); return true; }
                if (_completed)
                {
                    d = new FixDelivery(null, _gap);
                    _gap = 0;
                    _ready.Release(); // every later take sees the end too
                    return true;
                }
            }
            d = default;
            return false;
        }

        public void Dispose()
        {
            _unsubscribe?.Invoke(this);
            Complete("unsubscribed");
        }
    }
}
