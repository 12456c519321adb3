using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's /historical/* JSON to output types (markets, trades, fills, orders and candles use the live readers).</summary>
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
    }
}
