using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>
/// The historical archive, /historical/*: the records the live endpoints no longer list (Exchange.Archive decides
/// which), in the spec's shapes. Markets, candles and trades are public; fills, orders and positions need a key.
/// </summary>
internal static class HistoricalEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        var cutoff = ex.Cutoff;
        api.MapGet("/historical/cutoff", () => Http.Ok(new
        {
            market_settled_ts = Fp.Rfc3339(cutoff.MarketSettled),
            trades_created_ts = Fp.Rfc3339(cutoff.TradesCreated),
            orders_updated_ts = Fp.Rfc3339(cutoff.OrdersUpdated),
            market_positions_last_updated_ts = Fp.Rfc3339(cutoff.PositionsUpdated),
        }));
        api.MapGet("/historical/markets", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            var ev = Http.Q(ctx, "event_ticker"); var se = Http.Q(ctx, "series_ticker"); var tickers = Http.QList(ctx, "tickers");
            lock (ex.Gate)
            {
                var all = ex.MarketList.Where(m => ex.InArchive(m) && (ev == null || m.EventTicker == ev) && (se == null || m.SeriesTicker == se)
                    && (tickers == null || tickers.Contains(m.Ticker))).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { markets = items.Select(WireObjects.Market).ToArray(), cursor });
            }
        });
        api.MapGet("/historical/markets/{ticker}", (string ticker) =>
        {
            lock (ex.Gate) return Http.Ok(new { market = WireObjects.Market(Archived(ex, ticker)) });
        });
        api.MapGet("/historical/markets/{ticker}/candlesticks", (HttpContext ctx, string ticker) => Candles(ctx, ex, ticker));
        api.MapGet("/historical/trades", (HttpContext ctx) =>
        {
            var ticker = Http.Q(ctx, "ticker");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.Trades, t => ex.InArchive(t) && (ticker == null || t.Ticker == ticker) && Within(t.CreatedTime, minTs, maxTs), 100, 1000);
                return Http.Ok(new { trades = items.Select(WireObjects.Trade).ToArray(), cursor });
            }
        });
        api.MapGet("/historical/fills", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var ticker = Http.Q(ctx, "ticker");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.GetOrCreateAccount(user).Fills,
                    f => ex.InArchive(f) && (ticker == null || f.Ticker == ticker) && Within(f.CreatedTime, minTs, maxTs), 100, 1000);
                return Http.Ok(new { fills = items.Select(WireObjects.Fill).ToArray(), cursor });
            }
        });
        api.MapGet("/historical/orders", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var ticker = Http.Q(ctx, "ticker");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.GetOrders(user),
                    o => ex.InArchive(o) && (ticker == null || o.Ticker == ticker) && Within(o.LastUpdateTime, minTs, maxTs), 100, 1000);
                return Http.Ok(new { orders = items.Select(WireObjects.Order).ToArray(), cursor });
            }
        });
        api.MapGet("/historical/positions", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            var ticker = Http.Q(ctx, "ticker"); var ev = Http.Q(ctx, "event_ticker");
            lock (ex.Gate)
            {
                var all = ex.GetOrCreateAccount(user).Positions.Values.Where(p => ex.InArchive(p) && (ticker == null || p.Ticker == ticker) && (ev == null || p.EventTicker == ev))
                    .OrderBy(p => p.Ticker, StringComparer.Ordinal).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { market_positions = items.Select(WireObjects.Position).ToArray(), event_positions = WireObjects.EventPositions(items), cursor });
            }
        });
    }

    private static Market Archived(Exchange ex, string ticker) =>
        ex.GetMarket(ticker) is { } m && ex.InArchive(m) ? m : throw new ExchangeException(404, "not_found", "market not found");

    private static bool Within(DateTimeOffset t, long? minTs, long? maxTs) =>
        (minTs == null || t.ToUnixTimeSeconds() >= minTs) && (maxTs == null || t.ToUnixTimeSeconds() <= maxTs);

    /// <summary>
    /// MarketCandlestickHistorical: the archive's spelling has no _dollars/_fp suffixes (open, low, high, close, mean,
    /// previous; volume, open_interest). Prices are null in periods without trades; the sandbox sends only periods with trades.
    /// </summary>
    private static IResult Candles(HttpContext ctx, Exchange ex, string ticker)
    {
        var (start, end, period) = MarketDataEndpoints.Window(ctx);
        lock (ex.Gate)
        {
            var m = Archived(ex, ticker);
            long secs = period * 60;
            string? previous = null;
            var candles = ex.Trades.Where(t => t.Ticker == ticker)
                .GroupBy(t => (t.CreatedTime.ToUnixTimeSeconds() / secs + 1) * secs) // the period's end
                .Where(g => g.Key >= start && g.Key <= end)
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var ts = g.OrderBy(t => t.CreatedTime).ToList();
                    var vol = ts.Sum(t => t.Count);
                    var (open, close) = (Fp.Price(ts[0].YesPrice), Fp.Price(ts[^1].YesPrice));
                    var candle = new
                    {
                        end_period_ts = g.Key,
                        yes_bid = new { open = close, low = close, high = close, close },
                        yes_ask = new { open = close, low = close, high = close, close },
                        price = new
                        {
                            open, low = Fp.Price(ts.Min(t => t.YesPrice)), high = Fp.Price(ts.Max(t => t.YesPrice)), close,
                            mean = Fp.Price(Math.Round(ts.Sum(t => t.YesPrice * t.Count) / vol, 4)), previous,
                        },
                        volume = Fp.Count(vol),
                        open_interest = Fp.Count(m.OpenInterest),
                    };
                    previous = close;
                    return candle;
                }).ToArray();
            return Http.Ok(new { ticker, candlesticks = candles });
        }
    }
}
