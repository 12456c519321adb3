using System;

namespace KalshiPS.Models
{
    /// <summary>A market lifecycle change (Watch-KalshiMarketLifecycle): created, activated, deactivated, determined, settled, ...</summary>
    public sealed class KalshiLifecycleEvent
    {
        public string Ticker { get; set; }
        /// <summary>Created, Activated, Deactivated, CloseDateUpdated, Determined, Settled, PriceLevelStructureUpdated, MetadataUpdated.</summary>
        public string EventType { get => _eventType; set => _eventType = Vocabulary.Name(value); }
        private string _eventType;
        /// <summary>Yes or No once determined; null before.</summary>
        public string Result { get => _result; set => _result = Vocabulary.Name(value); }
        private string _result;
        public decimal? SettlementValue { get; set; }
        public DateTime? OpenTime { get; set; }
        public DateTime? CloseTime { get; set; }
        public DateTime? DeterminationTime { get; set; }
        public DateTime? SettledTime { get; set; }
        public bool? IsDeactivated { get; set; }
        public string PriceLevelStructure { get => _priceLevelStructure; set => _priceLevelStructure = Vocabulary.Name(value); }
        private string _priceLevelStructure;
        /// <summary>When the event was received, UTC (the message carries no event time of its own).</summary>
        public DateTime? Timestamp { get; set; }
        public override string ToString() => $"{Ticker} {EventType}{(Result != null ? " " + Result : "")}";
    }
}
