using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>
    /// A message of the communications channel (Watch-KalshiRfq): RfqCreated, RfqDeleted, QuoteCreated, QuoteAccepted
    /// or QuoteExecuted. Fields a message type does not carry are null.
    /// </summary>
    public sealed class KalshiRfqEvent
    {
        public string EventType { get => _eventType; set => _eventType = Vocabulary.Name(value); }
        private string _eventType;
        public string RfqId { get; set; }
        public string QuoteId { get; set; }
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        /// <summary>The RFQ's creator (communications id; empty on RFQs of others).</summary>
        public string RfqCreatorId { get; set; }
        public string QuoteCreatorId { get; set; }
        public decimal? Contracts { get; set; }
        public decimal? TargetCost { get; set; }
        public decimal? YesBid { get; set; }
        public decimal? NoBid { get; set; }
        public decimal? YesContractsOffered { get; set; }
        public decimal? NoContractsOffered { get; set; }
        public string AcceptedSide { get => _acceptedSide; set => _acceptedSide = Vocabulary.Name(value); }
        private string _acceptedSide;
        public decimal? ContractsAccepted { get; set; }
        /// <summary>On QuoteExecuted: your order of the execution (its fills carry this id).</summary>
        public string OrderId { get; set; }
        public string ClientOrderId { get; set; }
        /// <summary>The event's own time when the message carries one, else when it was received (UTC).</summary>
        public DateTime? Timestamp { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", EventType, QuoteId ?? RfqId, Ticker);
    }
}
