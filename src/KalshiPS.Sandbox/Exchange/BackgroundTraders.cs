namespace KalshiPS.Sandbox;

/// <summary>House-funded random traders that keep books and tapes moving. Deterministic sequence from the seed.</summary>
internal static class BackgroundTraders
{
    public static IDisposable Start(Exchange ex, int seed, TimeSpan interval)
    {
        var rng = new Random(seed ^ 0x7AAD);
        var users = new[] { "trader-1", "trader-2", "trader-3" };
        foreach (var u in users) ex.SetBalance(u, 1_000_000m);
        return new Timer(_ =>
        {
            try
            {
                Market[] active;
                lock (ex.Gate) active = ex.MarketList.Where(m => m.Status == "active").ToArray();
                if (active.Length == 0) return;
                Market m; string user; OrderSide side; decimal price; int count; bool ioc;
                lock (rng)
                {
                    m = active[rng.Next(active.Length)]; user = users[rng.Next(users.Length)];
                    side = rng.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask;
                    decimal mid = m.LastPrice ?? 0.5m;
                    price = Math.Clamp(Math.Round(mid + 0.01m * (rng.Next(7) - 3), 2), 0.01m, 0.99m);
                    count = 1 + rng.Next(20); ioc = rng.Next(3) == 0;
                }
                ex.PlaceOrder(user, new OrderRequest
                {
                    Ticker = m.Ticker, Side = side, Price = price, Count = count, SelfTradePrevention = SelfTradePrevention.Maker,
                    TimeInForce = ioc ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCanceled,
                });
            }
            catch (ExchangeException) { }
        }, null, interval, interval);
    }
}
