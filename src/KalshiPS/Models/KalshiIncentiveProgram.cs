using System;

using KalshiPS.Collections;

namespace KalshiPS.Models
{
    /// <summary>
    /// A liquidity or volume incentive on one market. Rewards are in dollars (Kalshi sends centi-cents: 10,000 = $1).
    /// </summary>
    public sealed class KalshiIncentiveProgram
    {
        public string Id { get; set; }
        public string Ticker { get; set; }
        public string MarketId { get; set; }
        /// <summary>liquidity, volume, margin_maker_volume, margin_taker_volume, or a newer type.</summary>
        public string Type { get; set; }
        public string Description { get; set; }
        public DateTime? StartTime { get; set; }
        public DateTime? EndTime { get; set; }
        /// <summary>Total reward of the period, in dollars.</summary>
        public decimal? PeriodReward { get; set; }
        public decimal? MaxRewardPerAccount { get; set; }
        public bool? PaidOut { get; set; }
        public int? DiscountFactorBps { get; set; }
        /// <summary>Contracts a resting order must have to count (liquidity programs).</summary>
        public decimal? TargetSize { get; set; }
        public override string ToString() => Id;
    }

    /// <summary>One tag of a series category (Get-KalshiSearchTag writes one row per category and tag).</summary>
    public sealed class KalshiSearchTag
    {
        public string Category { get; set; }
        public string Tag { get; set; }
        public override string ToString() => Tag;
    }

    /// <summary>The search filters of one sport: its scopes and its competitions with theirs, in Kalshi's display order.</summary>
    public sealed class KalshiSportFilter
    {
        public string Sport { get; set; }
        /// <summary>Display position (from 1); null when the sport is not in Kalshi's ordering.</summary>
        public int? Order { get; set; }
        public KalshiList<string> Scopes { get; set; } = Array.Empty<string>();
        public KalshiList<string> Competitions { get; set; } = Array.Empty<string>();
        /// <summary>Scopes per competition.</summary>
        public KalshiDetails CompetitionScopes { get; set; } = new KalshiDetails();
        public override string ToString() => Sport;
    }
}
