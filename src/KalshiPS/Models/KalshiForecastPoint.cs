using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// One percentile of an event's forecast for one period (GET .../forecast_percentile_history): one row per period
    /// and percentile, so a history exports flat. Percentile is Kalshi's 0-9999 scale (5000 = the median).
    /// </summary>
    public sealed class KalshiForecastPoint
    {
        public string EventTicker { get; set; }
        /// <summary>Inclusive end of the forecast period (UTC).</summary>
        public DateTime? EndTime { get; set; }
        /// <summary>Length of the period in minutes (0 = 5 seconds).</summary>
        public int? PeriodMinutes { get; set; }
        public int? Percentile { get; set; }
        public decimal? Forecast { get; set; }
        public decimal? RawForecast { get; set; }
        /// <summary>The forecast as Kalshi words it for display.</summary>
        public string FormattedForecast { get; set; }
    }
}
