namespace KalshiPS.Models
{
    /// <summary>Candle periods Kalshi offers, in minutes.</summary>
    public enum CandleInterval { OneMinute = 1, OneHour = 60, OneDay = 1440 }
}
