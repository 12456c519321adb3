using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// Where Kalshi's live data ends (GET /historical/cutoff): records older than a cutoff are served only by the
    /// /historical/* endpoints, and live listings silently leave them out. The cutoffs move forward over time.
    /// </summary>
    public sealed class KalshiHistoricalCutoff
    {
        /// <summary>Markets (and their candlesticks) settled before this time are archived.</summary>
        public DateTime? MarketsSettledBefore { get; set; }
        /// <summary>Trades and fills created before this time are archived.</summary>
        public DateTime? TradesCreatedBefore { get; set; }
        /// <summary>Orders canceled or fully executed before this time are archived (resting orders never are).</summary>
        public DateTime? OrdersUpdatedBefore { get; set; }
        /// <summary>Settled positions last updated before this time are archived (null when Kalshi does not say).</summary>
        public DateTime? PositionsUpdatedBefore { get; set; }
    }
}
