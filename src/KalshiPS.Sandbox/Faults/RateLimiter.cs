using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KalshiPS.Sandbox;

/// <summary>
/// Kalshi's token-bucket model: per API key a read bucket (capacity 1 s of budget) and a write bucket (capacity 2 s).
/// Costs: 10 per request / per batch item; cancels 2 per item; GET /portfolio/orders/{id} 2.
/// </summary>
internal sealed class RateLimiter(FaultOptions faults, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Key, bool Write), TokenBucket> _buckets = new();

    public async Task<bool> TryTakeAsync(HttpContext ctx)
    {
        bool write = !HttpMethods.IsGet(ctx.Request.Method);
        int rate = write ? faults.WriteTokensPerSecond : faults.ReadTokensPerSecond;
        if (rate <= 0) return true;
        string path = ctx.Request.Path.Value ?? "";
        int perItem = HttpMethods.IsDelete(ctx.Request.Method) ? 2 : 10;
        double cost = perItem;
        if (path.EndsWith("/batched", StringComparison.Ordinal)) cost = perItem * Math.Max(1, await CountBatchItemsAsync(ctx));
        else if (!write && path.StartsWith("/trade-api/v2/portfolio/orders/", StringComparison.Ordinal)) cost = 2;
        string key = ctx.Request.Headers[SignatureVerifier.KeyHeader].ToString();
        var bucket = _buckets.GetOrAdd((key, write), _ => new TokenBucket(clock));
        return bucket.TryTake(cost, rate, write ? rate * 2 : rate);
    }

    private static async Task<int> CountBatchItemsAsync(HttpContext ctx)
    {
        ctx.Request.EnableBuffering();
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted);
            return doc.RootElement.TryGetProperty("orders", out var o) && o.ValueKind == JsonValueKind.Array ? o.GetArrayLength() : 1;
        }
        catch (JsonException) { return 1; }
        finally { ctx.Request.Body.Position = 0; }
    }
}

/// <summary>Faults applied before a REST request is processed.</summary>
internal static class FaultGate
{
    /// <summary>Returns true when the request was answered (or aborted) by a fault.</summary>
    public static async Task<bool> BeforeAsync(HttpContext ctx, FaultOptions f, RateLimiter limiter, Random rng)
    {
        if (ctx.Request.Path.StartsWithSegments("/trade-api/ws")) return false;
        if (f.LatencyMs > 0) await Task.Delay(f.LatencyMs, ctx.RequestAborted);
        if (f.TakeFailNextRequest()) { await ServiceUnavailable(ctx); return true; }
        if (HttpMethods.IsGet(ctx.Request.Method) && f.TakeFailNextRead()) { await ServiceUnavailable(ctx); return true; }
        double roll;
        lock (rng) roll = rng.NextDouble();
        if (f.ResetRate > 0 && roll < f.ResetRate) { ctx.Abort(); return true; }
        if (f.ErrorRate > 0 && roll < f.ResetRate + f.ErrorRate) { await ServiceUnavailable(ctx); return true; }
        if (!await limiter.TryTakeAsync(ctx))
        {
            // Kalshi sends a plain-string error and no Retry-After / X-RateLimit headers.
            await Results.Json(new { error = "too many requests" }, Http.Json, statusCode: 429).ExecuteAsync(ctx);
            return true;
        }
        return false;
    }

    private static Task ServiceUnavailable(HttpContext ctx) =>
        Http.Error(503, "service_unavailable", "service unavailable (sandbox fault)").ExecuteAsync(ctx);
}
