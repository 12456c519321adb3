using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>/account/*: the account's rate budget, endpoint costs, API usage level volume progress and the self-service upgrade.</summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex, FaultOptions faults, ApiUsage usage)
    {
        // The budget reflects the rate-limit faults (0 = the tier's numbers; not enforced unless the faults set them).
        api.MapGet("/account/limits", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var tier = usage.Tier(user);
            int tierRate = tier == "advanced" ? 300 : 0;
            int read = faults.ReadTokensPerSecond > 0 ? faults.ReadTokensPerSecond : tierRate > 0 ? tierRate : 200;
            int write = faults.WriteTokensPerSecond > 0 ? faults.WriteTokensPerSecond : tierRate > 0 ? tierRate : 100;
            return Http.Ok(new
            {
                usage_tier = tier,
                read = new { refill_rate = read, bucket_capacity = read },
                write = new { refill_rate = write, bucket_capacity = write * 2 },
                grants = usage.Grants(user).Select(g => new
                {
                    exchange_instance = "event_contract", level = g.Level, expires_ts = g.Expires?.ToUnixTimeSeconds(), source = g.Source,
                }).ToArray(),
            });
        });
        api.MapGet("/account/endpoint_costs", (HttpContext ctx) =>
        {
            Http.UserId(ctx);
            return Http.Ok(new
            {
                default_cost = 10,
                endpoint_costs = new[]
                {
                    new { method = "DELETE", path = "/portfolio/events/orders/{order_id}", cost = 2 },
                    new { method = "DELETE", path = "/portfolio/events/orders/batched", cost = 2 },
                    new { method = "DELETE", path = "/portfolio/events/orders", cost = 2 },
                    new { method = "GET", path = "/portfolio/orders/{order_id}", cost = 2 },
                    new { method = "POST", path = "/account/api_usage_level/upgrade", cost = 30 },
                },
            });
        });
        api.MapGet("/account/api_usage_level/volume_progress", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var now = ex.Clock.GetUtcNow();
            return Http.Ok(new
            {
                volume_progress = new[]
                {
                    new
                    {
                        computed_ts = now.ToUnixTimeSeconds(),
                        trailing_30d_volume_fp = Fp.Count(usage.TrailingVolume(user, now)),
                        goals = ApiUsage.Goals.Select(g => new { level = g.Level, earn_volume_goal_fp = Fp.Count(g.Earn), keep_volume_goal_fp = Fp.Count(g.Keep) }).ToArray(),
                    },
                },
            });
        });
        api.MapPost("/account/api_usage_level/upgrade", (HttpContext ctx) =>
        {
            usage.Upgrade(Http.UserId(ctx));
            return Results.StatusCode(204);
        });
    }
}
