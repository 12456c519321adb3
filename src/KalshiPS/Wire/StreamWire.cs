using System;
using System.Text.Json;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Wire
{
    /// <summary>WebSocket-only payloads to output types (the shared ones live in MarketDataWire/PortfolioWire).</summary>
    internal static class StreamWire
    {
        /// <summary>
        /// One frame {type, id, sid, seq, msg} from its bytes. An orderbook_delta's msg is read into
        /// <see cref="StreamMessage.Delta"/> right here; any other msg is kept as bytes until someone asks for it.
        /// Null when the frame is not a JSON object.
        /// </summary>
        public static StreamMessage Frame(ReadOnlySpan<byte> utf8, DateTime receivedAt)
        {
            var r = new Utf8JsonReader(utf8);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
            var m = new StreamMessage { ReceivedAt = receivedAt };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "type": m.Type = r.Repeated(); break;
                    case "id": m.Id = r.Long(); break;
                    case "sid": m.Sid = (int?)r.Long(); break;
                    case "seq": m.Seq = r.Long(); break;
                    case "msg":
                        if (m.Type == "orderbook_delta" && r.TokenType == JsonTokenType.StartObject) { m.Delta = Delta(ref r); break; }
                        var start = (int)r.TokenStartIndex;
                        r.Skip();
                        m.MsgUtf8 = utf8.Slice(start, (int)r.BytesConsumed - start).ToArray();
                        break;
                    default: r.Skip(); break;
                }
            if (m.Type == "orderbook_delta" && m.Delta == null && m.MsgUtf8 != null)
            {
                var d = new Utf8JsonReader(m.MsgUtf8);
                d.Read();
                if (d.TokenType == JsonTokenType.StartObject) m.Delta = Delta(ref d);
            }
            // Error replies and acks may carry sid/seq inside msg.
            if (m.Sid == null && m.MsgUtf8 != null && m.Msg.ValueKind == JsonValueKind.Object) m.Sid = (int?)m.Msg.Long("sid");
            return m;
        }

        /// <summary>An orderbook_delta msg: market_ticker, side, price_dollars, delta_fp, ts_ms.</summary>
        public static BookDelta Delta(ref Utf8JsonReader r)
        {
            var d = new BookDelta();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "market_ticker": d.Ticker = r.Repeated(); break;
                    case "side": d.Side = r.Repeated(); break;
                    case "price_dollars": d.Price = r.Dec(); break;
                    case "delta_fp": d.Size = r.Dec(); break;
                    case "ts_ms": d.Time = r.TimeMs(); break;
                    default: r.Skip(); break;
                }
            return d;
        }

        public static KalshiTickerUpdate Ticker(StreamMessage m)
        {
            var t = m.Msg;
            return new KalshiTickerUpdate
            {
                Ticker = t.Str("market_ticker"),
                MarketId = t.Str("market_id"),
                LastPrice = t.Dec("price_dollars"),
                YesBid = t.Dec("yes_bid_dollars"),
                YesAsk = t.Dec("yes_ask_dollars"),
                YesBidSize = t.Dec("yes_bid_size_fp"),
                YesAskSize = t.Dec("yes_ask_size_fp"),
                LastTradeSize = t.Dec("last_trade_size_fp"),
                Volume = t.Dec("volume_fp"),
                OpenInterest = t.Dec("open_interest_fp"),
                DollarVolume = t.Long("dollar_volume"),
                DollarOpenInterest = t.Long("dollar_open_interest"),
                Timestamp = t.TimeMs("ts_ms") ?? t.Time("time") ?? t.Time("ts") ?? m.ReceivedAt,
            };
        }

        /// <summary>
        /// A lifecycle channel's message by its type: market_lifecycle_v2 / multivariate_market_lifecycle (a market),
        /// event_lifecycle (an event), event_fee_update (an event's fee override); null for any other type.
        /// </summary>
        public static KalshiLifecycleMessage Lifecycle(StreamMessage m)
        {
            KalshiLifecycleMessage item;
            switch (m.Type)
            {
                case "market_lifecycle_v2": item = ReadMsg(m, (ref Utf8JsonReader r) => MarketLifecycle(ref r, LifecycleMessageType.MarketLifecycle)); break;
                case "multivariate_market_lifecycle": item = ReadMsg(m, (ref Utf8JsonReader r) => MarketLifecycle(ref r, LifecycleMessageType.MultivariateMarketLifecycle)); break;
                case "event_lifecycle": item = ReadMsg(m, EventLifecycle); break;
                case "event_fee_update": item = ReadMsg(m, EventFeeUpdate); break;
                default: return null;
            }
            if (item != null) item.Timestamp = m.ReceivedAt;
            return item;
        }

        /// <summary>The frame's msg object through <paramref name="read"/> (null when msg is missing or not an object).</summary>
        private static T ReadMsg<T>(StreamMessage m, ReadValue<T> read) where T : class
        {
            if (m.MsgUtf8 == null) return null;
            var r = new Utf8JsonReader(m.MsgUtf8);
            return r.Read() ? r.Object(read) : null;
        }

        public static KalshiLifecycleEvent MarketLifecycle(ref Utf8JsonReader r, LifecycleMessageType type)
        {
            var l = new KalshiLifecycleEvent(type);
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "market_ticker": l.Ticker = r.Str(); break;
                    case "event_type": l.EventType = r.Repeated(); break;
                    case "result": l.Result = MarketDataWire.Outcome(r.Str()); break;
                    case "settlement_value": l.SettlementValue = r.Dec(); break;
                    case "open_ts": l.OpenTime = r.Time(); break;
                    case "close_ts": l.CloseTime = r.Time(); break;
                    case "determination_ts": l.DeterminationTime = r.Time(); break;
                    case "settled_ts": l.SettledTime = r.Time(); break;
                    case "is_deactivated": l.IsDeactivated = r.Bool(); break;
                    case "price_level_structure": l.PriceLevelStructure = r.Repeated(); break;
                    default: r.Skip(); break;
                }
            return l;
        }

        public static KalshiEventLifecycle EventLifecycle(ref Utf8JsonReader r)
        {
            var e = new KalshiEventLifecycle();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_ticker": e.EventTicker = r.Str(); break;
                    case "series_ticker": e.SeriesTicker = r.Repeated(); break;
                    case "title": e.Title = r.Str(); break;
                    case "subtitle": e.Subtitle = r.Str(); break;
                    case "collateral_return_type": e.CollateralReturnType = MarketDataWire.NullIfEmpty(r.Repeated()); break;
                    case "strike_date": e.StrikeDate = r.Time(); break;
                    case "strike_period": e.StrikePeriod = MarketDataWire.NullIfEmpty(r.Str()); break;
                    default: r.Skip(); break;
                }
            return e;
        }

        public static KalshiEventFeeUpdate EventFeeUpdate(ref Utf8JsonReader r)
        {
            var f = new KalshiEventFeeUpdate();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_ticker": f.EventTicker = r.Str(); break;
                    case "fee_type_override": f.FeeTypeOverride = r.Repeated(); break;
                    case "fee_multiplier_override": f.FeeMultiplierOverride = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return f;
        }

        public static KalshiTrade Trade(StreamMessage m) => MarketDataWire.Trade(m.Msg);
        public static KalshiOrder Order(StreamMessage m) => PortfolioWire.Order(m.Msg);

        public static KalshiPosition Position(StreamMessage m)
        {
            var p = PortfolioWire.Position(m.Msg);
            p.LastUpdated = p.LastUpdated ?? m.ReceivedAt;
            return p;
        }
    }
}
