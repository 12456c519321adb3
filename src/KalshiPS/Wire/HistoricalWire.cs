using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's /historical/* JSON to output types.</summary>
    internal static class HistoricalWire
    {
        /// <summary>The spec types the four *_ts fields as strings; Time() takes RFC 3339 or Unix seconds, as text or number.</summary>
        public static KalshiHistoricalCutoff Cutoff(JsonElement r) => new KalshiHistoricalCutoff
        {
            MarketsSettledBefore = r.Time("market_settled_ts"),
            TradesCreatedBefore = r.Time("trades_created_ts"),
            OrdersUpdatedBefore = r.Time("orders_updated_ts"),
            PositionsUpdatedBefore = r.Time("market_positions_last_updated_ts"),
        };
    }
}
