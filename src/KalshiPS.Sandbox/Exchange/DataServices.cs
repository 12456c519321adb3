namespace KalshiPS.Sandbox;

/// <summary>A milestone and the live data the sandbox serves for it.</summary>
public sealed class SandboxMilestone
{
    public required string Id { get; init; }
    public required string Category { get; init; }
    public required string Type { get; init; }
    public required string Competition { get; init; }
    public required string Title { get; init; }
    public DateTimeOffset StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }
    public required string EventTicker { get; init; }
    public DateTimeOffset LastUpdated { get; init; }
    public int HomeScore { get; init; }
    public int AwayScore { get; init; }
}

public sealed record SandboxStructuredTarget(string Id, string Name, string Type, string League, DateTimeOffset LastUpdated);
public sealed record SandboxIncentive(string Id, string MarketTicker, Guid MarketId, string Type, string Description, DateTimeOffset Start, DateTimeOffset End,
    long PeriodRewardCentiCents, bool PaidOut, decimal? TargetSize);

/// <summary>
/// The data services' reference data (milestones, structured targets, live data, weather index, incentive programs,
/// search tags and sport filters), made once from the catalog so it names real events and markets. Read-only.
/// </summary>
public sealed class DataServices
{
    public const string WeatherCity = "miami";
    public IReadOnlyList<SandboxMilestone> Milestones { get; }
    public IReadOnlyList<SandboxStructuredTarget> Targets { get; }
    public IReadOnlyList<SandboxIncentive> Incentives { get; }
    /// <summary>Weather index minutes (Unix ms, value °F) of the last two hours before the sandbox started.</summary>
    public IReadOnlyList<(long T, decimal V)> Weather { get; }
    public DateTimeOffset Now { get; }

    public DataServices(Exchange ex)
    {
        Now = ex.Clock.GetUtcNow();
        var events = ex.AllEvents.Where(e => e.Markets.Count > 0).Take(4).ToList();
        Milestones = events.Select((e, i) => new SandboxMilestone
        {
            Id = Guid.Parse($"5b7c0f7e-3f0e-4d3b-9c1a-2a5f0e8d9b{i:x2}").ToString(),
            Category = i % 2 == 0 ? "Sports" : "Elections",
            Type = i % 2 == 0 ? "basketball_game" : "political_race",
            Competition = i % 2 == 0 ? "Pro Basketball (M)" : "US Elections",
            Title = e.Title,
            StartDate = Now.AddHours(i - 1),
            EndDate = i % 2 == 0 ? Now.AddHours(i + 2) : null,
            EventTicker = e.EventTicker,
            LastUpdated = Now.AddMinutes(-10 * i),
            HomeScore = 80 + i, AwayScore = 77 + 2 * i,
        }).ToList();
        Targets = new List<SandboxStructuredTarget>
        {
            new("0d9a7c55-1c3e-4d49-8e77-5d0d8e0f0a01", "Sandbox Sharks", "basketball_team", "NBA", Now.AddDays(-1)),
            new("0d9a7c55-1c3e-4d49-8e77-5d0d8e0f0a02", "Sandbox Owls", "basketball_team", "NBA", Now.AddDays(-2)),
            new("0d9a7c55-1c3e-4d49-8e77-5d0d8e0f0a03", "Miami", "city", "Weather", Now.AddDays(-3)),
        };
        var markets = ex.Markets.Where(m => m.Status == "active").Take(3).ToList();
        Incentives = markets.Select((m, i) => new SandboxIncentive(
            $"inc-{i + 1}", m.Ticker, m.MarketId, i == 1 ? "volume" : "liquidity", i == 1 ? "Volume reward" : "Liquidity reward",
            i == 2 ? Now.AddDays(-10) : i == 1 ? Now.AddDays(1) : Now.AddDays(-1),
            i == 2 ? Now.AddDays(-3) : i == 1 ? Now.AddDays(8) : Now.AddDays(6),
            1_250_000L * (i + 1), i == 2, i == 1 ? null : 100m)).ToList();
        var start = Now.AddHours(-2).ToUnixTimeMilliseconds() / 60000 * 60000;
        Weather = Enumerable.Range(0, 120).Select(k => (start + k * 60000L, 80m + (k % 10) * 0.11m)).ToList();
    }

    public SandboxMilestone? Milestone(string id) => Milestones.FirstOrDefault(m => m.Id == id);

    public static Dictionary<string, string[]> Tags(Exchange ex) =>
        ex.AllSeries.GroupBy(s => s.Category).ToDictionary(g => g.Key, g => g.Select(s => s.Ticker).OrderBy(t => t, StringComparer.Ordinal).ToArray());
}

// The data services, made from the catalog on first use.
public sealed partial class Exchange
{
    private DataServices? _data;
    public DataServices Data { get { lock (Gate) return _data ??= new DataServices(this); } }
}
