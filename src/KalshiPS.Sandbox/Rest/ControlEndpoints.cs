using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KalshiPS.Sandbox;

/// <summary>Unauthenticated test-control endpoints under /sandbox (see README).</summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app, Func<SandboxServer> server, Exchange ex)
    {
        var g = app.MapGroup("/sandbox");
        g.MapGet("/info", () => Http.Ok(new
        {
            rest_uri = server().RestUri.ToString(), ws_uri = server().WebSocketUri.ToString(), control_uri = server().ControlUri.ToString(),
            api_key_id = server().ApiKeyId, private_key_path = server().PrivateKeyPath, user_id = server().UserId, seed = server().Options.Seed, market_count = ex.MarketList.Count,
        }));
        g.MapGet("/faults", () => Http.Ok(FaultsAsDictionary(server().Faults)));
        g.MapPost("/faults", async (HttpContext ctx) =>
        {
            var body = await Http.Body(ctx);
            ApplyFaults(server().Faults, body);
            return Http.Ok(FaultsAsDictionary(server().Faults));
        });
        g.MapPost("/faults/reset", () =>
        {
            foreach (var p in FaultProps()) p.SetValue(server().Faults, p.GetValue(new FaultOptions()));
            return Http.Ok(FaultsAsDictionary(server().Faults));
        });
        g.MapPost("/markets/{ticker}/settle", async (HttpContext ctx, string ticker) =>
        {
            var body = await Http.Body(ctx);
            ex.SettleMarket(ticker, Http.Str(body, "result") ?? "");
            lock (ex.Gate) return Http.Ok(new { market = WireObjects.Market(ex.GetMarket(ticker)!) });
        });
        g.MapPost("/markets/{ticker}/status", async (HttpContext ctx, string ticker) =>
        {
            var body = await Http.Body(ctx);
            var status = Http.Str(body, "status");
            if (status is not ("active" or "inactive" or "closed")) throw new ExchangeException(400, "invalid_parameters", "status must be active, inactive or closed");
            ex.SetMarketStatus(ticker, status);
            lock (ex.Gate) return Http.Ok(new { market = WireObjects.Market(ex.GetMarket(ticker)!) });
        });
        g.MapPost("/events/{eventTicker}/fee_override", async (HttpContext ctx, string eventTicker) =>
        {
            var body = await Http.Body(ctx);
            ex.SetEventFeeOverride(eventTicker, Http.Str(body, "fee_type_override"), Http.Dec(body, "fee_multiplier_override", "invalid_parameters"));
            lock (ex.Gate) return Http.Ok(new { @event = WireObjects.Event(ex.GetEvent(eventTicker)!, false) });
        });
        g.MapPost("/multivariate_events", async (HttpContext ctx) =>
        {
            var body = await Http.Body(ctx);
            var legs = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("legs", out var l) && l.ValueKind == JsonValueKind.Array
                ? l.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : new List<string>();
            if (legs.Count < 2 || legs.Any(t => ex.GetMarket(t) == null)) throw new ExchangeException(400, "invalid_parameters", "legs must name two or more listed markets");
            var e = ex.CreateMultivariateEvent(Http.Str(body, "collection_ticker") ?? Exchange.ComboCollection, legs);
            lock (ex.Gate) return Http.Ok(new { @event = WireObjects.Event(e, true) }, 201);
        });
        g.MapPost("/exchange", async (HttpContext ctx) =>
        {
            var body = await Http.Body(ctx);
            if (body.ValueKind != JsonValueKind.Object) throw new ExchangeException(400, "invalid_parameters", "body must be an object");
            if (body.TryGetProperty("trading_active", out var ta))
                ex.TradingActive = ta.ValueKind is JsonValueKind.True or JsonValueKind.False ? ta.GetBoolean()
                    : throw new ExchangeException(400, "invalid_parameters", $"trading_active must be true or false, got {ta.GetRawText()}");
            return Http.Ok(new { exchange_active = true, trading_active = ex.TradingActive });
        });
        g.MapPost("/fix/drop", async (HttpContext ctx) =>
        {
            var gateway = server().FixGateway ?? throw new ExchangeException(400, "invalid_parameters", "FIX is off (--no-fix)");
            var body = ctx.Request.ContentLength > 0 ? await Http.Body(ctx) : default;
            FixSessionKind? kind = null;
            if (body.ValueKind == JsonValueKind.Object && Http.Str(body, "kind") is { } k)
                kind = FixSessionKinds.All.Where(x => string.Equals(x.CompId(), k, StringComparison.OrdinalIgnoreCase) || string.Equals(x.ToString(), k, StringComparison.OrdinalIgnoreCase))
                    .Select(x => (FixSessionKind?)x).FirstOrDefault() ?? throw new ExchangeException(400, "invalid_parameters", "kind must be KalshiNR, KalshiRT, KalshiDC or KalshiMD");
            return Http.Ok(new { dropped = gateway.DropConnections(kind) });
        });
        g.MapGet("/books/{ticker}", (string ticker) => Http.Ok(new { ticker, orderbook_fp = WireObjects.Orderbook(ex.GetBook(ticker)) }));
        g.MapPost("/orders", async (HttpContext ctx) =>
        {
            var body = await Http.Body(ctx);
            string user = Http.Str(body, "user_id") ?? Exchange.HouseUserId;
            var r = ex.PlaceOrder(user, PortfolioEndpoints.ParseOrder(body));
            lock (ex.Gate) return Http.Ok(new { order = WireObjects.Order(r.Order) }, 201);
        });
        g.MapPost("/keys", async (HttpContext ctx) =>
        {
            var body = await Http.Body(ctx);
            var pem = Http.Str(body, "public_key_pem") ?? throw new ExchangeException(400, "invalid_parameters", "public_key_pem is required");
            string? user = Http.Str(body, "user_id");
            var id = server().RegisterKey(pem, user);
            server().Keys.TryGet(id, out _, out var uid);
            return Http.Ok(new { key_id = id, user_id = uid }, 201);
        });
        g.MapPost("/accounts/{user}/balance", async (HttpContext ctx, string user) =>
        {
            var body = await Http.Body(ctx);
            var d = Http.Dec(body, "balance_dollars", "invalid_parameters") ?? throw new ExchangeException(400, "invalid_parameters", "balance_dollars is required");
            ex.SetBalance(user, d);
            return Http.Ok(new { user_id = user, balance_dollars = Fp.Price(d) });
        });
        foreach (var kind in new[] { "deposit", "withdrawal" })
            g.MapPost($"/accounts/{{user}}/{kind}s", async (HttpContext ctx, string user) =>
            {
                var body = await Http.Body(ctx);
                var amount = Http.Dec(body, "amount_dollars", "invalid_parameters") ?? throw new ExchangeException(400, "invalid_parameters", "amount_dollars is required");
                var m = ex.RecordMovement(user, kind, amount, Http.Str(body, "type") ?? "ach", Http.Str(body, "status") ?? "applied",
                    Http.Dec(body, "fee_dollars", "invalid_parameters") ?? 0m);
                return Http.Ok(new { id = m.Id, kind = m.Kind, status = m.Status, amount_dollars = Fp.Price(m.Amount), balance_dollars = Fp.Price(ex.GetBalance(user)) }, 201);
            });
        g.MapPost("/historical/cutoff", async (HttpContext ctx) => Http.Ok(MoveCutoff(ex.Cutoff, await Http.Body(ctx))));
        g.MapGet("/requests", (HttpContext ctx) =>
            Http.Ok(new { count = server().RequestCount(Http.Q(ctx, "method") ?? "*", Http.Q(ctx, "path_prefix") ?? "/") }));
        g.MapPost("/requests/reset", () => { server().ResetRequestLog(); return Http.Ok(new { count = 0 }); });
    }

    /// <summary>
    /// Moves the archive boundary: "at" (RFC 3339 or Unix seconds) moves all four; market_settled_ts, trades_created_ts,
    /// orders_updated_ts, market_positions_last_updated_ts move one each; overlap_seconds lets the archive run past it.
    /// </summary>
    private static object MoveCutoff(HistoricalCutoff c, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new ExchangeException(400, "invalid_parameters", "body must be an object");
        if (Time(body, "at") is { } at) c.MoveTo(at);
        if (Time(body, "market_settled_ts") is { } m) c.MarketSettled = m;
        if (Time(body, "trades_created_ts") is { } t) c.TradesCreated = t;
        if (Time(body, "orders_updated_ts") is { } o) c.OrdersUpdated = o;
        if (Time(body, "market_positions_last_updated_ts") is { } p) c.PositionsUpdated = p;
        if (Http.Long(body, "overlap_seconds") is { } s) c.Overlap = TimeSpan.FromSeconds(s);
        return new
        {
            market_settled_ts = Fp.Rfc3339(c.MarketSettled), trades_created_ts = Fp.Rfc3339(c.TradesCreated),
            orders_updated_ts = Fp.Rfc3339(c.OrdersUpdated), market_positions_last_updated_ts = Fp.Rfc3339(c.PositionsUpdated),
            overlap_seconds = (long)c.Overlap.TotalSeconds,
        };
    }

    private static DateTimeOffset? Time(JsonElement body, string name)
    {
        if (!Http.Has(body, name)) return null;
        var v = body.GetProperty(name);
        if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) return t;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var s)) return DateTimeOffset.FromUnixTimeSeconds(s);
        throw new ExchangeException(400, "invalid_parameters", $"{name} must be an RFC 3339 time or Unix seconds");
    }

    private static IEnumerable<PropertyInfo> FaultProps() =>
        typeof(FaultOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static string Norm(string n) => n.Replace("_", "").ToLowerInvariant();

    private static Dictionary<string, object?> FaultsAsDictionary(FaultOptions f) =>
        FaultProps().ToDictionary(p => p.Name, p => p.PropertyType.IsEnum ? p.GetValue(f)!.ToString() : p.GetValue(f));

    /// <summary>Sets every FaultOptions property named in the body (PascalCase or snake_case).</summary>
    internal static void ApplyFaults(FaultOptions f, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new ExchangeException(400, "invalid_parameters", "body must be an object");
        var props = FaultProps().ToDictionary(p => Norm(p.Name));
        foreach (var prop in body.EnumerateObject())
        {
            if (!props.TryGetValue(Norm(prop.Name), out var pi)) throw new ExchangeException(400, "invalid_parameters", $"unknown fault '{prop.Name}'");
            var v = prop.Value;
            ExchangeException Wrong(string expected) => new(400, "invalid_parameters", $"fault '{prop.Name}' must be {expected}, got {v.ValueKind.ToString().ToLowerInvariant()} {v.GetRawText()}");
            object? value = pi.PropertyType == typeof(int) ? (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Wrong("a 32-bit integer"))
                : pi.PropertyType == typeof(bool) ? (v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Wrong("true or false"))
                : pi.PropertyType == typeof(double) ? (v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Wrong("a number"))
                : pi.PropertyType.IsEnum ? (v.ValueKind == JsonValueKind.String && Enum.TryParse(pi.PropertyType, Norm(v.GetString()!).Replace("503", "serviceunavailable"), ignoreCase: true, out var e)
                    ? e : throw Wrong("one of " + string.Join(", ", Enum.GetNames(pi.PropertyType))))
                : throw new ExchangeException(400, "invalid_parameters", $"cannot set '{prop.Name}'");
            lock (f.Gate) pi.SetValue(f, value);
        }
    }
}
