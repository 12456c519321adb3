namespace KalshiPS.Sandbox;

/// <summary>One API usage level grant (GET /account/limits grants[]).</summary>
public sealed record ApiUsageGrant(string Level, string Source, DateTimeOffset? Expires);

/// <summary>Earn and keep goals (trailing 30-day contracts) of one volume-based level.</summary>
public sealed record ApiVolumeGoal(string Level, decimal Earn, decimal Keep);

/// <summary>
/// The account's API usage level: grants (POST /account/api_usage_level/upgrade adds the permanent Advanced one) and
/// volume progress toward the volume-based levels, computed from the user's own fills of the last 30 days.
/// Sandbox choice: the goal numbers are made up (Kalshi publishes none); every sandbox order counts as an API order.
/// </summary>
public sealed class ApiUsage(Exchange exchange)
{
    public static readonly TimeSpan VolumeWindow = TimeSpan.FromDays(30);
    public static readonly IReadOnlyList<ApiVolumeGoal> Goals = new[]
    {
        new ApiVolumeGoal("expert", 100_000m, 50_000m),
        new ApiVolumeGoal("premier", 1_000_000m, 500_000m),
        new ApiVolumeGoal("paragon", 5_000_000m, 2_500_000m),
        new ApiVolumeGoal("prime", 20_000_000m, 10_000_000m),
        new ApiVolumeGoal("prestige", 100_000_000m, 50_000_000m),
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, List<ApiUsageGrant>> _grants = new(StringComparer.Ordinal);

    public IReadOnlyList<ApiUsageGrant> Grants(string userId)
    {
        lock (_gate) return _grants.TryGetValue(userId, out var l) ? l.ToArray() : Array.Empty<ApiUsageGrant>();
    }

    /// <summary>The effective tier: the highest level granted, else basic.</summary>
    public string Tier(string userId) => Grants(userId).Select(g => g.Level).LastOrDefault() ?? "basic";

    /// <summary>
    /// Grants the permanent Advanced level when at least one of the user's last 100 orders was placed through the API
    /// (in the sandbox: any order at all); repeating it changes nothing.
    /// </summary>
    public ApiUsageGrant Upgrade(string userId)
    {
        if (exchange.GetOrders(userId).Count == 0)
            throw new ExchangeException(400, "upgrade_not_eligible", "none of your last 100 orders was created via the API");
        lock (_gate)
        {
            if (!_grants.TryGetValue(userId, out var list)) _grants[userId] = list = new List<ApiUsageGrant>();
            var existing = list.FirstOrDefault(g => g.Level == "advanced");
            if (existing != null) return existing;
            var grant = new ApiUsageGrant("advanced", "manual", null);
            list.Add(grant);
            return grant;
        }
    }

    /// <summary>Contracts the user traded in the 30 days before <paramref name="now"/>.</summary>
    public decimal TrailingVolume(string userId, DateTimeOffset now)
    {
        lock (exchange.Gate)
            return exchange.GetOrCreateAccount(userId).Fills.Where(f => f.CreatedTime > now - VolumeWindow && f.CreatedTime <= now).Sum(f => f.Count);
    }
}
