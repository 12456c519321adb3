using System;
using System.Collections.Generic;

using KalshiPS.Collections;

namespace KalshiPS.Models
{
    /// <summary>
    /// A real-world occurrence Kalshi's markets follow (a game, a race): its time span and related events. Details is
    /// the free-form object Kalshi sends (numbers as decimal); DetailsJson the same as JSON text for export.
    /// </summary>
    public sealed class KalshiMilestone
    {
        public string Id { get; set; }
        /// <summary>Sports, Elections, Esports, Crypto, ...</summary>
        public string Category { get; set; }
        /// <summary>football_game, basketball_game, political_race, ...</summary>
        public string Type { get; set; }
        public string Title { get; set; }
        public DateTime? StartTime { get; set; }
        public DateTime? EndTime { get; set; }
        public KalshiList<string> RelatedEventTickers { get; set; } = Array.Empty<string>();
        /// <summary>Events whose outcome this milestone directly decides.</summary>
        public KalshiList<string> PrimaryEventTickers { get; set; } = Array.Empty<string>();
        public string NotificationMessage { get; set; }
        public string SourceId { get; set; }
        public KalshiDetails SourceIds { get; set; } = new KalshiDetails();
        public KalshiDetails Details { get; set; } = new KalshiDetails();
        public string DetailsJson { get; set; }
        public DateTime? LastUpdatedTime { get; set; }
        public override string ToString() => Title ?? Id;
    }

    /// <summary>A structured target (a team, a player, a place) that markets are written about.</summary>
    public sealed class KalshiStructuredTarget
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string Type { get; set; }
        public string SourceId { get; set; }
        public KalshiDetails SourceIds { get; set; } = new KalshiDetails();
        public KalshiDetails Details { get; set; } = new KalshiDetails();
        public string DetailsJson { get; set; }
        public DateTime? LastUpdatedTime { get; set; }
        public override string ToString() => Name ?? Id;
    }
}
