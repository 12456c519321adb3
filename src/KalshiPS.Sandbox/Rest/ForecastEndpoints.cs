using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>
/// GET /series/{series}/events/{event}/forecast_percentile_history: a synthetic, deterministic forecast per event
/// (a level from the ticker, a slow daily wave, the percentile's spread around it), so tests can recompute it.
/// </summary>
internal static class ForecastEndpoints
{
    public const int MaxPeriods = 10_000;
    private static readonly int[] Intervals = { 0, 1, 60, 1440 };

    public static void Map(RouteGroupBuilder api, Exchange ex)
    {
        api.MapGet("/series/{series}/events/{eventTicker}/forecast_percentile_history", (HttpContext ctx, string series, string eventTicker) =>
        {
            var percentiles = ctx.Request.Query["percentiles"].Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : -1).ToList();
            if (percentiles.Count is 0 or > 10 || percentiles.Any(p => p is < 0 or > 9999))
                throw new ExchangeException(400, "invalid_parameters", "percentiles must list 1 to 10 values from 0 to 9999");
            long start = Http.QLong(ctx, "start_ts") ?? throw new ExchangeException(400, "invalid_parameters", "start_ts is required");
            long end = Http.QLong(ctx, "end_ts") ?? throw new ExchangeException(400, "invalid_parameters", "end_ts is required");
            int interval = (int)(Http.QLong(ctx, "period_interval") ?? -1);
            if (!Intervals.Contains(interval)) throw new ExchangeException(400, "invalid_parameters", "period_interval must be 0, 1, 60 or 1440");
            if (end <= start) throw new ExchangeException(400, "invalid_parameters", "end_ts must be after start_ts");
            var e = ex.GetEvent(eventTicker);
            if (e == null || e.SeriesTicker != series) throw new ExchangeException(404, "not_found", "event not found");
            long step = interval == 0 ? 5 : interval * 60L;
            long first = (start / step + 1) * step; // period ends aligned to the interval, inclusive
            if ((end - first) / step + 1 > MaxPeriods) throw new ExchangeException(400, "invalid_parameters", $"at most {MaxPeriods} periods per request");
            var history = new List<object>();
            for (long t = first; t <= end; t += step)
                history.Add(new
                {
                    event_ticker = e.EventTicker,
                    end_period_ts = t,
                    period_interval = interval,
                    percentile_points = percentiles.Select(p => Point(e.EventTicker, t, p)).ToArray(),
                });
            return Http.Ok(new { forecast_history = history });
        });
    }

    /// <summary>The sandbox's forecast of an event at a time for a percentile; public so tests compute the expected value.</summary>
    public static (decimal Raw, decimal Value, string Formatted) Forecast(string eventTicker, long ts, int percentile)
    {
        uint h = 2166136261;
        foreach (char c in eventTicker) h = (h ^ c) * 16777619;
        decimal level = 40m + h % 50;
        decimal wave = (decimal)Math.Round(5 * Math.Sin(ts / 86400.0 * 2 * Math.PI), 4);
        decimal raw = level + wave + (percentile - 5000) / 500m;
        decimal value = Math.Round(raw, 1);
        return (raw, value, value.ToString("0.0", CultureInfo.InvariantCulture));
    }

    private static object Point(string eventTicker, long ts, int percentile)
    {
        var (raw, value, formatted) = Forecast(eventTicker, ts, percentile);
        return new { percentile, raw_numerical_forecast = raw, numerical_forecast = value, formatted_forecast = formatted };
    }
}
