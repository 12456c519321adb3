using System;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>GET /portfolio/orders/{id}/queue_position and /portfolio/orders/queue_positions.</summary>
    internal static class QueuePositionWire
    {
        /// <summary>One item of queue_positions: {order_id, market_ticker, queue_position_fp}.</summary>
        public static KalshiQueuePosition Item(ref Utf8JsonReader r)
        {
            var q = new KalshiQueuePosition();
            string ticker = null, marketTicker = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "order_id": q.OrderId = r.Str(); break;
                    case "market_ticker": marketTicker = r.Repeated(); break;
                    case "ticker": ticker = r.Repeated(); break;
                    case "queue_position_fp": q.QueuePosition = r.Dec(); break;
                    default: r.Skip(); break;
                }
            q.Ticker = MarketDataWire.First(marketTicker, ticker);
            return q;
        }

        /// <summary>The single-order answer {queue_position_fp}; the caller knows which order it asked about.</summary>
        public static decimal? Count(ref Utf8JsonReader r)
        {
            decimal? count = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            while (r.NextProperty(out var field))
                if (field.SequenceEqual("queue_position_fp".AsSpan())) count = r.Dec(); else r.Skip();
            return count;
        }
    }
}
