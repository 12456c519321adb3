using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>/portfolio/order_groups*: create, list, get, limit, trigger, reset, delete (the spec's OrderGroups tag).</summary>
internal static class OrderGroupEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex, FaultOptions faults)
    {
        api.MapGet("/portfolio/order_groups", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            return Http.Ok(new { order_groups = ex.GetOrderGroups(user).Select(Summary).ToArray() });
        });
        api.MapPost("/portfolio/order_groups/create", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var body = await Http.Body(ctx);
            var subaccount = (int)(Http.Long(body, "subaccount") ?? 0);
            var g = ex.CreateOrderGroup(user, ReadLimit(body), subaccount);
            if (faults.TakeGroupWriteAfterCommit()) return PortfolioEndpoints.AfterCommit(ctx, faults);
            return Http.Ok(new { order_group_id = g.Id, subaccount = g.Subaccount, exchange_index = 0 }, 201);
        });
        api.MapGet("/portfolio/order_groups/{id}", (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            lock (ex.Gate)
            {
                var g = ex.GetOrderGroup(user, id);
                return Http.Ok(new
                {
                    is_auto_cancel_enabled = !g.Triggered,
                    contracts_limit_fp = Fp.Count(g.ContractsLimit),
                    orders = ex.GetOrderGroupOrders(user, id).Select(o => o.OrderId).ToArray(),
                    exchange_index = 0,
                });
            }
        });
        api.MapPut("/portfolio/order_groups/{id}/limit", async (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            var body = await Http.Body(ctx);
            ex.UpdateOrderGroupLimit(user, id, ReadLimit(body));
            return Done(ctx, faults);
        });
        api.MapPut("/portfolio/order_groups/{id}/trigger", (HttpContext ctx, string id) =>
        {
            ex.TriggerOrderGroup(Http.UserId(ctx), id);
            return Done(ctx, faults);
        });
        api.MapPut("/portfolio/order_groups/{id}/reset", (HttpContext ctx, string id) =>
        {
            ex.ResetOrderGroup(Http.UserId(ctx), id);
            return Done(ctx, faults);
        });
        api.MapDelete("/portfolio/order_groups/{id}", (HttpContext ctx, string id) =>
        {
            ex.DeleteOrderGroup(Http.UserId(ctx), id);
            return Done(ctx, faults);
        });
    }

    /// <summary>The spec answers these writes with an empty object.</summary>
    private static IResult Done(HttpContext ctx, FaultOptions faults) =>
        faults.TakeGroupWriteAfterCommit() ? PortfolioEndpoints.AfterCommit(ctx, faults) : Http.Ok(new { });

    private static object Summary(OrderGroup g) => new
    {
        id = g.Id, contracts_limit_fp = Fp.Count(g.ContractsLimit), is_auto_cancel_enabled = !g.Triggered, exchange_index = 0,
    };

    /// <summary>contracts_limit (whole number) or contracts_limit_fp (string); when both are given they must match.</summary>
    private static decimal ReadLimit(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new ExchangeException(400, "invalid_parameters", "the request body must be a JSON object");
        decimal? whole = Http.Long(body, "contracts_limit");
        decimal? fp = Http.Has(body, "contracts_limit_fp")
            ? (Fp.TryParse(Http.Str(body, "contracts_limit_fp"), out var d) ? d : throw new ExchangeException(400, "invalid_parameters", "contracts_limit_fp is not a valid count"))
            : null;
        if (whole is null && fp is null) throw new ExchangeException(400, "invalid_parameters", "contracts_limit or contracts_limit_fp is required");
        if (whole is not null && fp is not null && whole != fp) throw new ExchangeException(400, "invalid_parameters", "contracts_limit and contracts_limit_fp do not match");
        return fp ?? whole!.Value;
    }
}
