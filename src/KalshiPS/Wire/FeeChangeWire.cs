using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's series and event fee change JSON (GET /series/fee_changes, GET /events/fee_changes) to one output type.</summary>
    internal static class FeeChangeWire
    {
        public static KalshiFeeChange Series(ref Utf8JsonReader r)
        {
            var c = new KalshiFeeChange { Scope = "Series" };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": c.Id = r.Str(); break;
                    case "series_ticker": c.SeriesTicker = r.Str(); break;
                    case "fee_type": c.FeeType = r.Str(); break;
                    case "fee_multiplier": c.FeeMultiplier = r.Dec(); break;
                    case "scheduled_ts": c.ScheduledTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return c;
        }

        /// <summary>Null (or absent) overrides mean the event falls back to its series' fees.</summary>
        public static KalshiFeeChange Event(ref Utf8JsonReader r)
        {
            var c = new KalshiFeeChange { Scope = "Event" };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": c.Id = r.Str(); break;
                    case "series_ticker": c.SeriesTicker = r.Str(); break;
                    case "event_ticker": c.EventTicker = r.Str(); break;
                    case "fee_type_override": c.FeeType = r.Str(); break;
                    case "fee_multiplier_override": c.FeeMultiplier = r.Dec(); break;
                    case "scheduled_ts": c.ScheduledTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return c;
        }
    }
}
