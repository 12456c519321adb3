using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>GET /events/multivariate: combo events (GetMultivariateEventsResponse {events, cursor}).</summary>
internal static class MultivariateEventEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/events/multivariate", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 100, 200);
            bool nested = Http.QBool(ctx, "with_nested_markets");
            var series = Http.Q(ctx, "series_ticker");
            var collection = Http.Q(ctx, "collection_ticker");
            if (series != null && collection != null)
                throw new ExchangeException(400, "invalid_parameters", "series_ticker and collection_ticker cannot be used together");
            lock (ex.Gate)
            {
                var all = ex.MultivariateEventList.Where(e => (series == null || e.SeriesTicker == series) && (collection == null || e.CollectionTicker == collection)).ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { events = items.Select(e => WireObjects.Event(e, nested)).ToArray(), cursor });
            }
        });
    }
}
