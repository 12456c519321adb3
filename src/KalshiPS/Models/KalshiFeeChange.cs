using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// A scheduled (or past) fee change: of a series (Scope Series), or of one event's override on top of its series'
    /// fees (Scope Event; a null FeeType and FeeMultiplier clear the override, so the series' fees apply again).
    /// </summary>
    public sealed class KalshiFeeChange
    {
        public string Id { get; set; }
        /// <summary>Series or Event.</summary>
        public string Scope { get; set; }
        public string SeriesTicker { get; set; }
        public string EventTicker { get; set; }
        /// <summary>Quadratic, QuadraticWithMakerFees, QuadraticWithComboMakerFees, Flat, or a newer value (as KalshiSeries.FeeType).</summary>
        public string FeeType { get => _feeType; set => _feeType = Vocabulary.Name(value); }
        private string _feeType;
        public decimal? FeeMultiplier { get; set; }
        /// <summary>When the new fees take effect.</summary>
        public DateTime? ScheduledTime { get; set; }
        public override string ToString() => Id;
    }
}
