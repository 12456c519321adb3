using System;

namespace KalshiPS.Models
{
    /// <summary>An event: a group of related markets (e.g. the high temperature in NYC on one day).</summary>
    public sealed class KalshiEvent
    {
        public string EventTicker { get; set; }
        public string SeriesTicker { get; set; }
        public string Title { get; set; }
        public string Subtitle { get; set; }
        public string Category { get; set; }
        public bool? MutuallyExclusive { get; set; }
        public string CollateralReturnType { get; set; }
        public DateTime? StrikeDate { get; set; }
        public string StrikePeriod { get; set; }
        /// <summary>The sources the event's markets settle on, joined with ";".</summary>
        public string SettlementSources { get; set; }
        /// <summary>The event's own fee structure when it overrides the series' (null: the series' fee applies).</summary>
        public string FeeTypeOverride { get => _feeTypeOverride; set => _feeTypeOverride = Vocabulary.Name(value); }
        private string _feeTypeOverride;
        public decimal? FeeMultiplierOverride { get; set; }
        public int MarketCount { get; set; }
        /// <summary>
        /// Filled with -IncludeMarkets; prints (and exports) as the market tickers joined with ";". Pipe the event to
        /// Get-KalshiMarket (or use Get-KalshiMarket -EventTicker) for one flat row per market.
        /// </summary>
        public KalshiList<KalshiMarket> Markets { get; set; }

        public override string ToString() => EventTicker;
    }

    /// <summary>A series: a recurring kind of event (e.g. KXHIGHNY, the daily NYC high temperature).</summary>
    public sealed class KalshiSeries
    {
        /// <summary>SeriesTicker, not Ticker: piped to Get-KalshiMarket it binds -SeriesTicker (markets of the series).</summary>
        public string SeriesTicker { get; set; }
        /// <summary>The wire readers' name for <see cref="SeriesTicker"/>; internal so it never binds -Ticker.</summary>
        internal string Ticker { get => SeriesTicker; set => SeriesTicker = value; }
        public string Title { get; set; }
        public string Category { get; set; }
        public string Frequency { get => _frequency; set => _frequency = Vocabulary.Name(value); }
        private string _frequency;
        public string Tags { get; set; }
        public string FeeType { get => _feeType; set => _feeType = Vocabulary.Name(value); }
        private string _feeType;
        public decimal? FeeMultiplier { get; set; }
        public string SettlementSources { get; set; }
        public string ContractUrl { get; set; }
        /// <summary>The current terms of the contract underlying the series.</summary>
        public string ContractTermsUrl { get; set; }
        /// <summary>The discovery categories of the series, joined with ";".</summary>
        public string Categories { get; set; }
        /// <summary>Trading prohibitions of the series beyond the rulebook's, joined with ";".</summary>
        public string AdditionalProhibitions { get; set; }
        public override string ToString() => SeriesTicker;
    }
}
