using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's /historical/* JSON to output types (markets, trades, fills and orders use the live readers).</summary>
    internal static class HistoricalWire
    {
        /// <summary>The spec types the four *_ts fields as strings; Time() takes RFC 3339 or Unix seconds, as text or number.</summary>
        public static KalshiHistoricalCutoff Cutoff(ref Utf8JsonReader r)
        {
            var c = new KalshiHistoricalCutoff();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "market_settled_ts": c.MarketsSettledBefore = r.Time(); break;
                    case "trades_created_ts": c.TradesCreatedBefore = r.Time(); break;
                    case "orders_updated_ts": c.OrdersUpdatedBefore = r.Time(); break;
                    case "market_positions_last_updated_ts": c.PositionsUpdatedBefore = r.Time(); break;
                    default: r.Skip(); break;
                }
            return c;
        }

        /// <summary>
        /// An archived candle (MarketCandlestickHistorical): the same model as a live one, but the archive spells its
        /// prices without the _dollars suffix (open, low, high, close, mean) and its counts without _fp.
        /// </summary>
        public static KalshiCandlestick Candle(ref Utf8JsonReader r, string ticker, int periodMinutes)
        {
            var c = new KalshiCandlestick { Ticker = ticker, PeriodMinutes = periodMinutes };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "end_period_ts": c.EndTime = r.Time(); break;
                    case "price": r.Object((ref Utf8JsonReader p) => Price(ref p, c)); break;
                    case "yes_bid": c.YesBidClose = r.Object(Close); break;
                    case "yes_ask": c.YesAskClose = r.Object(Close); break;
                    case "volume": case "volume_fp": c.Volume = r.Dec(); break;
                    case "open_interest": case "open_interest_fp": c.OpenInterest = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return c;
        }

        private static bool Price(ref Utf8JsonReader r, KalshiCandlestick c)
        {
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "open": case "open_dollars": c.Open = r.Dec(); break;
                    case "high": case "high_dollars": c.High = r.Dec(); break;
                    case "low": case "low_dollars": c.Low = r.Dec(); break;
                    case "close": case "close_dollars": c.Close = r.Dec(); break;
                    case "mean": case "mean_dollars": c.Mean = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return true;
        }

        private static decimal? Close(ref Utf8JsonReader r)
        {
            decimal? close = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "close": case "close_dollars": close = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return close;
        }
    }
}
