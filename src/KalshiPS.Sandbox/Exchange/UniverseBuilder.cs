using System.Globalization;

namespace KalshiPS.Sandbox;

/// <summary>
/// Builds a deterministic market universe from a seed: series → daily events → strike markets, with mixed statuses,
/// price structures and fractional flags. Active books are seeded with house liquidity and a little trade history.
/// Ticker dates derive from the clock's current UTC date.
/// </summary>
public static class UniverseBuilder
{
    private sealed record SeriesTemplate(string Ticker, string Title, string Category, string Frequency, Func<Random, int, (string Suffix, string YesSub, string Type, decimal? Floor, decimal? Cap)> Strike);

    private static readonly SeriesTemplate[] Templates =
    {
        new("KXHIGHNY", "Highest temperature in NYC", "Climate and Weather", "daily", (r, i) => { int t = 40 + i * 2; return ($"B{t + 0.5m:0.#}", $"{t}° to {t + 1}°", "between", t, t + 1); }),
        new("KXBTCD", "Bitcoin price", "Crypto", "hourly", (r, i) => { int k = 90000 + i * 500; return ($"T{k}", $"${k:N0} or above", "greater", k, null); }),
        new("KXINX", "S&P 500 close", "Financials", "daily", (r, i) => { int k = 6000 + i * 25; return ($"B{k}", $"{k} to {k + 24.99m}", "between", k, k + 24.99m); }),
        new("KXFED", "Fed funds target upper bound", "Economics", "monthly", (r, i) => { decimal k = 3.50m + i * 0.25m; return ($"T{k.ToString("0.00", CultureInfo.InvariantCulture)}", $"Above {k:0.00}%", "greater", k, null); }),
        new("KXRAINNYC", "Rain in NYC", "Climate and Weather", "daily", (r, i) => { decimal k = 0.1m * (i + 1); return ($"T{k.ToString("0.0", CultureInfo.InvariantCulture)}", $"Above {k:0.0} in", "greater", k, null); }),
        new("KXETHD", "Ethereum price", "Crypto", "hourly", (r, i) => { int k = 3000 + i * 50; return ($"T{k}", $"${k:N0} or above", "greater", k, null); }),
        new("KXGDP", "US GDP growth", "Economics", "quarterly", (r, i) => { decimal k = 0.5m * i; return ($"T{k.ToString("0.0", CultureInfo.InvariantCulture)}", $"Above {k:0.0}%", "greater", k, null); }),
        new("KXNBAGAME", "NBA game winner", "Sports", "custom", (r, i) => { var teams = new[] { "LAL", "BOS", "NYK", "GSW", "MIA", "DEN" }; var t = teams[i % teams.Length]; return (t, $"{t} wins", "custom", null, null); }),
    };

    public static void Build(Exchange ex, int seed, int marketCount)
    {
        var rng = new Random(seed);
        var now = ex.Clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var t in Templates)
            ex.AddSeries(new SeriesInfo { Ticker = t.Ticker, Title = t.Title, Category = t.Category, Frequency = t.Frequency });

        int made = 0;
        for (int ei = 0; made < marketCount; ei++)
        {
            var t = Templates[ei % Templates.Length];
            int round = ei / Templates.Length;
            // One event in five is in the past (settled/closed); the rest are today and later.
            bool pastEvent = ei % 5 == 4;
            var date = pastEvent ? today.AddDays(-1 - round) : today.AddDays(round);
            string dateCode = date.ToString("yyMMMdd", CultureInfo.InvariantCulture).ToUpperInvariant();
            string eventTicker = $"{t.Ticker}-{dateCode}";
            var ev = new EventInfo
            {
                EventTicker = eventTicker, SeriesTicker = t.Ticker, Title = $"{t.Title} on {date:MMM d, yyyy}",
                SubTitle = $"On {date:MMM d, yyyy}", StrikeDate = date.AddHours(23), MutuallyExclusive = t.Ticker is "KXHIGHNY" or "KXINX" or "KXNBAGAME",
            };
            ex.AddEvent(ev);
            int perEvent = Math.Min(marketCount - made, t.Ticker == "KXNBAGAME" ? 2 : 4 + rng.Next(4));
            for (int mi = 0; mi < perEvent; mi++, made++)
            {
                var (suffix, yesSub, strikeType, floor, cap) = t.Strike(rng, mi);
                double roll = rng.NextDouble();
                string status = pastEvent ? (roll < 0.8 ? "finalized" : "closed")
                    : roll < 0.88 ? "active" : roll < 0.93 ? "initialized" : roll < 0.97 ? "closed" : "inactive";
                double structRoll = rng.NextDouble();
                var structure = structRoll < 0.6 ? PriceLevelStructure.LinearCent : structRoll < 0.8 ? PriceLevelStructure.DeciCent : PriceLevelStructure.TaperedDeciCent;
                var open = status == "initialized" ? now.AddHours(6) : date.AddDays(-3);
                var close = status is "closed" or "finalized" ? (pastEvent ? date.AddHours(23) : now.AddMinutes(-30)) : date.AddDays(1).AddHours(4);
                var m = new Market
                {
                    Ticker = $"{eventTicker}-{suffix}", EventTicker = eventTicker, SeriesTicker = t.Ticker,
                    Title = $"{t.Title}: {yesSub}?", YesSubTitle = yesSub, NoSubTitle = $"Not {yesSub}",
                    MarketId = new Guid(Bytes(rng)), Status = status, CreatedTime = date.AddDays(-4), OpenTime = open, CloseTime = close,
                    ExpirationTime = close.AddHours(1), UpdatedTime = now, PriceStructure = structure,
                    FractionalTradingEnabled = rng.NextDouble() < 0.25, StrikeType = strikeType, FloorStrike = floor, CapStrike = cap,
                };
                if (status == "finalized") { m.Result = rng.NextDouble() < 0.5 ? "yes" : "no"; m.SettledTime = close.AddHours(1); }
                ex.AddMarket(m);
                decimal fair = 0.05m + Math.Round((decimal)rng.NextDouble() * 0.90m, 2);
                SeedHistory(ex, m, rng, fair, now);
                if (status == "active") SeedBook(ex, m, rng, fair);
            }
        }
        ex.SeedMultivariate(3);
        lock (ex.Gate)
        {
            // Keep the tape in time order so newest-first paging by insertion index is also by time.
            var sorted = ex.Trades.OrderBy(t => t.CreatedTime).ToList();
            ex.Trades.Clear(); ex.Trades.AddRange(sorted);
        }
    }

    private static byte[] Bytes(Random r) { var b = new byte[16]; r.NextBytes(b); b[7] = (byte)((b[7] & 0x0F) | 0x40); b[8] = (byte)((b[8] & 0x3F) | 0x80); return b; }

    /// <summary>House bids around a fair value on whole-cent ticks (valid on every structure).</summary>
    private static void SeedBook(Exchange ex, Market m, Random rng, decimal fair)
    {
        int levels = 2 + rng.Next(3);
        for (int k = 1; k <= levels; k++)
        {
            decimal yes = fair - 0.01m * k, no = 1m - fair - 0.01m * k;
            if (yes >= 0.01m) Place(ex, m, OrderSide.Bid, yes, 5 + rng.Next(200));
            if (no >= 0.01m) Place(ex, m, OrderSide.Ask, 1m - no, 5 + rng.Next(200));
        }
    }

    private static void Place(Exchange ex, Market m, OrderSide side, decimal yesPrice, int count) =>
        ex.PlaceOrder(Exchange.HouseUserId, new OrderRequest { Ticker = m.Ticker, Side = side, Price = yesPrice, Count = count });

    /// <summary>A few historical trades so last price, volume and candlesticks have data.</summary>
    private static void SeedHistory(Exchange ex, Market m, Random rng, decimal fair, DateTimeOffset now)
    {
        int n = 3 + rng.Next(5);
        lock (ex.Gate)
        {
            for (int i = 0; i < n; i++)
            {
                decimal p = Math.Clamp(fair + 0.01m * (rng.Next(5) - 2), 0.01m, 0.99m);
                decimal c = 1 + rng.Next(50);
                var t = new Trade(ex.NewId(), m.Ticker, p, c, rng.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask, now.AddMinutes(-(n - i) * 37));
                ex.Trades.Add(t);
                m.Volume += c; m.PreviousPrice = m.LastPrice ?? p; m.LastPrice = p;
            }
        }
    }
}
