namespace KalshiPS.Sandbox;

/// <summary>A change of a series' fee structure, in effect from ScheduledTime (GET /series/fee_changes).</summary>
public sealed record SeriesFeeChange(string Id, string SeriesTicker, string FeeType, decimal FeeMultiplier, DateTimeOffset ScheduledTime);

/// <summary>A change of an event's fee override (GET /events/fee_changes); null type and multiplier clear the override.</summary>
public sealed record EventFeeChange(string Id, string EventTicker, string SeriesTicker, string? FeeTypeOverride, decimal? FeeMultiplierOverride,
    DateTimeOffset ScheduledTime);

/// <summary>
/// The sandbox's fee changes: per series one already in effect (a month before start) and, for every other series,
/// one still to come (a week after start); every fourth event gets an override in three days, every eighth also its
/// clearing in ten. Deterministic for a seed; tests may add more.
/// </summary>
public sealed class FeeChanges
{
    private readonly object _gate = new();
    private readonly List<SeriesFeeChange> _series = new();
    private readonly List<EventFeeChange> _events = new();

    public static FeeChanges Seed(IReadOnlyList<SeriesInfo> series, IReadOnlyList<EventInfo> events, DateTimeOffset start, int seed)
    {
        var rng = new Random(seed ^ 0xFEE);
        Guid NextId() { var b = new byte[16]; rng.NextBytes(b); return new Guid(b); }
        start = DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds()); // whole seconds, as on the wire
        var changes = new FeeChanges();
        for (int i = 0; i < series.Count; i++)
        {
            changes.Add(new SeriesFeeChange(NextId().ToString(), series[i].Ticker, "quadratic", 1m, start.AddDays(-30).AddHours(i)));
            if (i % 2 == 0)
                changes.Add(new SeriesFeeChange(NextId().ToString(), series[i].Ticker, "quadratic_with_maker_fees", 0.5m, start.AddDays(7).AddHours(i)));
        }
        for (int i = 0; i < events.Count; i += 4)
        {
            var e = events[i];
            changes.Add(new EventFeeChange(NextId().ToString(), e.EventTicker, e.SeriesTicker, "flat", 0.25m, start.AddDays(3).AddHours(i)));
            if (i % 8 == 0) changes.Add(new EventFeeChange(NextId().ToString(), e.EventTicker, e.SeriesTicker, null, null, start.AddDays(10).AddHours(i)));
        }
        return changes;
    }

    public void Add(SeriesFeeChange change) { lock (_gate) _series.Add(change); }
    public void Add(EventFeeChange change) { lock (_gate) _events.Add(change); }

    /// <summary>Override changes of one event (null: all), oldest first.</summary>
    public IReadOnlyList<EventFeeChange> Events(string? eventTicker)
    {
        lock (_gate) return _events.Where(c => eventTicker == null || c.EventTicker == eventTicker).OrderBy(c => c.ScheduledTime).ToList();
    }

    /// <summary>Changes of one series (null: all), oldest first; without history only those not yet in effect at now.</summary>
    public IReadOnlyList<SeriesFeeChange> Series(string? seriesTicker, bool includeHistorical, DateTimeOffset now)
    {
        lock (_gate)
            return _series.Where(c => (seriesTicker == null || c.SeriesTicker == seriesTicker) && (includeHistorical || c.ScheduledTime > now))
                .OrderBy(c => c.ScheduledTime).ToList();
    }
}
