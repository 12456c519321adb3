namespace KalshiPS.Models
{
    /// <summary>Where a resting order stands in its price level: contracts that must trade before it gets a fill.</summary>
    public sealed class KalshiQueuePosition
    {
        public string OrderId { get; set; }
        public string Ticker { get; set; }
        /// <summary>Contracts ahead of the order at its price (price-time priority); 0 = first in line.</summary>
        public decimal? QueuePosition { get; set; }
        public override string ToString() => $"{OrderId} {Ticker} {QueuePosition}";
    }
}
