using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's series and event fee change JSON (GET /series/fee_changes, GET /events/fee_changes) to one output type.</summary>
    internal static class FeeChangeWire
    {
        public static KalshiFeeChange Series(JsonElement c) => new KalshiFeeChange
        {
            Id = c.Str("id"),
            Scope = "Series",
            SeriesTicker = c.Str("series_ticker"),
            FeeType = c.Str("fee_type"),
            FeeMultiplier = c.Dec("fee_multiplier"),
            ScheduledTime = c.Time("scheduled_ts"),
        };

        /// <summary>Null (or absent) overrides mean the event falls back to its series' fees.</summary>
        public static KalshiFeeChange Event(JsonElement c) => new KalshiFeeChange
        {
            Id = c.Str("id"),
            Scope = "Event",
            SeriesTicker = c.Str("series_ticker"),
            EventTicker = c.Str("event_ticker"),
            FeeType = c.Str("fee_type_override"),
            FeeMultiplier = c.Dec("fee_multiplier_override"),
            ScheduledTime = c.Time("scheduled_ts"),
        };
    }
}
