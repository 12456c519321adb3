using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's GET /events/{event_ticker}/metadata JSON to output types.</summary>
    internal static class EventMetadataWire
    {
        public static KalshiEventMetadata Metadata(string eventTicker, JsonElement r) => new KalshiEventMetadata
        {
            EventTicker = eventTicker,
            ImageUrl = r.Str("image_url"),
            FeaturedImageUrl = r.Str("featured_image_url"),
            Competition = r.Str("competition"),
            CompetitionScope = r.Str("competition_scope"),
            SettlementSources = r.Arr("settlement_sources") is JsonElement sources
                ? string.Join(";", sources.EnumerateArray().Select(x => x.StrAny("name", "url")).Where(s => !string.IsNullOrEmpty(s)))
                : null,
            Markets = r.Arr("market_details")?.EnumerateArray().Select(Market).ToArray() ?? new KalshiMarketMetadata[0],
        };

        private static KalshiMarketMetadata Market(JsonElement m) => new KalshiMarketMetadata
        {
            MarketTicker = m.Str("market_ticker"),
            ImageUrl = m.Str("image_url"),
            ColorCode = m.Str("color_code"),
        };
    }
}
