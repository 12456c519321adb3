using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>Deposits, withdrawals, the resting-order total, and the batch queue positions of resting orders.</summary>
internal static class MoneyEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/portfolio/deposits", (HttpContext ctx) => Movements(ctx, ex, "deposit", "deposits"));
        api.MapGet("/portfolio/withdrawals", (HttpContext ctx) => Movements(ctx, ex, "withdrawal", "withdrawals"));
        api.MapGet("/portfolio/summary/total_resting_order_value", (HttpContext ctx) =>
        {
            var value = ex.RestingOrderValue(Http.UserId(ctx));
            return Http.Ok(new
            {
                total_resting_order_value = Fp.Cents(value), // the spec's integer cents
                resting_order_value_breakdown = new[] { new { exchange_index = 0, balance = Fp.Price(value) } },
            });
        });
        api.MapGet("/portfolio/orders/queue_positions", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var positions = ex.QueuePositions(user, Http.QList(ctx, "market_tickers"), Http.Q(ctx, "event_ticker"));
            return Http.Ok(new
            {
                queue_positions = positions.Select(p => new { order_id = p.Order.OrderId, market_ticker = p.Order.Ticker, queue_position_fp = Fp.Count(p.Ahead) }).ToArray(),
            });
        });
    }

    private static IResult Movements(HttpContext ctx, Exchange ex, string kind, string field)
    {
        var (items, cursor) = Http.NewestFirst(ctx, ex.Movements(Http.UserId(ctx)), m => m.Kind == kind, 100, 500);
        var rows = items.Select(m => new
        {
            id = m.Id, status = m.Status, type = m.Method, amount_cents = Fp.Cents(m.Amount), fee_cents = Fp.Cents(m.Fee),
            created_ts = m.CreatedTime.ToUnixTimeSeconds(), finalized_ts = m.FinalizedTime?.ToUnixTimeSeconds(),
        }).ToArray();
        return Http.Ok(new Dictionary<string, object> { [field] = rows, ["cursor"] = cursor });
    }
}
