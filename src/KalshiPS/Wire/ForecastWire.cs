using System.Collections.Generic;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's forecast percentile history JSON to flat rows (one per period and percentile).</summary>
    internal static class ForecastWire
    {
        /// <summary>One period's rows; the period's fields may come after its points, so they are filled in at the end.</summary>
        public static List<KalshiForecastPoint> Period(ref Utf8JsonReader r)
        {
            string ticker = null;
            System.DateTime? end = null;
            int? minutes = null;
            List<KalshiForecastPoint> points = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_ticker": ticker = r.Str(); break;
                    case "end_period_ts": end = r.Time(); break;
                    case "period_interval": minutes = (int?)r.Long(); break;
                    case "percentile_points": points = r.Objects(Point); break;
                    default: r.Skip(); break;
                }
            points = points ?? new List<KalshiForecastPoint>();
            foreach (var p in points) { p.EventTicker = ticker; p.EndTime = end; p.PeriodMinutes = minutes; }
            return points;
        }

        private static KalshiForecastPoint Point(ref Utf8JsonReader r)
        {
            var p = new KalshiForecastPoint();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "percentile": p.Percentile = (int?)r.Long(); break;
                    case "numerical_forecast": p.Forecast = r.Dec(); break;
                    case "raw_numerical_forecast": p.RawForecast = r.Dec(); break;
                    case "formatted_forecast": p.FormattedForecast = r.Str(); break;
                    default: r.Skip(); break;
                }
            return p;
        }
    }
}
