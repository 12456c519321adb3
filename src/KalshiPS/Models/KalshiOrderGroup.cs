using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// An order group: the exchange's own kill switch. When its orders match ContractsLimit contracts within a
    /// rolling 15 seconds (or it is triggered by hand), Kalshi cancels its resting orders and refuses new ones in it
    /// until it is reset.
    /// </summary>
    public sealed class KalshiOrderGroup
    {
        public string OrderGroupId { get; set; }
        /// <summary>Most contracts the group's orders may match within a rolling 15 seconds.</summary>
        public decimal? ContractsLimit { get; set; }
        /// <summary>Kalshi's is_auto_cancel_enabled, as it reports it.</summary>
        public bool? IsAutoCancelEnabled { get; set; }
        /// <summary>The ids of the orders that belong to the group (only when one group is read by id).</summary>
        public KalshiList<string> OrderIds { get; set; }
        /// <summary>The subaccount that owns the group (0 = primary), when Kalshi says.</summary>
        public int? Subaccount { get; set; }
        public int? ExchangeIndex { get; set; }
        public override string ToString() => OrderGroupId;
    }

    /// <summary>One change of an order group (Watch-KalshiOrderGroup, channel order_group_updates).</summary>
    public sealed class KalshiOrderGroupUpdate
    {
        /// <summary>Created, Triggered, Reset, Deleted or LimitUpdated.</summary>
        public string EventType { get => _eventType; set => _eventType = Vocabulary.Name(value); }
        private string _eventType;
        public string OrderGroupId { get; set; }
        /// <summary>The limit, on Created and LimitUpdated.</summary>
        public decimal? ContractsLimit { get; set; }
        /// <summary>When it happened, UTC.</summary>
        public DateTime? Timestamp { get; set; }
        public override string ToString() => $"{OrderGroupId} {EventType}";
    }
}
