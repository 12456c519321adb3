namespace KalshiPS.Sandbox;

/// <summary>
/// The system clock moved by <see cref="Offset"/>: tests set it into the past, create records (orders, fills, a
/// settlement), and set it back, to have an account history older than a historical cutoff without waiting.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;
    public TimeSpan Offset { get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks)); set => Interlocked.Exchange(ref _offsetTicks, value.Ticks); }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
