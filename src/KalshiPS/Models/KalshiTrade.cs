using System;

namespace KalshiPS.Models
{
    /// <summary>A public trade on the tape.</summary>
    public sealed class KalshiTrade
    {
        public string TradeId { get; set; }
        public string Ticker { get; set; }
        public decimal? YesPrice { get; set; }
        public decimal? NoPrice { get; set; }
        public decimal? Count { get; set; }
        /// <summary>The outcome the taker bought: Yes or No.</summary>
        public string TakerSide { get => _takerSide; set => _takerSide = Vocabulary.Name(value); }
        private string _takerSide;
        public DateTime? CreatedTime { get; set; }
        public override string ToString() => $"{Ticker} {Count} @ {YesPrice}";
    }

    /// <summary>One candle of a market's price history.</summary>
    public sealed class KalshiCandlestick
    {
        public string Ticker { get; set; }
        /// <summary>Set on event candlesticks (Get-KalshiCandlestick -EventTicker); null otherwise.</summary>
        public string EventTicker { get; set; }
        public DateTime? EndTime { get; set; }
        public int PeriodMinutes { get; set; }
        public decimal? Open { get; set; }
        public decimal? High { get; set; }
        public decimal? Low { get; set; }
        public decimal? Close { get; set; }
        public decimal? Mean { get; set; }
        public decimal? YesBidClose { get; set; }
        public decimal? YesAskClose { get; set; }
        public decimal? Volume { get; set; }
        public decimal? OpenInterest { get; set; }
    }

    public sealed class KalshiExchangeStatus
    {
        public bool ExchangeActive { get; set; }
        public bool TradingActive { get; set; }
        public DateTime? EstimatedResumeTime { get; set; }
    }

    /// <summary>One row of the exchange schedule: standard trading hours (Eastern time) or a maintenance window (UTC).</summary>
    public sealed class KalshiScheduleEntry
    {
        public string Kind { get; set; }
        public string Day { get; set; }
        public string OpenTime { get; set; }
        public string CloseTime { get; set; }
        public DateTime? Start { get; set; }
        public DateTime? End { get; set; }
    }
}
