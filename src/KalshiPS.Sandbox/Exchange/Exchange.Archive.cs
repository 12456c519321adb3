namespace KalshiPS.Sandbox;

// The historical archive: which records have left the live endpoints (older than the movable cutoff) and which the
// /historical/* endpoints serve. Nothing is copied; both are views of the same records, decided at read time.
public sealed partial class Exchange
{
    private HistoricalCutoff? _cutoff;

    /// <summary>The boundary GET /historical/cutoff reports; tests move it. Starts <see cref="HistoricalCutoff.DefaultLiveWindow"/> back.</summary>
    public HistoricalCutoff Cutoff => LazyInitializer.EnsureInitialized(ref _cutoff, () => new HistoricalCutoff(Now - HistoricalCutoff.DefaultLiveWindow));

    /// <summary>Settled before the cutoff: gone from /markets, its book and candles; in /historical/markets.</summary>
    internal bool IsArchived(Market m) => m.SettledTime is { } t && t < Cutoff.MarketSettled;
    internal bool InArchive(Market m) => m.SettledTime is { } t && t < Cutoff.MarketSettled + Cutoff.Overlap;

    internal bool IsArchived(Trade t) => t.CreatedTime < Cutoff.TradesCreated;
    internal bool InArchive(Trade t) => t.CreatedTime < Cutoff.TradesCreated + Cutoff.Overlap;

    internal bool IsArchived(Fill f) => f.CreatedTime < Cutoff.TradesCreated;
    internal bool InArchive(Fill f) => f.CreatedTime < Cutoff.TradesCreated + Cutoff.Overlap;

    /// <summary>Canceled or fully executed before the cutoff; resting orders never leave.</summary>
    internal bool IsArchived(Order o) => o.Status != OrderStatus.Resting && o.LastUpdateTime < Cutoff.OrdersUpdated;
    internal bool InArchive(Order o) => o.Status != OrderStatus.Resting && o.LastUpdateTime < Cutoff.OrdersUpdated + Cutoff.Overlap;

    /// <summary>Settled (flat, on a settled market) and last updated before the cutoff; open positions never leave.</summary>
    internal bool IsArchived(Position p) => SettledFlat(p) && p.LastUpdated < Cutoff.PositionsUpdated;
    internal bool InArchive(Position p) => SettledFlat(p) && p.LastUpdated < Cutoff.PositionsUpdated + Cutoff.Overlap;

    private bool SettledFlat(Position p) => p.Quantity == 0 && _markets.TryGetValue(p.Ticker, out var m) && m.SettledTime != null;
}
