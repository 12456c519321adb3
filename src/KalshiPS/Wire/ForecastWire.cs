using System.Collections.Generic;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's forecast percentile history JSON to flat rows (one per period and percentile).</summary>
    internal static class ForecastWire
    {
        /// <summary>{forecast_history:[period, ...]} as rows, in the order sent.</summary>
        public static List<KalshiForecastPoint> History(ref Utf8JsonReader r)
        {
            var rows = new List<KalshiForecastPoint>();
            var periods = r.Field("forecast_history", Period);
            foreach (var period in periods ?? new List<List<KalshiForecastPoint>>()) rows.AddRange(period);
            return rows;
        }

        /// <summary>One period: its points, each carrying the period's event, end time and length.</summary>
        private static List<KalshiForecastPoint> Period(ref Utf8JsonReader r)
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
