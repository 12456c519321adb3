using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>Public market data: markets, orderbooks, trades, candlesticks, events, series, exchange.</summary>
internal static class MarketDataEndpoints
{
    /// <summary>Query vocabulary → response statuses.</summary>
    private static readonly Dictionary<string, string[]> StatusFilter = new()
    {
        ["unopened"] = new[] { "initialized" },
        ["open"] = new[] { "active" },
        ["paused"] = new[] { "inactive" },
        ["closed"] = new[] { "closed" },
        ["settled"] = new[] { "determined", "finalized" },
    };

    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/markets", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            var status = StatusSet(Http.Q(ctx, "status"), "unopened|open|paused|closed|settled");
            var ev = Http.Q(ctx, "event_ticker"); var se = Http.Q(ctx, "series_ticker");
            var tickers = Http.QList(ctx, "tickers");
            long? minClose = Http.QLong(ctx, "min_close_ts"), maxClose = Http.QLong(ctx, "max_close_ts");
            lock (ex.Gate)
            {
                // Named markets are looked up by ticker, so combo markets (kept out of plain listings) are found too.
                var source = tickers == null ? (IEnumerable<Market>)ex.MarketList : tickers.Distinct().Select(t => ex.GetMarket(t)).OfType<Market>();
                var all = source.Where(m => !ex.IsArchived(m) &&
                    (status == null || status.Contains(m.Status)) && (ev == null || m.EventTicker == ev) && (se == null || m.SeriesTicker == se)
                    && (tickers == null || tickers.Contains(m.Ticker))
                    && (minClose == null || m.CloseTime.ToUnixTimeSeconds() >= minClose) && (maxClose == null || m.CloseTime.ToUnixTimeSeconds() <= maxClose)).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { markets = items.Select(WireObjects.Market).ToArray(), cursor });
            }
        });
        api.MapGet("/markets/orderbooks", (HttpContext ctx) =>
        {
            var tickers = ctx.Request.Query["tickers"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (tickers.Count is 0 or > 100) throw new ExchangeException(400, "invalid_parameters", "tickers must list 1 to 100 markets");
            var books = tickers.Select(t => new { ticker = t, orderbook_fp = WireObjects.Orderbook(ex.GetBook(t)) }).ToArray();
            return Http.Ok(new { orderbooks = books });
        });
        api.MapGet("/markets/trades", (HttpContext ctx) =>
        {
            var ticker = Http.Q(ctx, "ticker");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.Trades, t => !ex.IsArchived(t) && (ticker == null || t.Ticker == ticker)
                    && (minTs == null || t.CreatedTime.ToUnixTimeSeconds() >= minTs) && (maxTs == null || t.CreatedTime.ToUnixTimeSeconds() <= maxTs), 100, 1000);
                return Http.Ok(new { trades = items.Select(WireObjects.Trade).ToArray(), cursor });
            }
        });
        api.MapGet("/markets/{ticker}", (string ticker) =>
        {
            lock (ex.Gate)
            {
                var m = ex.GetMarket(ticker) is { } x && !ex.IsArchived(x) ? x : throw new ExchangeException(404, "not_found", "market not found");
                return Http.Ok(new { market = WireObjects.Market(m) });
            }
        });
        api.MapGet("/markets/{ticker}/orderbook", (HttpContext ctx, string ticker) =>
        {
            int depth = (int)(Http.QLong(ctx, "depth") ?? 0);
            if (depth > 100) throw new ExchangeException(400, "invalid_parameters", "depth must be at most 100");
            return Http.Ok(new { orderbook_fp = WireObjects.Orderbook(ex.GetBook(ticker, Math.Max(0, depth))) });
        });
        api.MapGet("/series/{series}/markets/{ticker}/candlesticks", (HttpContext ctx, string series, string ticker) => Candles(ctx, ex, ticker));
        // BatchGetMarketCandlesticksResponse: one entry per known market (unknown ones are left out), at most 100 tickers and 10,000 candles.
        api.MapGet("/markets/candlesticks", (HttpContext ctx) =>
        {
            var tickers = (Http.Q(ctx, "market_tickers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            if (tickers.Count is 0 or > 100) throw new ExchangeException(400, "invalid_parameters", "market_tickers must list 1 to 100 markets");
            var w = Window(ctx);
            if (tickers.Count * ((w.End - w.Start) / (w.Period * 60) + 1) > 10000)
                throw new ExchangeException(400, "invalid_parameters", "the request would return more than 10000 candlesticks");
            lock (ex.Gate)
            {
                var markets = tickers.Select(ex.GetMarket).Where(m => m != null).Select(m => new { market_ticker = m!.Ticker, candlesticks = CandleList(ex, m, w) }).ToArray();
                return Http.Ok(new { markets });
            }
        });
        // GetEventCandlesticksResponse: market_tickers[i] owns market_candlesticks[i].
        api.MapGet("/series/{series}/events/{eventTicker}/candlesticks", (HttpContext ctx, string series, string eventTicker) =>
        {
            var w = Window(ctx);
            lock (ex.Gate)
            {
                var e = ex.GetEvent(eventTicker);
                if (e == null || e.SeriesTicker != series) throw new ExchangeException(404, "not_found", "event not found");
                return Http.Ok(new
                {
                    market_tickers = e.Markets.Select(m => m.Ticker).ToArray(),
                    market_candlesticks = e.Markets.Select(m => CandleList(ex, m, w)).ToArray(),
                    adjusted_end_ts = w.End,
                });
            }
        });
        api.MapGet("/events", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 200, 200);
            bool nested = Http.QBool(ctx, "with_nested_markets");
            var status = StatusSet(Http.Q(ctx, "status"), "unopened|open|closed|settled");
            var se = Http.Q(ctx, "series_ticker");
            var tickers = Http.QList(ctx, "tickers");
            lock (ex.Gate)
            {
                var all = ex.EventList.Where(e => (se == null || e.SeriesTicker == se) && (tickers == null || tickers.Contains(e.EventTicker))
                    && (status == null || e.Markets.Any(m => status.Contains(m.Status)))).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { events = items.Select(e => WireObjects.Event(e, nested)).ToArray(), cursor });
            }
        });
        api.MapGet("/events/{eventTicker}", (HttpContext ctx, string eventTicker) =>
        {
            bool nested = Http.QBool(ctx, "with_nested_markets");
            lock (ex.Gate)
            {
                var e = ex.GetEvent(eventTicker) ?? throw new ExchangeException(404, "not_found", "event not found");
                return Http.Ok(new { @event = WireObjects.Event(e, nested), markets = e.Markets.Select(WireObjects.Market).ToArray() });
            }
        });
        api.MapGet("/series", () => Http.Ok(new { series = ex.AllSeries.Select(WireObjects.Series).ToArray() }));
        api.MapGet("/series/{series}", (string series) =>
            Http.Ok(new { series = WireObjects.Series(ex.GetSeries(series) ?? throw new ExchangeException(404, "not_found", "series not found")) }));
        api.MapGet("/exchange/status", () => Http.Ok(new { exchange_active = true, trading_active = ex.TradingActive }));
        api.MapGet("/exchange/user_data_timestamp", () => Http.Ok(new { as_of_time = Fp.Rfc3339(ex.Clock.GetUtcNow()) }));
        api.MapGet("/exchange/schedule", () =>
        {
            var day = new[] { new { open_time = "00:00", close_time = "23:59" } };
            return Http.Ok(new
            {
                schedule = new
                {
                    standard_hours = new[] { new { start_time = "2024-01-01T00:00:00Z", end_time = "2099-01-01T00:00:00Z", monday = day, tuesday = day, wednesday = day, thursday = day, friday = day, saturday = day, sunday = day } },
                    maintenance_windows = Array.Empty<object>(),
                },
            });
        });
    }

    private static HashSet<string>? StatusSet(string? q, string allowed)
    {
        if (string.IsNullOrEmpty(q)) return null;
        if (!allowed.Split('|').Contains(q) || !StatusFilter.TryGetValue(q, out var s))
            throw new ExchangeException(400, "invalid_parameters", $"status must be one of {allowed.Replace('|', ',')}");
        return s.ToHashSet();
    }

    internal readonly record struct CandleWindow(long Start, long End, long Period);

    /// <summary>The candle query (start_ts, end_ts, period_interval), checked; live and archived candles share it.</summary>
    internal static CandleWindow Window(HttpContext ctx)
    {
        long start = Http.QLong(ctx, "start_ts") ?? throw new ExchangeException(400, "invalid_parameters", "start_ts is required");
        long end = Http.QLong(ctx, "end_ts") ?? throw new ExchangeException(400, "invalid_parameters", "end_ts is required");
        long period = Http.QLong(ctx, "period_interval") ?? throw new ExchangeException(400, "invalid_parameters", "period_interval is required");
        if (period is not (1 or 60 or 1440)) throw new ExchangeException(400, "invalid_parameters", "period_interval must be 1, 60 or 1440");
        if (end < start) throw new ExchangeException(400, "invalid_parameters", "end_ts must not precede start_ts");
        return new CandleWindow(start, end, period);
    }

    private static IResult Candles(HttpContext ctx, Exchange ex, string ticker)
    {
        var w = Window(ctx);
        lock (ex.Gate)
        {
            var m = ex.GetMarket(ticker) is { } x && !ex.IsArchived(x) ? x : throw new ExchangeException(404, "not_found", "market not found");
            return Http.Ok(new { ticker, candlesticks = CandleList(ex, m, w) });
        }
    }

    /// <summary>A market's candles from its trades (caller holds the exchange lock).</summary>
    private static object[] CandleList(Exchange ex, Market m, CandleWindow w)
    {
        var (start, end, period) = w;
        var ticker = m.Ticker;
        long secs = period * 60;
        var bid = Exchange.BestYesBid(m)?.Price ?? 0m; var ask = Exchange.BestYesAsk(m)?.Price ?? 1m;
        var candles = ex.GetTrades(ticker).Where(t => t.CreatedTime.ToUnixTimeSeconds() >= start - secs && t.CreatedTime.ToUnixTimeSeconds() <= end)
            .GroupBy(t => (t.CreatedTime.ToUnixTimeSeconds() / secs + 1) * secs) // end of the period
            .Where(g => g.Key >= start && g.Key - secs <= end)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var ts = g.OrderBy(t => t.CreatedTime).ToList();
                decimal vol = ts.Sum(t => t.Count);
                decimal mean = ts.Sum(t => t.YesPrice * t.Count) / vol;
                return new
                {
                    end_period_ts = g.Key,
                    yes_bid = new { open_dollars = Fp.Price(bid), low_dollars = Fp.Price(bid), high_dollars = Fp.Price(bid), close_dollars = Fp.Price(bid) },
                    yes_ask = new { open_dollars = Fp.Price(ask), low_dollars = Fp.Price(ask), high_dollars = Fp.Price(ask), close_dollars = Fp.Price(ask) },
                    price = new
                    {
                        open_dollars = Fp.Price(ts[0].YesPrice), low_dollars = Fp.Price(ts.Min(t => t.YesPrice)), high_dollars = Fp.Price(ts.Max(t => t.YesPrice)),
                        close_dollars = Fp.Price(ts[^1].YesPrice), mean_dollars = Fp.Price(Math.Round(mean, 4)), previous_dollars = Fp.Price(ts[0].YesPrice),
                        min_dollars = Fp.Price(ts.Min(t => t.YesPrice)), max_dollars = Fp.Price(ts.Max(t => t.YesPrice)),
                    },
                    volume_fp = Fp.Count(vol),
                    open_interest_fp = Fp.Count(m.OpenInterest),
                };
            }).ToArray();
        return candles;
    }
}
