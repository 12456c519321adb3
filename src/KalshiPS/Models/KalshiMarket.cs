using System;

namespace KalshiPS.Models
{
    /// <summary>A market: one Yes/No contract. Prices in dollars, sizes in contracts, times in UTC.</summary>
    public sealed class KalshiMarket
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public string Title { get; set; }
        public string YesSubtitle { get; set; }
        public string NoSubtitle { get; set; }
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        public string MarketType { get => _marketType; set => _marketType = Vocabulary.Name(value); }
        private string _marketType;
        public decimal? YesBid { get; set; }
        public decimal? YesAsk { get; set; }
        public decimal? NoBid { get; set; }
        public decimal? NoAsk { get; set; }
        public decimal? YesBidSize { get; set; }
        public decimal? YesAskSize { get; set; }
        public decimal? LastPrice { get; set; }
        public decimal? PreviousPrice { get; set; }
        public decimal? Volume { get; set; }
        public decimal? Volume24h { get; set; }
        public decimal? OpenInterest { get; set; }
        public decimal? NotionalValue { get; set; }
        public string Result { get => _result; set => _result = Vocabulary.Name(value); }
        private string _result;
        public decimal? SettlementValue { get; set; }
        /// <summary>The value the market was settled on (e.g. the observed temperature); null before settlement.</summary>
        public string ExpirationValue { get; set; }
        public DateTime? OpenTime { get; set; }
        public DateTime? CloseTime { get; set; }
        public DateTime? ExpectedExpirationTime { get; set; }
        public DateTime? LatestExpirationTime { get; set; }
        public DateTime? UpdatedTime { get; set; }
        public bool? CanCloseEarly { get; set; }
        public string PriceLevelStructure { get => _priceLevelStructure; set => _priceLevelStructure = Vocabulary.Name(value); }
        private string _priceLevelStructure;
        /// <summary>The valid price grid as "start-end:step" ranges joined with ';' (flat for Export-Csv).</summary>
        public string PriceRanges { get; set; }
        public bool FractionalTrading { get; set; }
        public string StrikeType { get => _strikeType; set => _strikeType = Vocabulary.Name(value); }
        private string _strikeType;
        public decimal? FloorStrike { get; set; }
        public decimal? CapStrike { get; set; }
        public string RulesPrimary { get; set; }

        public override string ToString() => Ticker;
    }
}
