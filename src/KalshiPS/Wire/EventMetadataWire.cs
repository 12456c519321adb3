using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's GET /events/{event_ticker}/metadata JSON to output types.</summary>
    internal static class EventMetadataWire
    {
        public static KalshiEventMetadata Metadata(string eventTicker, ref Utf8JsonReader r)
        {
            var m = new KalshiEventMetadata { EventTicker = eventTicker };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "image_url": m.ImageUrl = r.Str(); break;
                    case "featured_image_url": m.FeaturedImageUrl = r.Str(); break;
                    case "competition": m.Competition = r.Str(); break;
                    case "competition_scope": m.CompetitionScope = r.Str(); break;
                    case "settlement_sources":
                        var sources = r.Objects(Source);
                        m.SettlementSources = sources == null ? null : string.Join(";", sources.Where(s => !string.IsNullOrEmpty(s)));
                        break;
                    case "market_details": m.Markets = r.Objects(Market)?.ToArray(); break;
                    default: r.Skip(); break;
                }
            m.Markets = m.Markets ?? new KalshiMarketMetadata[0];
            return m;
        }

        /// <summary>A settlement source's name, else its URL.</summary>
        private static string Source(ref Utf8JsonReader r)
        {
            string name = null, url = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "name": name = r.Str(); break;
                    case "url": url = r.Str(); break;
                    default: r.Skip(); break;
                }
            return string.IsNullOrEmpty(name) ? url : name;
        }

        private static KalshiMarketMetadata Market(ref Utf8JsonReader r)
        {
            var m = new KalshiMarketMetadata();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "market_ticker": m.MarketTicker = r.Str(); break;
                    case "image_url": m.ImageUrl = r.Str(); break;
                    case "color_code": m.ColorCode = r.Str(); break;
                    default: r.Skip(); break;
                }
            return m;
        }
    }
}
