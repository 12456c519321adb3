namespace KalshiPS.Sandbox;

/// <summary>A subtrader an FCM member clears for; it trades as the exchange user with its id.</summary>
public sealed class Subtrader
{
    public required string SubtraderId { get; init; }
    public bool FcmTradingBlocked { get; set; }
}

// FCM members: every authenticated user is one. Its subtraders are exchange users ({fcm}_{suffix}); two are seeded on
// first use, desk1 with a filled and a resting order, so orders, positions and caps have something to show.
public sealed partial class Exchange
{
    private readonly Dictionary<string, List<Subtrader>> _subtraders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _dailyCaps = new(StringComparer.Ordinal);

    public IReadOnlyList<Subtrader> Subtraders(string fcm)
    {
        lock (Gate)
        {
            if (_subtraders.TryGetValue(fcm, out var list)) return list.ToArray();
            list = _subtraders[fcm] = new List<Subtrader>();
            foreach (var suffix in new[] { "desk1", "desk2" }) list.Add(new Subtrader { SubtraderId = fcm + "_" + suffix });
            SeedSubtraderOrders(list[0].SubtraderId);
            return list.ToArray();
        }
    }

    private void SeedSubtraderOrders(string subtrader)
    {
        GetOrCreateAccount(subtrader);
        var m = MarketList.FirstOrDefault(x => x.Status == "active" && BestYesAsk(x) != null && BestYesBid(x) != null);
        if (m == null) return;
        try
        {
            PlaceOrder(subtrader, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = BestYesAsk(m)!.Value.Price, Count = 1m, ClientOrderId = "seed-fill" });
            PlaceOrder(subtrader, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.01m, Count = 2m, ClientOrderId = "seed-rest" });
        }
        catch (ExchangeException) { /* a market whose grid refuses the seed: the subtrader just has fewer orders */ }
    }

    /// <summary>The FCM's own subtrader, or 404 (another member's subtraders are not visible).</summary>
    public Subtrader OwnSubtrader(string fcm, string? subtraderId)
    {
        if (string.IsNullOrEmpty(subtraderId)) throw new ExchangeException(400, "invalid_parameters", "subtrader_id is required");
        return Subtraders(fcm).FirstOrDefault(s => s.SubtraderId == subtraderId) ?? throw new ExchangeException(404, "not_found", "subtrader not found");
    }

    public Subtrader CreateSubtrader(string fcm, string? suffix)
    {
        if (string.IsNullOrEmpty(suffix) || suffix.Length > 16 || !suffix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            throw new ExchangeException(400, "invalid_parameters", "subtrader_suffix must be 1-16 characters of a-z and 0-9");
        lock (Gate)
        {
            Subtraders(fcm);
            var id = fcm + "_" + suffix;
            if (_subtraders[fcm].Any(s => s.SubtraderId == id)) throw new ExchangeException(409, "subtrader_already_exists", "a subtrader with this suffix exists");
            var s = new Subtrader { SubtraderId = id };
            _subtraders[fcm].Add(s);
            GetOrCreateAccount(id);
            return s;
        }
    }

    /// <summary>Today's cap and its use: executed = cost of today's (New York) fills, resting = cost of resting orders.</summary>
    public (decimal Limit, decimal Executed, decimal Resting, string CapDate) DailyCap(string fcm, string? subtraderId)
    {
        lock (Gate)
        {
            var s = OwnSubtrader(fcm, subtraderId);
            if (!_dailyCaps.TryGetValue(s.SubtraderId, out var limit)) throw new ExchangeException(404, "not_found", "no daily cap is set for this subtrader");
            var ny = TimeZoneInfo.ConvertTime(Now, NewYork);
            var executed = GetOrCreateAccount(s.SubtraderId).Fills.Where(f => TimeZoneInfo.ConvertTime(f.CreatedTime, NewYork).Date == ny.Date)
                .Sum(f => f.Count * (f.Side == OrderSide.Bid ? f.YesPrice : 1m - f.YesPrice));
            var resting = GetOrders(s.SubtraderId).Where(o => o.Status == OrderStatus.Resting).Sum(o => o.RemainingCount * o.SidePrice);
            return (limit, executed, resting, ny.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void SetDailyCap(string fcm, string? subtraderId, decimal limit)
    {
        if (limit <= 0m) throw new ExchangeException(400, "invalid_parameters", "limit must be above 0");
        lock (Gate) _dailyCaps[OwnSubtrader(fcm, subtraderId).SubtraderId] = limit;
    }

    public void RemoveDailyCap(string fcm, string? subtraderId)
    {
        lock (Gate)
            if (!_dailyCaps.Remove(OwnSubtrader(fcm, subtraderId).SubtraderId)) throw new ExchangeException(404, "not_found", "no daily cap is set for this subtrader");
    }

    private static readonly TimeZoneInfo NewYork = FindNewYork();
    private static TimeZoneInfo FindNewYork()
    {
        foreach (var id in new[] { "America/New_York", "Eastern Standard Time" })
            try { return TimeZoneInfo.FindSystemTimeZoneById(id); } catch (TimeZoneNotFoundException) { } catch (InvalidTimeZoneException) { }
        return TimeZoneInfo.Utc;
    }
}
