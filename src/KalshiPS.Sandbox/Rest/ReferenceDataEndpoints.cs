using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>Public reference data around series and events: fee changes and event metadata.</summary>
internal static class ReferenceDataEndpoints
{
    private static readonly string[] MarketColors = { "#0B7D3E", "#1F5AA6", "#B3261E", "#8A5A00", "#6B3FA0", "#00796B" };

    public static void Map(RouteGroupBuilder api, Exchange ex, FeeChanges fees)
    {
        api.MapGet("/series/fee_changes", (HttpContext ctx) =>
        {
            var changes = fees.Series(Http.Q(ctx, "series_ticker"), Http.QBool(ctx, "show_historical"), ex.Clock.GetUtcNow());
            return Http.Ok(new
            {
                series_fee_change_arr = changes.Select(c => new
                {
                    id = c.Id,
                    series_ticker = c.SeriesTicker,
                    fee_type = c.FeeType,
                    fee_multiplier = c.FeeMultiplier,
                    scheduled_ts = Fp.Rfc3339(c.ScheduledTime),
                }).ToArray(),
            });
        });
        api.MapGet("/events/fee_changes", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            var (items, cursor) = Http.Slice(fees.Events(Http.Q(ctx, "event_ticker")), limit, offset);
            return Http.Ok(new
            {
                event_fee_changes = items.Select(c => new
                {
                    id = c.Id,
                    event_ticker = c.EventTicker,
                    series_ticker = c.SeriesTicker,
                    fee_type_override = c.FeeTypeOverride,
                    fee_multiplier_override = c.FeeMultiplierOverride,
                    scheduled_ts = Fp.Rfc3339(c.ScheduledTime),
                }).ToArray(),
                cursor,
            });
        });
        api.MapGet("/events/{eventTicker}/metadata", (string eventTicker) =>
        {
            lock (ex.Gate)
            {
                var e = ex.GetEvent(eventTicker) ?? throw new ExchangeException(404, "not_found", "event not found");
            bool game = e.SeriesTicker == "KXNBAGAME";
            return Http.Ok(new
            {
                image_url = $"/images/events/{e.EventTicker}.png",
                featured_image_url = e.Markets.Count > 0 ? $"/images/markets/{e.Markets[0].Ticker}.png" : null,
                market_details = e.Markets.Select((m, i) => new
                {
                    market_ticker = m.Ticker,
                    image_url = $"/images/markets/{m.Ticker}.png",
                    color_code = MarketColors[i % MarketColors.Length],
                }).ToArray(),
                settlement_sources = new[] { new { name = "KalshiPS Sandbox", url = "https://kalshi.com/sandbox" } },
                competition = game ? "NBA" : null,
                competition_scope = game ? "Game" : null,
            });
            }
        });
    }
}
