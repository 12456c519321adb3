using System;

namespace KalshiPS.Models
{
    /// <summary>A subtrader of an FCM member: the account the member clears for, and whether it may trade.</summary>
    public sealed class KalshiSubtrader
    {
        /// <summary>{the FCM's account id}_{suffix}.</summary>
        public string SubtraderId { get; set; }
        /// <summary>Effective block, firm-wide and Kalshi restrictions included.</summary>
        public bool? TradingBlocked { get; set; }
        /// <summary>A per-subtrader block the FCM set.</summary>
        public bool? FcmTradingBlocked { get; set; }
        /// <summary>A block waiting to reach the matching engine.</summary>
        public bool? PropagationPending { get; set; }
        public KalshiList<int> ExchangeIndices { get; set; } = Array.Empty<int>();
        public override string ToString() => SubtraderId;
    }

    /// <summary>
    /// A subtrader's daily event-contract cap in dollars and how much of it is used today (New York date CapDate);
    /// Available is what is left. Limit is null when no cap is set.
    /// </summary>
    public sealed class KalshiSubtraderCap
    {
        public string SubtraderId { get; set; }
        public decimal? Limit { get; set; }
        public decimal? ExecutedUtilization { get; set; }
        public decimal? RestingOrderUtilization { get; set; }
        public decimal? PendingOrderUtilization { get; set; }
        public decimal? Available => Limit.HasValue ? Limit.Value - (ExecutedUtilization ?? 0m) - (RestingOrderUtilization ?? 0m) - (PendingOrderUtilization ?? 0m) : (decimal?)null;
        /// <summary>The New York calendar date (yyyy-MM-dd) executed utilization counts for.</summary>
        public string CapDate { get; set; }
        public override string ToString() => SubtraderId;
    }

    /// <summary>
    /// One value of a reference index from the index channels: CF Benchmarks (cfbenchmarks_value once a second,
    /// cfbenchmarks_value_5hz up to five times) or Pyth (pyth_value). IndexId is the CF Benchmarks index id or the Pyth
    /// symbol. Value is the index in USD (the 1-second channel sends only the raw frame; its value is read from it).
    /// </summary>
    public sealed class KalshiIndexValue
    {
        public string Channel { get; set; }
        public string IndexId { get; set; }
        public decimal? Value { get; set; }
        public DateTime? SourceTime { get; set; }
        public DateTime? ReceivedTime { get; set; }
        /// <summary>Trailing 60-second average (cfbenchmarks_value only).</summary>
        public decimal? Average60s { get; set; }
        public int? Average60sTicks { get; set; }
        /// <summary>Average of the final minute before a quarter-hour close (present only in that minute).</summary>
        public decimal? QuarterCloseAverage { get; set; }
        public int? QuarterCloseTicks { get; set; }
        /// <summary>The upstream frame as Kalshi relays it (CF Benchmarks channels).</summary>
        public string Data { get; set; }
        public override string ToString() => IndexId;
    }
}
