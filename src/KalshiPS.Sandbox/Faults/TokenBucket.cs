namespace KalshiPS.Sandbox;

/// <summary>A refilling token bucket driven by a TimeProvider.</summary>
internal sealed class TokenBucket(TimeProvider clock)
{
    private double _tokens = double.NaN;
    private long _lastTicks;

    /// <summary>Takes cost tokens if available under the given refill rate and capacity.</summary>
    public bool TryTake(double cost, double refillPerSecond, double capacity)
    {
        lock (this)
        {
            long now = clock.GetTimestamp();
            if (double.IsNaN(_tokens)) _tokens = capacity;
            else _tokens = Math.Min(capacity, _tokens + clock.GetElapsedTime(_lastTicks, now).TotalSeconds * refillPerSecond);
            _lastTicks = now;
            if (_tokens < cost) return false;
            _tokens -= cost;
            return true;
        }
    }
}
