using System;

namespace KalshiPS.Models
{
    /// <summary>A streamed ticker update (Watch-KalshiTicker): last price, top of book, volume and open interest.</summary>
    public sealed class KalshiTickerUpdate
    {
        public string Ticker { get; set; }
        public string MarketId { get; set; }
        /// <summary>Last trade price in dollars.</summary>
        public decimal? LastPrice { get; set; }
        public decimal? YesBid { get; set; }
        public decimal? YesAsk { get; set; }
        public decimal? YesBidSize { get; set; }
        public decimal? YesAskSize { get; set; }
        public decimal? LastTradeSize { get; set; }
        /// <summary>Contracts traded.</summary>
        public decimal? Volume { get; set; }
        public decimal? OpenInterest { get; set; }
        public long? DollarVolume { get; set; }
        public long? DollarOpenInterest { get; set; }
        /// <summary>Exchange time of the update, UTC.</summary>
        public DateTime? Timestamp { get; set; }
        public override string ToString() => $"{Ticker} {YesBid:0.00##}/{YesAsk:0.00##} last {LastPrice:0.00##}";
    }
}
