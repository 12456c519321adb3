namespace KalshiPS.Models
{
    /// <summary>Forecast periods Kalshi offers, in minutes (0 = 5 seconds).</summary>
    public enum ForecastInterval { FiveSeconds = 0, OneMinute = 1, OneHour = 60, OneDay = 1440 }
}
