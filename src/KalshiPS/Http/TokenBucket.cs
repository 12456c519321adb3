using System;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Http
{
    /// <summary>
    /// A client-side token bucket. A request reserves its cost at once (the balance may go negative) and waits until
    /// the refill covers it, so callers are served in arrival order and never fail for lack of tokens.
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly TimeProvider _time;
        private readonly object _gate = new object();
        private double _tokens;
        private long _lastTicks;

        public TokenBucket(double tokensPerSecond, double capacity, TimeProvider time)
        {
            if (tokensPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), "The rate must be positive.");
            RatePerSecond = tokensPerSecond;
            Capacity = Math.Max(capacity, 1);
            _time = time;
            _tokens = Capacity;
            _lastTicks = time.GetTimestamp();
        }

        public double RatePerSecond { get; }
        public double Capacity { get; }

        /// <summary>Reserves tokens and returns how long the caller must wait before sending.</summary>
        public TimeSpan Reserve(double cost)
        {
            lock (_gate)
            {
                Refill();
                _tokens -= cost;
                return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / RatePerSecond);
            }
        }

        /// <summary>
        /// Empties the bucket (keeping any debt): the server answered 429, so its bucket is emptier than this one and
        /// the next callers wait for a refill instead of meeting more 429s.
        /// </summary>
        public void Drain()
        {
            lock (_gate)
            {
                Refill();
                if (_tokens > 0) _tokens = 0;
            }
        }

        private void Refill()
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastTicks, now).TotalSeconds;
            _lastTicks = now;
            _tokens = Math.Min(Capacity, _tokens + elapsed * RatePerSecond);
        }

        /// <summary>
        /// Added to every wait: timers may fire a millisecond early, and a request sent exactly when the refill covers
        /// it would meet a server bucket a hair short (a 429 for nothing).
        /// </summary>
        internal static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(2);

        public async Task WaitAsync(double cost, CancellationToken ct)
        {
            var wait = Reserve(cost);
            if (wait > TimeSpan.Zero) await _time.Delay(wait + TimerSlack, ct).ConfigureAwait(false);
        }
    }
}
