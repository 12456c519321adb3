using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Wire
{
    /// <summary>WebSocket-only payloads to output types (the shared ones live in MarketDataWire/PortfolioWire).</summary>
    internal static class StreamWire
    {
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

        public static KalshiLifecycleEvent Lifecycle(StreamMessage m)
        {
            var l = m.Msg;
            return new KalshiLifecycleEvent
            {
                Ticker = l.Str("market_ticker"),
                EventType = l.Str("event_type"),
                Result = MarketDataWire.Outcome(l.Str("result")),
                SettlementValue = l.Dec("settlement_value"),
                OpenTime = l.Time("open_ts"),
                CloseTime = l.Time("close_ts"),
                DeterminationTime = l.Time("determination_ts"),
                SettledTime = l.Time("settled_ts"),
                IsDeactivated = l.Bool("is_deactivated"),
                PriceLevelStructure = l.Str("price_level_structure"),
                Timestamp = m.ReceivedAt,
            };
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
