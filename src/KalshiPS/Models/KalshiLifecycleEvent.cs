using System;

namespace KalshiPS.Models
{
    /// <summary>A market lifecycle change (Watch-KalshiMarketLifecycle): created, activated, deactivated, determined, settled, ...</summary>
    public sealed class KalshiLifecycleEvent
    {
        public string Ticker { get; set; }
        /// <summary>created, activated, deactivated, close_date_updated, determined, settled, price_level_structure_updated, metadata_updated.</summary>
        public string EventType { get; set; }
        /// <summary>Yes or No once determined; null before.</summary>
        public string Result { get; set; }
        public decimal? SettlementValue { get; set; }
        public DateTime? OpenTime { get; set; }
        public DateTime? CloseTime { get; set; }
        public DateTime? DeterminationTime { get; set; }
        public DateTime? SettledTime { get; set; }
        public bool? IsDeactivated { get; set; }
        public string PriceLevelStructure { get; set; }
        /// <summary>When the event was received, UTC (the message carries no event time of its own).</summary>
        public DateTime? Timestamp { get; set; }
        public override string ToString() => $"{Ticker} {EventType}{(Result != null ? " " + Result : "")}";
    }
}
