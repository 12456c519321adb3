using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>
    /// Trading volume progress toward the volume-based API usage levels (GET /account/api_usage_level/volume_progress):
    /// the trailing 30-day contracts volume and, per level, the volume that earns it and the volume that keeps it.
    /// </summary>
    public sealed class KalshiApiUsage
    {
        /// <summary>When Kalshi computed the figures, UTC; the volume covers the 30 days ending then.</summary>
        public DateTime? ComputedTime { get; set; }
        /// <summary>Contracts traded in the trailing 30 days.</summary>
        public decimal? TrailingVolume { get; set; }
        public KalshiList<KalshiApiVolumeGoal> Goals { get; set; } = new KalshiApiVolumeGoal[0];
        /// <summary>The highest level whose earn goal the trailing volume meets; null when none.</summary>
        public string EarnedLevel
        {
            get
            {
                string level = null;
                foreach (var g in Goals)
                    if (TrailingVolume.HasValue && g.EarnVolume.HasValue && TrailingVolume.Value >= g.EarnVolume.Value) level = g.Level;
                return level;
            }
        }
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} contracts in 30 days", TrailingVolume);
    }

    /// <summary>The 30-day contracts volume that earns one API usage level, and the volume that keeps it.</summary>
    public sealed class KalshiApiVolumeGoal
    {
        public string Level { get => _level; set => _level = Vocabulary.Name(value); }
        private string _level;
        public decimal? EarnVolume { get; set; }
        public decimal? KeepVolume { get; set; }
        /// <summary>"Expert 100000.00/50000.00": earn and keep goals (stable text for Export-Csv).</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1}/{2}", Level, EarnVolume, KeepVolume);
    }
}
