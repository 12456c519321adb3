using System;

namespace KalshiPS.Models
{
    /// <summary>Which lifecycle message an object came from (Watch-KalshiMarketLifecycle, Watch-KalshiMultivariateLifecycle).</summary>
    public enum LifecycleMessageType
    {
        /// <summary>A market changed (market_lifecycle_v2): KalshiLifecycleEvent.</summary>
        MarketLifecycle,
        /// <summary>A combo market changed (multivariate_market_lifecycle): KalshiLifecycleEvent.</summary>
        MultivariateMarketLifecycle,
        /// <summary>An event was created or changed (event_lifecycle): KalshiEventLifecycle.</summary>
        EventLifecycle,
        /// <summary>An event's fee override changed (event_fee_update): KalshiEventFeeUpdate.</summary>
        EventFeeUpdate,
    }

    /// <summary>One message of a lifecycle channel; <see cref="MessageType"/> says which kind (and so which subclass) it is.</summary>
    public abstract class KalshiLifecycleMessage
    {
        protected KalshiLifecycleMessage(LifecycleMessageType messageType) { MessageType = messageType; }

        public LifecycleMessageType MessageType { get; }
        /// <summary>When the message was received, UTC (lifecycle messages carry no time of their own).</summary>
        public DateTime? Timestamp { get; set; }
    }

    /// <summary>A market lifecycle change: created, activated, deactivated, determined, settled, ...</summary>
    public sealed class KalshiLifecycleEvent : KalshiLifecycleMessage
    {
        public KalshiLifecycleEvent() : this(LifecycleMessageType.MarketLifecycle) { }
        public KalshiLifecycleEvent(LifecycleMessageType messageType) : base(messageType) { }

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
        public override string ToString() => $"{Ticker} {EventType}{(Result != null ? " " + Result : "")}";
    }

    /// <summary>An event was created or its details changed (event_lifecycle).</summary>
    public sealed class KalshiEventLifecycle : KalshiLifecycleMessage
    {
        public KalshiEventLifecycle() : base(LifecycleMessageType.EventLifecycle) { }

        public string EventTicker { get; set; }
        public string SeriesTicker { get; set; }
        public string Title { get; set; }
        public string Subtitle { get; set; }
        public string CollateralReturnType { get; set; }
        public DateTime? StrikeDate { get; set; }
        public string StrikePeriod { get; set; }
        public override string ToString() => $"{EventTicker} {Title}";
    }

    /// <summary>An event's fee override changed (event_fee_update); both overrides null means it was cleared (the series' fee applies).</summary>
    public sealed class KalshiEventFeeUpdate : KalshiLifecycleMessage
    {
        public KalshiEventFeeUpdate() : base(LifecycleMessageType.EventFeeUpdate) { }

        public string EventTicker { get; set; }
        /// <summary>Quadratic, QuadraticWithMakerFees, Flat, ...; null when the override was cleared.</summary>
        public string FeeTypeOverride { get => _feeType; set => _feeType = Vocabulary.Name(value); }
        private string _feeType;
        public decimal? FeeMultiplierOverride { get; set; }
        /// <summary>The override was removed: the series' fee structure applies again.</summary>
        public bool Cleared => FeeTypeOverride == null && FeeMultiplierOverride == null;
        public override string ToString() => Cleared ? $"{EventTicker} fee override cleared" : $"{EventTicker} {FeeTypeOverride} x{FeeMultiplierOverride}";
    }
}
