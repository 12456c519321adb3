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
                var now = _time.GetTimestamp();
                var elapsed = _time.GetElapsedTime(_lastTicks, now).TotalSeconds;
                _lastTicks = now;
                _tokens = Math.Min(Capacity, _tokens + elapsed * RatePerSecond);
                _tokens -= cost;
                return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / RatePerSecond);
            }
        }

        public async Task WaitAsync(double cost, CancellationToken ct)
        {
            var wait = Reserve(cost);
            if (wait > TimeSpan.Zero) await _time.Delay(wait, ct).ConfigureAwait(false);
        }
    }
}
