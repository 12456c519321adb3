namespace KalshiPS.Sandbox;

/// <summary>
/// The movable boundary between live and archived data that GET /historical/cutoff reports. Kalshi keeps about three
/// months live; the sandbox starts there and tests move it (MoveTo, or one kind at a time).
/// </summary>
public sealed class HistoricalCutoff
{
    public static readonly TimeSpan DefaultLiveWindow = TimeSpan.FromDays(90);
    private readonly object _gate = new();
    private DateTimeOffset _marketSettled, _tradesCreated, _ordersUpdated, _positionsUpdated;
    private TimeSpan _overlap;

    public HistoricalCutoff(DateTimeOffset at) => MoveTo(at);

    public DateTimeOffset MarketSettled { get { lock (_gate) return _marketSettled; } set { lock (_gate) _marketSettled = value; } }
    public DateTimeOffset TradesCreated { get { lock (_gate) return _tradesCreated; } set { lock (_gate) _tradesCreated = value; } }
    public DateTimeOffset OrdersUpdated { get { lock (_gate) return _ordersUpdated; } set { lock (_gate) _ordersUpdated = value; } }
    public DateTimeOffset PositionsUpdated { get { lock (_gate) return _positionsUpdated; } set { lock (_gate) _positionsUpdated = value; } }

    /// <summary>
    /// How far past each cutoff the archive already holds records (default none). Kalshi copies records into the archive
    /// before live listings drop them, so for a while a record is in both; tests set this to see a client drop the
    /// duplicates at the seam.
    /// </summary>
    public TimeSpan Overlap { get { lock (_gate) return _overlap; } set { lock (_gate) _overlap = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }

    /// <summary>All four cutoffs to one time (whole seconds, as Kalshi's are).</summary>
    public void MoveTo(DateTimeOffset at)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        lock (_gate) _marketSettled = _tradesCreated = _ordersUpdated = _positionsUpdated = t;
    }
}
