using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>Multivariate event collections: list, one, and the create that makes a real market in the catalog.</summary>
internal static class MultivariateCollectionEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/multivariate_event_collections", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 100, 200);
            var status = Http.Q(ctx, "status");
            if (status is not (null or "" or "unopened" or "open" or "closed")) throw new ExchangeException(400, "invalid_parameters", "status must be unopened, open or closed");
            var series = Http.Q(ctx, "series_ticker"); var ev = Http.Q(ctx, "associated_event_ticker");
            var now = ex.Clock.GetUtcNow();
            var all = ex.Collections.Where(c => (string.IsNullOrEmpty(status) || c.Status(now) == status) && (series == null || c.SeriesTicker == series)
                && (ev == null || c.Events.Any(e => e.EventTicker == ev))).ToList();
            var (items, cursor) = Http.Slice(all, limit, offset);
            return Http.Ok(new { multivariate_contracts = items.Select(Collection).ToArray(), cursor });
        });
        api.MapGet("/multivariate_event_collections/{collectionTicker}", (string collectionTicker) =>
            Http.Ok(new { multivariate_contract = Collection(ex.GetCollection(collectionTicker) ?? throw new ExchangeException(404, "not_found", "collection not found")) }));
        api.MapPost("/multivariate_event_collections/{collectionTicker}", async (HttpContext ctx, string collectionTicker) =>
        {
            Http.UserId(ctx);
            var b = await Http.Body(ctx);
            if (!b.TryGetProperty("selected_markets", out var sel) || sel.ValueKind != System.Text.Json.JsonValueKind.Array)
                throw new ExchangeException(400, "invalid_parameters", "selected_markets is required");
            var legs = sel.EnumerateArray().Select(l => new SelectedLeg(Http.Str(l, "market_ticker") ?? "", Http.Str(l, "event_ticker") ?? "", Http.Str(l, "side") ?? "")).ToList();
            var m = ex.CreateMultivariateMarket(collectionTicker, legs);
            lock (ex.Gate)
                return Http.Ok(new { event_ticker = m.EventTicker, market_ticker = m.Ticker, market = Http.Bool(b, "with_market_payload") ? WireObjects.Market(m) : null });
        });
    }

    private static object Collection(MultivariateCollection c) => new
    {
        collection_ticker = c.CollectionTicker, series_ticker = c.SeriesTicker, exchange_index = 0, title = c.Title, description = c.Description,
        open_date = Fp.Rfc3339(c.OpenDate), close_date = Fp.Rfc3339(c.CloseDate),
        associated_events = c.Events.Select(e => new { ticker = e.EventTicker, is_yes_only = e.YesOnly, size_min = e.SizeMin, size_max = e.SizeMax, active_quoters = Array.Empty<string>() }).ToArray(),
        associated_event_tickers = c.Events.Select(e => e.EventTicker).ToArray(),
        is_ordered = c.IsOrdered, is_single_market_per_event = c.Events.All(e => e.SizeMax == 1), is_all_yes = c.Events.All(e => e.YesOnly),
        size_min = c.SizeMin, size_max = c.SizeMax,
        functional_description = "The market resolves Yes when every selected market resolves to its selected side.",
    };
}
