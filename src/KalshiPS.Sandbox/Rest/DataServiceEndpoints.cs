using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>Milestones, structured targets, live data, the weather index, incentive programs and search (public reads).</summary>
internal static class DataServiceEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/milestones", (HttpContext ctx) =>
        {
            if (string.IsNullOrEmpty(Http.Q(ctx, "limit"))) throw new ExchangeException(400, "invalid_parameters", "limit is required");
            var (limit, offset) = Http.Page(ctx, 100, 1000);
            string? category = Http.Q(ctx, "category"), competition = Http.Q(ctx, "competition"), type = Http.Q(ctx, "type"),
                source = Http.Q(ctx, "source_id"), related = Http.Q(ctx, "related_event_ticker"), minStart = Http.Q(ctx, "minimum_start_date");
            var updated = Http.QLong(ctx, "min_updated_ts");
            DateTimeOffset? start = null;
            if (!string.IsNullOrEmpty(minStart))
                start = DateTimeOffset.TryParse(minStart, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var s)
                    ? s : throw new ExchangeException(400, "invalid_parameters", "minimum_start_date must be RFC3339");
            var all = ex.Data.Milestones.Where(m => (category == null || m.Category == category) && (competition == null || m.Competition == competition)
                && (type == null || m.Type == type) && (source == null || "src-" + m.Id[..8] == source) && (related == null || m.EventTicker == related)
                && (start == null || m.StartDate >= start) && (updated == null || m.LastUpdated.ToUnixTimeSeconds() > updated)).ToList();
            var (items, cursor) = Http.Slice(all, limit, offset);
            return Http.Ok(new { milestones = items.Select(Milestone).ToArray(), cursor });
        });
        api.MapGet("/milestones/{milestoneId}", (string milestoneId) => Http.Ok(new { milestone = Milestone(Find(ex, milestoneId)) }));

        api.MapGet("/structured_targets", (HttpContext ctx) =>
        {
            int limit = (int)(Http.QLong(ctx, "page_size") ?? 100);
            if (limit < 1 || limit > 2000) throw new ExchangeException(400, "invalid_parameters", "page_size must be between 1 and 2000");
            var (_, offset) = Http.Page(ctx, 100, 1000);
            var ids = ctx.Request.Query["ids"].Where(v => v != null).Select(v => v!).ToHashSet(StringComparer.Ordinal);
            string? type = Http.Q(ctx, "type"), competition = Http.Q(ctx, "competition");
            var all = ex.Data.Targets.Where(t => (ids.Count == 0 || ids.Contains(t.Id)) && (type == null || t.Type == type) && (competition == null || t.League == competition)).ToList();
            var (items, cursor) = Http.Slice(all, limit, offset);
            return Http.Ok(new { structured_targets = items.Select(Target).ToArray(), cursor });
        });
        api.MapGet("/structured_targets/{structuredTargetId}", (string structuredTargetId) =>
            Http.Ok(new { structured_target = Target(ex.Data.Targets.FirstOrDefault(t => t.Id == structuredTargetId) ?? throw new ExchangeException(404, "not_found", "structured target not found")) }));

        api.MapGet("/live_data/batch", (HttpContext ctx) =>
        {
            var ids = ctx.Request.Query["milestone_ids"].Where(v => v != null).SelectMany(v => v!.Split(',')).ToList();
            if (ids.Count == 0) throw new ExchangeException(400, "invalid_parameters", "milestone_ids is required");
            return Http.Ok(new { live_datas = ids.Select(ex.Data.Milestone).Where(m => m != null).Select(m => LiveData(m!, Http.QBool(ctx, "include_player_stats"))).ToArray() });
        });
        api.MapGet("/live_data/milestone/{milestoneId}", (HttpContext ctx, string milestoneId) =>
            Http.Ok(new { live_data = LiveData(Find(ex, milestoneId), Http.QBool(ctx, "include_player_stats")) }));
        api.MapGet("/live_data/milestone/{milestoneId}/game_stats", (string milestoneId) =>
        {
            var m = Find(ex, milestoneId);
            if (m.Category != "Sports") return Http.Ok(new { });
            return Http.Ok(new
            {
                pbp = new
                {
                    periods = Enumerable.Range(1, 2).Select(p => new
                    {
                        events = new object[]
                        {
                            new { clock = "10:00", description = $"Period {p} starts", home_points = 0, away_points = 0 },
                            new { clock = "04:12", description = "Three-point shot", home_points = 3, away_points = 0, probability = 0.5625m },
                        },
                    }).ToArray(),
                },
            });
        });
        api.MapGet("/live_data/events/{eventTicker}", (HttpContext ctx, string eventTicker) =>
        {
            var m = ex.Data.Milestones.FirstOrDefault(x => x.EventTicker == eventTicker) ?? throw new ExchangeException(404, "not_found", "no live data for this event");
            return Http.Ok(new { live_data = new { type = m.Type, details = Details(m, false), default_range = "1h", range_options = new[] { "15min", "1h", "1d" } } });
        });
        api.MapGet("/live_data/{type}/milestone/{milestoneId}", (HttpContext ctx, string type, string milestoneId) =>
        {
            var m = Find(ex, milestoneId);
            if (m.Type != type) throw new ExchangeException(404, "not_found", $"milestone {milestoneId} has no {type} live data");
            return Http.Ok(new { live_data = LiveData(m, Http.QBool(ctx, "include_player_stats")) });
        });
        api.MapGet("/live_data/weather/{city}", (HttpContext ctx, string city) =>
        {
            if (city != DataServices.WeatherCity) throw new ExchangeException(404, "not_found", "unknown index city");
            long? from = Http.QLong(ctx, "from"), to = Http.QLong(ctx, "to"), last = Http.QLong(ctx, "last_sec");
            if (last != null && (from != null || to != null)) throw new ExchangeException(400, "invalid_parameters", "last_sec is mutually exclusive with from/to");
            if (from != null && to == null) throw new ExchangeException(400, "invalid_parameters", "from must be paired with to");
            long now = ex.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            long end = to ?? now, begin = last != null ? now - last.Value * 1000 : from ?? end - 86_400_000L;
            bool detailed = Http.QBool(ctx, "detailed");
            var points = ex.Data.Weather.Where(p => p.T >= begin && p.T <= end).ToList();
            return Http.Ok(new
            {
                city, units = "fahrenheit", config_version = points.Count > 0 ? "miami-temperature-v1.0" : null,
                timeseries = points.Select(p => new
                {
                    t = p.T, v = p.V, status = p.T % 600000 == 0 ? "degraded" : "normal", contributors = 3,
                    stations = detailed ? new[] { new { station_id = "KMIA1M", code = "ok", source = "hf_asos", temp_f = p.V + 0.04m, received_at_ms = p.T + 20000 } } : null,
                }).ToArray(),
            });
        });
        api.MapGet("/live_data/weather/{city}/calibrations", (string city) =>
        {
            if (city != DataServices.WeatherCity) throw new ExchangeException(404, "not_found", "unknown index city");
            var t0 = ex.Data.Now.AddDays(-60).ToUnixTimeMilliseconds();
            return Http.Ok(new
            {
                city, units = "celsius",
                calibrations = new object[]
                {
                    new { config_version = "miami-temperature-v1.0", effective_at_ms = t0, change_reason = "launch", city_reference_c = 0.0125m,
                        stations = new[] { new { station_id = "KMIA1M", weight = 0.5m, offset_c = 0.02m }, new { station_id = "KOPF1M", weight = 0.5m, offset_c = 0.005m } } },
                    new { config_version = "miami-temperature-v1.0-cal-1", published_at_ms = t0 + 604_800_000L, effective_at_ms = t0 + 604_800_000L, change_reason = "weekly calibration",
                        calibration_window_start_ms = t0, calibration_window_end_ms = t0 + 604_800_000L, city_reference_c = 0.015m,
                        stations = new[] { new { station_id = "KMIA1M", weight = 0.5m, offset_c = 0.025m, update_note = "updated 96 residuals" }, new { station_id = "KOPF1M", weight = 0.5m, offset_c = 0.005m, update_note = "insufficient data" } } },
                },
            });
        });

        api.MapGet("/incentive_programs", (HttpContext ctx) =>
        {
            var (limit, offset) = Http.Page(ctx, 100, 10000);
            string status = Http.Q(ctx, "status") ?? "all", type = Http.Q(ctx, "type") ?? "all";
            if (status is not ("all" or "active" or "upcoming" or "closed" or "paid_out")) throw new ExchangeException(400, "invalid_parameters", "unknown status");
            if (type is not ("all" or "liquidity" or "volume" or "margin_maker_volume" or "margin_taker_volume")) throw new ExchangeException(400, "invalid_parameters", "unknown type");
            var description = Http.Q(ctx, "incentive_description");
            var now = ex.Clock.GetUtcNow();
            var all = ex.Data.Incentives.Where(p => (type == "all" || p.Type == type) && (description == null || p.Description == description) && status switch
            {
                "active" => p.Start <= now && now < p.End,
                "upcoming" => p.Start > now,
                "closed" => p.End <= now,
                "paid_out" => p.PaidOut,
                _ => true,
            }).ToList();
            var (items, cursor) = Http.Slice(all, limit, offset);
            return Http.Ok(new
            {
                incentive_programs = items.Select(p => new
                {
                    id = p.Id, market_id = p.MarketId, market_ticker = p.MarketTicker, incentive_type = p.Type, incentive_description = p.Description,
                    start_date = Fp.Rfc3339(p.Start), end_date = Fp.Rfc3339(p.End), period_reward = p.PeriodRewardCentiCents, paid_out = p.PaidOut,
                    discount_factor_bps = p.Type == "liquidity" ? 5000 : (int?)null, target_size_fp = p.TargetSize.HasValue ? Fp.Count(p.TargetSize.Value) : null,
                    max_reward_per_account = p.PeriodRewardCentiCents / 4,
                }).ToArray(),
                next_cursor = cursor.Length > 0 ? cursor : null,
            });
        });

        api.MapGet("/search/tags_by_categories", () => Http.Ok(new { tags_by_categories = DataServices.Tags(ex) }));
        api.MapGet("/search/filters_by_sport", () => Http.Ok(new
        {
            filters_by_sports = new Dictionary<string, object>
            {
                ["Basketball"] = new { scopes = new[] { "Game", "Futures" }, competitions = new Dictionary<string, object> { ["NBA"] = new { scopes = new[] { "Game", "Futures" } }, ["NCAAM"] = new { scopes = new[] { "Game" } } } },
                ["Football"] = new { scopes = new[] { "Game" }, competitions = new Dictionary<string, object> { ["NFL"] = new { scopes = new[] { "Game", "Player props" } } } },
            },
            sport_ordering = new[] { "Football", "Basketball" },
        }));
    }

    private static SandboxMilestone Find(Exchange ex, string id) => ex.Data.Milestone(id) ?? throw new ExchangeException(404, "not_found", "milestone not found");

    private static object Milestone(SandboxMilestone m) => new
    {
        id = m.Id, category = m.Category, type = m.Type, start_date = Fp.Rfc3339(m.StartDate), end_date = m.EndDate.HasValue ? Fp.Rfc3339(m.EndDate.Value) : null,
        related_event_tickers = new[] { m.EventTicker }, primary_event_tickers = new[] { m.EventTicker }, title = m.Title,
        notification_message = m.Title + " is under way", source_id = "src-" + m.Id[..8], source_ids = new Dictionary<string, string> { ["sandbox"] = "src-" + m.Id[..8] },
        details = new { competition = m.Competition, venue = "Sandbox Arena", capacity = 18000, spread = -3.5m }, last_updated_ts = Fp.Rfc3339(m.LastUpdated),
    };

    private static object Target(SandboxStructuredTarget t) => new
    {
        id = t.Id, name = t.Name, type = t.Type, details = new { league = t.League, rank = 3 }, source_id = "st-" + t.Id[^2..],
        source_ids = new Dictionary<string, string> { ["sandbox"] = "st-" + t.Id[^2..] }, last_updated_ts = Fp.Rfc3339(t.LastUpdated),
    };

    private static object LiveData(SandboxMilestone m, bool players) => new { type = m.Type, milestone_id = m.Id, details = Details(m, players) };

    private static Dictionary<string, object?> Details(SandboxMilestone m, bool players)
    {
        var d = new Dictionary<string, object?>
        {
            ["status"] = "live", ["home_score"] = m.HomeScore, ["away_score"] = m.AwayScore, ["win_probability"] = 0.6125m,
            ["period"] = 2, ["clock"] = "04:12",
        };
        if (players) d["player_stats"] = new[] { new { name = "Sandbox Player", points = 21 } };
        return d;
    }
}
