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
        public int MarketCount { get; set; }
        /// <summary>Filled with -IncludeMarkets; pipe it on (or use Get-KalshiMarket -EventTicker) for flat rows.</summary>
        public KalshiMarket[] Markets { get; set; }

        public override string ToString() => EventTicker;
    }

    /// <summary>A series: a recurring kind of event (e.g. KXHIGHNY, the daily NYC high temperature).</summary>
    public sealed class KalshiSeries
    {
        public string Ticker { get; set; }
        public string SeriesTicker => Ticker;
        public string Title { get; set; }
        public string Category { get; set; }
        public string Frequency { get; set; }
        public string Tags { get; set; }
        public string FeeType { get; set; }
        public decimal? FeeMultiplier { get; set; }
        public string SettlementSources { get; set; }
        public string ContractUrl { get; set; }
        public override string ToString() => Ticker;
    }
}
