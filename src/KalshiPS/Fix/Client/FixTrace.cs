using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// The -Verbose lines of a FIX connection ("FIX out: ...", "FIX in: ..."; RawData and Password are redacted by
    /// FixMessage.ToString). A connection outlives the command that opened it, so each command attaches its own buffer
    /// for as long as it runs and writes the lines on its pipeline thread. Writing never blocks the session: a buffer
    /// that is full drops lines and says how many.
    /// </summary>
    internal sealed class FixTrace
    {
        private readonly object _gate = new object();
        private readonly List<FixTraceBuffer> _buffers = new List<FixTraceBuffer>();

        public void Write(string line)
        {
            FixTraceBuffer[] targets;
            lock (_gate) { if (_buffers.Count == 0) return; targets = _buffers.ToArray(); }
            foreach (var b in targets) b.Add(line);
        }

        /// <summary>Attaches a buffer until it is disposed.</summary>
        public FixTraceBuffer Attach(int capacity = 1000)
        {
            var buffer = new FixTraceBuffer(capacity, b => { lock (_gate) _buffers.Remove(b); });
            lock (_gate) _buffers.Add(buffer);
            return buffer;
        }
    }

    /// <summary>One command's share of a connection's trace; drained on its pipeline thread.</summary>
    internal sealed class FixTraceBuffer : IDisposable
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();
        private readonly int _capacity;
        private readonly Action<FixTraceBuffer> _detach;
        private int _count;
        private long _dropped;

        internal FixTraceBuffer(int capacity, Action<FixTraceBuffer> detach) { _capacity = capacity; _detach = detach; }

        internal void Add(string line)
        {
            if (Interlocked.Increment(ref _count) > _capacity) { Interlocked.Decrement(ref _count); Interlocked.Increment(ref _dropped); return; }
            _lines.Enqueue(line);
        }

        /// <summary>The lines so far (and one line for any that were dropped), oldest first.</summary>
        public List<string> Drain()
        {
            var list = new List<string>();
            while (_lines.TryDequeue(out var line)) { Interlocked.Decrement(ref _count); list.Add(line); }
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0) list.Add($"FIX: {dropped} trace lines were not shown (the command wrote them more slowly than they came).");
            return list;
        }

        public void Dispose() => _detach(this);
    }
}
