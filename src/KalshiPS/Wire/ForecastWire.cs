using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's forecast percentile history JSON to flat rows (one per period and percentile).</summary>
    internal static class ForecastWire
    {
        public static IEnumerable<KalshiForecastPoint> Period(JsonElement p)
        {
            var ticker = p.Str("event_ticker");
            var end = p.Time("end_period_ts");
            var minutes = (int?)p.Long("period_interval");
            return (p.Arr("percentile_points")?.EnumerateArray() ?? default(JsonElement.ArrayEnumerator)).Select(x => new KalshiForecastPoint
            {
                EventTicker = ticker,
                EndTime = end,
                PeriodMinutes = minutes,
                Percentile = (int?)x.Long("percentile"),
                Forecast = x.Dec("numerical_forecast"),
                RawForecast = x.Dec("raw_numerical_forecast"),
                FormattedForecast = x.Str("formatted_forecast"),
            });
        }
    }
}
