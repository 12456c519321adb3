using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's multivariate event collection JSON (GET/POST /multivariate_event_collections...).</summary>
    internal static class MultivariateWire
    {
        public static KalshiMultivariateCollection Collection(ref Utf8JsonReader r)
        {
            var c = new KalshiMultivariateCollection();
            string[] legacyTickers = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "collection_ticker": c.CollectionTicker = r.Str(); break;
                    case "series_ticker": c.SeriesTicker = r.Repeated(); break;
                    case "title": c.Title = r.Str(); break;
                    case "description": c.Description = r.Str(); break;
                    case "open_date": c.OpenTime = r.Time(); break;
                    case "close_date": c.CloseTime = r.Time(); break;
                    case "is_ordered": c.IsOrdered = r.Bool(); break;
                    case "size_min": c.SizeMin = (int?)r.Long(); break;
                    case "size_max": c.SizeMax = (int?)r.Long(); break;
                    case "exchange_index": c.ExchangeIndex = (int?)r.Long(); break;
                    case "functional_description": c.FunctionalDescription = r.Str(); break;
                    case "associated_events": c.AssociatedEvents = (r.Objects(AssociatedEvent) ?? new List<KalshiAssociatedEvent>()).ToArray(); break;
                    case "associated_event_tickers": legacyTickers = FreeJson.Strings(ref r); break;
                    default: r.Skip(); break;
                }
            c.AssociatedEventTickers = c.AssociatedEvents.Count > 0
                ? c.AssociatedEvents.Select(e => e.EventTicker).Where(t => t != null).ToArray()
                : legacyTickers ?? Array.Empty<string>();
            return c;
        }

        private static KalshiAssociatedEvent AssociatedEvent(ref Utf8JsonReader r)
        {
            var e = new KalshiAssociatedEvent();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "ticker": e.EventTicker = r.Str(); break;
                    case "is_yes_only": e.IsYesOnly = r.Bool(); break;
                    case "size_min": e.SizeMin = (int?)r.Long(); break;
                    case "size_max": e.SizeMax = (int?)r.Long(); break;
                    case "active_quoters": e.ActiveQuoters = FreeJson.Strings(ref r); break;
                    default: r.Skip(); break;
                }
            return e;
        }

        /// <summary>The answer of a create: {event_ticker, market_ticker, market?}.</summary>
        public static KalshiMultivariateMarket Created(string collectionTicker, ref Utf8JsonReader r)
        {
            var m = new KalshiMultivariateMarket { CollectionTicker = collectionTicker };
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return m; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_ticker": m.EventTicker = r.Str(); break;
                    case "market_ticker": m.Ticker = r.Str(); break;
                    case "market": m.Market = r.Object(MarketDataWire.Market); break;
                    default: r.Skip(); break;
                }
            if (m.Market != null)
            {
                m.Ticker = m.Ticker ?? m.Market.Ticker;
                m.EventTicker = m.EventTicker ?? m.Market.EventTicker;
            }
            return m;
        }

        /// <summary>One selected market of a create request: {market_ticker, event_ticker, side}.</summary>
        public sealed class Leg
        {
            public string Ticker { get; set; }
            public string EventTicker { get; set; }
            /// <summary>"yes" or "no" (the wire's spelling).</summary>
            public string Side { get; set; }
        }

        public static string CreateBody(IReadOnlyList<Leg> legs, bool withMarket)
        {
            using (var buffer = new System.IO.MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    w.WriteStartArray("selected_markets");
                    foreach (var leg in legs)
                    {
                        w.WriteStartObject();
                        w.WriteString("market_ticker", leg.Ticker);
                        w.WriteString("event_ticker", leg.EventTicker);
                        w.WriteString("side", leg.Side);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    if (withMarket) w.WriteBoolean("with_market_payload", true);
                    w.WriteEndObject();
                }
                return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
        }
    }
}
