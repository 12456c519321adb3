using System;

namespace KalshiPS.Models
{
    /// <summary>A scheduled (or, with history, past) change of a series' fee structure (EventTicker is null for series changes).</summary>
    public sealed class KalshiFeeChange
    {
        public string Id { get; set; }
        public string SeriesTicker { get; set; }
        public string EventTicker { get; set; }
        /// <summary>quadratic, quadratic_with_maker_fees, quadratic_with_combo_maker_fees, flat, or a newer value.</summary>
        public string FeeType { get; set; }
        public decimal? FeeMultiplier { get; set; }
        /// <summary>When the new fees take effect.</summary>
        public DateTime? ScheduledTime { get; set; }
        public override string ToString() => Id;
    }
}
