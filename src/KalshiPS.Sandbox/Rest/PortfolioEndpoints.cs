using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>Authenticated portfolio reads, V2 order writes, and the 410 answers of the retired V1 writes.</summary>
internal static class PortfolioEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex, FaultOptions faults)
    {
        // ---- V1 writes: gone
        IResult Gone() => Http.Error(410, "deprecated_v1_order_endpoint", "Please switch to the V2 endpoints", "https://docs.kalshi.com/api-reference/orders/create-order-v2");
        api.MapPost("/portfolio/orders", Gone);
        api.MapPost("/portfolio/orders/batched", Gone);
        api.MapDelete("/portfolio/orders/batched", Gone);
        api.MapDelete("/portfolio/orders/{id}", (string id) => Gone());
        api.MapPost("/portfolio/orders/{id}/amend", (string id) => Gone());
        api.MapPut("/portfolio/orders/{id}/amend", (string id) => Gone());
        api.MapPost("/portfolio/orders/{id}/decrease", (string id) => Gone());

        // ---- V2 writes
        api.MapPost("/portfolio/events/orders", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var body = await Http.Body(ctx);
            var result = ex.PlaceOrder(user, ParseOrder(body));
            if (faults.TakeCreateAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            return Http.Ok(CreateResponse(result), 201);
        });
        api.MapPost("/portfolio/events/orders/batched", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var body = await Http.Body(ctx);
            if (!body.TryGetProperty("orders", out var arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
                throw new ExchangeException(400, "invalid_parameters", "orders must be a non-empty array");
            var results = new List<object>();
            foreach (var item in arr.EnumerateArray())
            {
                string? cid = Http.Str(item, "client_order_id");
                try { results.Add(CreateResponse(ex.PlaceOrder(user, ParseOrder(item)))); }
                catch (ExchangeException e)
                {
                    results.Add(new { order_id = (string?)null, client_order_id = cid, error = new { code = e.Code, message = e.Message, details = e.Details } });
                }
            }
            if (faults.TakeCreateAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            return Http.Ok(new { orders = results }, 201);
        });
        api.MapDelete("/portfolio/events/orders/batched", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var body = await Http.Body(ctx);
            if (!body.TryGetProperty("orders", out var arr) || arr.ValueKind != JsonValueKind.Array)
                throw new ExchangeException(400, "invalid_parameters", "orders must be an array");
            var results = new List<object>();
            foreach (var item in arr.EnumerateArray())
            {
                string id = Http.Str(item, "order_id") ?? "";
                try { var (o, reduced) = ex.CancelOrder(user, id); results.Add(CancelResponse(o, reduced, ex)); }
                catch (ExchangeException e) { results.Add(new { order_id = id, error = new { code = e.Code, message = e.Message } }); }
            }
            if (faults.TakeCancelAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            return Http.Ok(new { orders = results });
        });
        api.MapDelete("/portfolio/events/orders", (HttpContext ctx) =>
        {
            ex.CancelAll(Http.UserId(ctx), Http.Q(ctx, "ticker"));
            if (faults.TakeCancelAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            return Results.StatusCode(204);
        });
        api.MapDelete("/portfolio/events/orders/{id}", (HttpContext ctx, string id) =>
        {
            var (o, reduced) = ex.CancelOrder(Http.UserId(ctx), id);
            if (faults.TakeCancelAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            return Http.Ok(CancelResponse(o, reduced, ex));
        });
        api.MapPost("/portfolio/events/orders/{id}/amend", async (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            var price = Http.Dec(b, "price", "invalid_price") ?? throw new ExchangeException(400, "invalid_parameters", "price is required");
            var count = Http.Dec(b, "count", "invalid_count") ?? throw new ExchangeException(400, "invalid_parameters", "count is required");
            OrderSide? side = Http.Str(b, "side") is { } s ? ParseSide(s) : null;
            var o = ex.AmendOrder(user, id, price, count, side, Http.Long(b, "expiration_time"));
            if (faults.TakeAmendAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            lock (ex.Gate)
                return Http.Ok(new
                {
                    order_id = o.OrderId, client_order_id = o.ClientOrderId, remaining_count = Fp.Count(o.RemainingCount),
                    fill_count = Fp.Count(o.FillCount), ts_ms = ex.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
                });
        });
        api.MapPost("/portfolio/events/orders/{id}/decrease", async (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            var o = ex.DecreaseOrder(user, id, Http.Dec(b, "reduce_by", "invalid_count"), Http.Dec(b, "reduce_to", "invalid_count"));
            if (faults.TakeDecreaseAfterCommit() || faults.RollAfterCommit()) return AfterCommit(ctx, faults);
            lock (ex.Gate)
                return Http.Ok(new { order_id = o.OrderId, client_order_id = o.ClientOrderId, remaining_count = Fp.Count(o.RemainingCount), ts_ms = ex.Clock.GetUtcNow().ToUnixTimeMilliseconds() });
        });

        // ---- account limits (reflect the rate-limit faults; 0 = the Basic tier numbers, not enforced)
        api.MapGet("/account/limits", (HttpContext ctx) =>
        {
            Http.UserId(ctx);
            int read = faults.ReadTokensPerSecond > 0 ? faults.ReadTokensPerSecond : 200, write = faults.WriteTokensPerSecond > 0 ? faults.WriteTokensPerSecond : 100;
            return Http.Ok(new
            {
                usage_tier = "basic",
                read = new { refill_rate = read, bucket_capacity = read },
                write = new { refill_rate = write, bucket_capacity = write * 2 },
                grants = Array.Empty<object>(),
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
                },
            });
        });
        api.MapGet("/portfolio/orders/{id}/queue_position", (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            return Http.Ok(new { queue_position_fp = Fp.Count(ex.QueuePosition(user, id)) });
        });

        // ---- reads
        api.MapGet("/portfolio/orders", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var ticker = Http.Q(ctx, "ticker"); var events = Http.QList(ctx, "event_ticker"); var status = Http.Q(ctx, "status");
            if (status is not (null or "" or "resting" or "canceled" or "executed")) throw new ExchangeException(400, "invalid_parameters", "status must be resting, canceled or executed");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.GetOrders(user), o => (ticker == null || o.Ticker == ticker)
                    && (events == null || events.Contains(ex.GetMarket(o.Ticker)!.EventTicker))
                    && (string.IsNullOrEmpty(status) || WireNames.Of(o.Status) == status)
                    && (minTs == null || o.LastUpdateTime.ToUnixTimeSeconds() >= minTs) && (maxTs == null || o.LastUpdateTime.ToUnixTimeSeconds() <= maxTs), 100, 1000);
                return Http.Ok(new { orders = items.Select(WireObjects.Order).ToArray(), cursor });
            }
        });
        api.MapGet("/portfolio/orders/{id}", (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            lock (ex.Gate)
            {
                var o = ex.GetOrder(id);
                if (o == null || o.UserId != user) throw new ExchangeException(404, "not_found", "order not found");
                return Http.Ok(new { order = WireObjects.Order(o) });
            }
        });
        api.MapGet("/portfolio/balance", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            lock (ex.Gate)
            {
                var a = ex.GetOrCreateAccount(user);
                return Http.Ok(new
                {
                    balance = Fp.Cents(a.Cash), balance_dollars = Fp.Price(a.Cash), portfolio_value = Fp.Cents(ex.PortfolioValue(user)),
                    updated_ts = a.UpdatedTime.ToUnixTimeSeconds(),
                });
            }
        });
        api.MapGet("/portfolio/positions", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            var ticker = Http.Q(ctx, "ticker"); var ev = Http.Q(ctx, "event_ticker"); var filter = Http.QList(ctx, "count_filter");
            lock (ex.Gate)
            {
                var a = ex.GetOrCreateAccount(user);
                var all = a.Positions.Values.Where(p => (ticker == null || p.Ticker == ticker) && (ev == null || p.EventTicker == ev)
                    && (filter == null || (filter.Contains("position") && p.Quantity != 0) || (filter.Contains("total_traded") && p.TotalTraded != 0)))
                    .OrderBy(p => p.Ticker, StringComparer.Ordinal).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                var events = items.GroupBy(p => p.EventTicker).Select(g => new
                {
                    event_ticker = g.Key,
                    total_cost_dollars = Fp.Price(g.Sum(p => p.Cost)),
                    total_cost_shares_fp = Fp.Count(g.Sum(p => Math.Abs(p.Quantity))),
                    event_exposure_dollars = Fp.Price(g.Sum(p => p.Cost)),
                    realized_pnl_dollars = Fp.Price(g.Sum(p => p.RealizedPnl)),
                    fees_paid_dollars = Fp.Price(g.Sum(p => p.FeesPaid)),
                }).ToArray();
                return Http.Ok(new { market_positions = items.Select(WireObjects.Position).ToArray(), event_positions = events, cursor });
            }
        });
        api.MapGet("/portfolio/fills", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var ticker = Http.Q(ctx, "ticker"); var orderId = Http.Q(ctx, "order_id");
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.GetOrCreateAccount(user).Fills, f => (ticker == null || f.Ticker == ticker) && (orderId == null || f.OrderId == orderId)
                    && (minTs == null || f.CreatedTime.ToUnixTimeSeconds() >= minTs) && (maxTs == null || f.CreatedTime.ToUnixTimeSeconds() <= maxTs), 100, 1000);
                return Http.Ok(new { fills = items.Select(WireObjects.Fill).ToArray(), cursor });
            }
        });
        api.MapGet("/portfolio/settlements", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var ticker = Http.Q(ctx, "ticker"); var ev = Http.Q(ctx, "event_ticker");
            lock (ex.Gate)
            {
                var (items, cursor) = Http.NewestFirst(ctx, ex.GetOrCreateAccount(user).Settlements,
                    s => (ticker == null || s.Ticker == ticker) && (ev == null || s.EventTicker == ev), 100, 1000);
                return Http.Ok(new { settlements = items.Select(WireObjects.Settlement).ToArray(), cursor });
            }
        });
    }

    /// <summary>The order was committed; the client sees a 503 or a reset connection.</summary>
    internal static IResult AfterCommit(HttpContext ctx, FaultOptions faults)
    {
        if (faults.AfterCommitMode == AfterCommitFailure.ConnectionReset) { ctx.Abort(); return Results.Empty; }
        return Http.Error(503, "service_unavailable", "service unavailable (sandbox fault injected after commit)");
    }

    private static object CreateResponse(PlaceResult r) => new
    {
        order_id = r.Order.OrderId,
        client_order_id = r.Order.ClientOrderId,
        fill_count = Fp.Count(r.FillCount),
        remaining_count = Fp.Count(r.RemainingCount),
        status = WireNames.Of(r.Order.Status),
        average_fill_price = r.AverageFillPrice is { } p ? Fp.Price(p) : null,
        average_fee_paid = r.AverageFeePaid is { } f ? Fp.Price(f) : null,
        ts_ms = r.TsMs,
    };

    private static object CancelResponse(Order o, decimal reduced, Exchange ex) => new
    {
        order_id = o.OrderId, client_order_id = o.ClientOrderId, reduced_by = Fp.Count(reduced), ts_ms = ex.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
    };

    private static OrderSide ParseSide(string s) => s switch
    {
        "bid" => OrderSide.Bid,
        "ask" => OrderSide.Ask,
        _ => throw new ExchangeException(400, "invalid_parameters", "side must be bid or ask"),
    };

    /// <summary>Parses a CreateOrderV2Request body (doc §4.1).</summary>
    internal static OrderRequest ParseOrder(JsonElement b)
    {
        if (b.ValueKind != JsonValueKind.Object) throw new ExchangeException(400, "invalid_parameters", "order must be a JSON object");
        var ticker = Http.Str(b, "ticker") ?? throw new ExchangeException(400, "invalid_parameters", "ticker is required");
        var side = ParseSide(Http.Str(b, "side") ?? throw new ExchangeException(400, "invalid_parameters", "side is required"));
        var price = Http.Dec(b, "price", "invalid_price") ?? throw new ExchangeException(400, "invalid_price", "price is required");
        var count = Http.Dec(b, "count", "invalid_count") ?? throw new ExchangeException(400, "invalid_count", "count is required");
        var tif = Http.Str(b, "time_in_force") switch
        {
            "good_till_canceled" => TimeInForce.GoodTillCanceled,
            "immediate_or_cancel" => TimeInForce.ImmediateOrCancel,
            "fill_or_kill" => TimeInForce.FillOrKill,
            null => throw new ExchangeException(400, "invalid_parameters", "time_in_force is required"),
            var x => throw new ExchangeException(400, "invalid_parameters", $"unknown time_in_force '{x}'"),
        };
        var stp = Http.Str(b, "self_trade_prevention_type") switch
        {
            "taker_at_cross" => SelfTradePrevention.TakerAtCross,
            "maker" => SelfTradePrevention.Maker,
            null => throw new ExchangeException(400, "invalid_parameters", "self_trade_prevention_type is required"),
            var x => throw new ExchangeException(400, "invalid_parameters", $"unknown self_trade_prevention_type '{x}'"),
        };
        return new OrderRequest
        {
            Ticker = ticker, Side = side, Price = price, Count = count, TimeInForce = tif, SelfTradePrevention = stp,
            ClientOrderId = Http.Str(b, "client_order_id"), ExpirationTime = Http.Long(b, "expiration_time"),
            PostOnly = Http.Bool(b, "post_only"), ReduceOnly = Http.Bool(b, "reduce_only"),
            CancelOrderOnPause = Http.Bool(b, "cancel_order_on_pause"), OrderGroupId = Http.Str(b, "order_group_id"),
        };
    }
}
