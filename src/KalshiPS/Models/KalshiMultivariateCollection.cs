using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// A multivariate event collection: a template whose markets are combinations of markets in its associated events
    /// (New-KalshiMultivariateMarket makes one). Dates are UTC.
    /// </summary>
    public sealed class KalshiMultivariateCollection
    {
        public string CollectionTicker { get; set; }
        public string SeriesTicker { get; set; }
        public string Title { get; set; }
        public string Description { get; set; }
        public DateTime? OpenTime { get; set; }
        public DateTime? CloseTime { get; set; }
        /// <summary>Does the order of the selected markets change which market is made?</summary>
        public bool? IsOrdered { get; set; }
        /// <summary>How many markets a selection must have (inclusive).</summary>
        public int? SizeMin { get; set; }
        public int? SizeMax { get; set; }
        public int? ExchangeIndex { get; set; }
        /// <summary>The events whose markets can be selected, each with its own limits.</summary>
        public KalshiList<KalshiAssociatedEvent> AssociatedEvents { get; set; } = Array.Empty<KalshiAssociatedEvent>();
        /// <summary>The associated events' tickers (from associated_events, else the deprecated associated_event_tickers).</summary>
        public KalshiList<string> AssociatedEventTickers { get; set; } = Array.Empty<string>();
        public string FunctionalDescription { get; set; }
        public override string ToString() => CollectionTicker;
    }

    /// <summary>One event of a multivariate collection and what a selection may take from it.</summary>
    public sealed class KalshiAssociatedEvent
    {
        public string EventTicker { get; set; }
        /// <summary>Only the Yes side of this event's markets may be selected.</summary>
        public bool? IsYesOnly { get; set; }
        /// <summary>Markets a selection may take from this event (null: no limit).</summary>
        public int? SizeMin { get; set; }
        public int? SizeMax { get; set; }
        public KalshiList<string> ActiveQuoters { get; set; } = Array.Empty<string>();
        public override string ToString() => EventTicker;
    }

    /// <summary>
    /// The market a multivariate collection made (or already had) for one selection of markets. Market is the full
    /// market when it was asked for (-PassThru), else null.
    /// </summary>
    public sealed class KalshiMultivariateMarket
    {
        public string CollectionTicker { get; set; }
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public KalshiMarket Market { get; set; }
        public override string ToString() => Ticker;
    }
}
