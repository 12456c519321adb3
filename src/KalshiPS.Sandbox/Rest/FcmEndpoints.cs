using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>The FCM endpoints: every authenticated user is a member clearing for its own subtraders.</summary>
internal static class FcmEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/fcm/orders", (HttpContext ctx) =>
        {
            var fcm = Http.UserId(ctx);
            var subtrader = Http.Q(ctx, "subtrader_id");
            var cids = Http.QList(ctx, "client_order_ids");
            if (string.IsNullOrEmpty(subtrader) && cids == null) throw new ExchangeException(400, "invalid_parameters", "subtrader_id or client_order_ids is required");
            if (cids != null && cids.Count > 100) throw new ExchangeException(400, "invalid_parameters", "at most 100 client_order_ids");
            var ticker = Http.Q(ctx, "ticker"); var ev = Http.Q(ctx, "event_ticker"); var status = Http.Q(ctx, "status");
            if (status is not (null or "" or "resting" or "canceled" or "executed")) throw new ExchangeException(400, "invalid_parameters", "status must be resting, canceled or executed");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var users = string.IsNullOrEmpty(subtrader) ? ex.Subtraders(fcm).Select(s => s.SubtraderId).ToList() : new List<string> { ex.OwnSubtrader(fcm, subtrader).SubtraderId };
                var orders = users.SelectMany(ex.GetOrders).OrderBy(o => o.CreatedTime).ToList();
                var (items, cursor) = Http.NewestFirst(ctx, orders, o => (ticker == null || o.Ticker == ticker)
                    && (ev == null || ex.GetMarket(o.Ticker)!.EventTicker == ev) && (cids == null || cids.Contains(o.ClientOrderId))
                    && (string.IsNullOrEmpty(status) || WireNames.Of(o.Status) == status)
                    && (minTs == null || o.LastUpdateTime.ToUnixTimeSeconds() >= minTs) && (maxTs == null || o.LastUpdateTime.ToUnixTimeSeconds() <= maxTs), 100, 1000);
                return Http.Ok(new { orders = items.Select(WireObjects.Order).ToArray(), cursor });
            }
        });
        api.MapGet("/fcm/positions", (HttpContext ctx) =>
        {
            var fcm = Http.UserId(ctx);
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            var ticker = Http.Q(ctx, "ticker"); var ev = Http.Q(ctx, "event_ticker"); var filter = Http.QList(ctx, "count_filter");
            var settlement = Http.Q(ctx, "settlement_status") ?? "unsettled";
            if (settlement is not ("all" or "unsettled" or "settled")) throw new ExchangeException(400, "invalid_parameters", "settlement_status must be all, unsettled or settled");
            lock (ex.Gate)
            {
                var s = ex.OwnSubtrader(fcm, Http.Q(ctx, "subtrader_id"));
                var all = ex.GetOrCreateAccount(s.SubtraderId).Positions.Values.Where(p => (ticker == null || p.Ticker == ticker) && (ev == null || p.EventTicker == ev)
                    && (filter == null || (filter.Contains("position") && p.Quantity != 0) || (filter.Contains("total_traded") && p.TotalTraded != 0))
                    && (settlement == "all" || (settlement == "settled") == (ex.GetMarket(p.Ticker)?.SettledTime != null)))
                    .OrderBy(p => p.Ticker, StringComparer.Ordinal).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                var events = items.GroupBy(p => p.EventTicker).Select(g => new
                {
                    event_ticker = g.Key, total_cost_dollars = Fp.Price(g.Sum(p => p.Cost)), total_cost_shares_fp = Fp.Count(g.Sum(p => Math.Abs(p.Quantity))),
                    event_exposure_dollars = Fp.Price(g.Sum(p => p.Cost)), realized_pnl_dollars = Fp.Price(g.Sum(p => p.RealizedPnl)), fees_paid_dollars = Fp.Price(g.Sum(p => p.FeesPaid)),
                }).ToArray();
                return Http.Ok(new { market_positions = items.Select(WireObjects.Position).ToArray(), event_positions = events, cursor });
            }
        });
        api.MapGet("/fcm/subtraders", (HttpContext ctx) =>
        {
            var fcm = Http.UserId(ctx);
            lock (ex.Gate)
                return Http.Ok(new
                {
                    subtraders = ex.Subtraders(fcm).Select(s => new
                    {
                        subtrader_id = s.SubtraderId, exchange_indices = ex.GetOrders(s.SubtraderId).Count > 0 ? new[] { 0 } : Array.Empty<int>(),
                        trading_blocked = s.FcmTradingBlocked, fcm_trading_blocked = s.FcmTradingBlocked, propagation_pending = false,
                    }).ToArray(),
                });
        });
        api.MapPost("/fcm/subtraders", async (HttpContext ctx) =>
        {
            var fcm = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            return Http.Ok(new { subtrader_id = ex.CreateSubtrader(fcm, Http.Str(b, "subtrader_suffix")).SubtraderId }, 201);
        });
        api.MapGet("/fcm/subtraders/event_contract_daily_cap", (HttpContext ctx) =>
        {
            var fcm = Http.UserId(ctx);
            var id = Http.Q(ctx, "subtrader_id");
            var (limit, executed, resting, date) = ex.DailyCap(fcm, id);
            return Http.Ok(new
            {
                subtrader_id = id, limit = Fp.Price(limit), executed_utilization = Fp.Price(executed), resting_order_utilization = Fp.Price(resting),
                pending_order_utilization = Fp.Price(0m), cap_date = date,
            });
        });
        api.MapPut("/fcm/subtraders/event_contract_daily_cap", async (HttpContext ctx) =>
        {
            var fcm = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            var limit = Http.Str(b, "limit");
            if (limit == null || !Fp.TryParse(limit, out var dollars)) throw new ExchangeException(400, "invalid_parameters", "limit must be a fixed-point dollar string");
            ex.SetDailyCap(fcm, Http.Str(b, "subtrader_id"), dollars);
            return Http.Ok(new { });
        });
        api.MapDelete("/fcm/subtraders/event_contract_daily_cap", (HttpContext ctx) =>
        {
            ex.RemoveDailyCap(Http.UserId(ctx), Http.Q(ctx, "subtrader_id"));
            return Http.Ok(new { });
        });
    }
}
