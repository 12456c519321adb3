using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>V2 order write bodies and answers (kalshi-api.md §3.4, §4.1): the only place that knows their JSON spelling.</summary>
    internal static class OrderRequestWire
    {
        public static string TimeInForce(KalshiTimeInForce t)
        {
            switch (t)
            {
                case KalshiTimeInForce.ImmediateOrCancel: return "immediate_or_cancel";
                case KalshiTimeInForce.FillOrKill: return "fill_or_kill";
                default: return "good_till_canceled";
            }
        }

        public static string SelfTradePrevention(KalshiSelfTradePrevention s) => s == KalshiSelfTradePrevention.Maker ? "maker" : "taker_at_cross";

        public static string OrderStatus(KalshiOrderStatus s) => s.ToString().ToLowerInvariant();

        /// <summary>CreateOrderV2Request body; time_in_force and self_trade_prevention_type are always sent.</summary>
        public static string Create(OrderSpec o) => Write(w => WriteOrder(w, o));

        /// <summary>{"orders":[CreateOrderV2Request...]}</summary>
        public static string CreateBatch(IEnumerable<OrderSpec> orders) => Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("orders");
            foreach (var o in orders) WriteOrder(w, o);
            w.WriteEndArray();
            w.WriteEndObject();
        });

        private static void WriteOrder(Utf8JsonWriter w, OrderSpec o)
        {
            w.WriteStartObject();
            w.WriteString("ticker", o.Ticker);
            w.WriteString("side", o.BookSide);
            w.WriteString("count", FixedPoint.Count(o.Count));
            w.WriteString("price", FixedPoint.Price(o.YesPrice));
            w.WriteString("time_in_force", TimeInForce(o.TimeInForce));
            w.WriteString("self_trade_prevention_type", SelfTradePrevention(o.SelfTradePrevention));
            w.WriteString("client_order_id", o.ClientOrderId);
            if (o.ExpirationTime.HasValue) w.WriteNumber("expiration_time", JsonFields.ToUnixSeconds(o.ExpirationTime.Value));
            if (o.PostOnly) w.WriteBoolean("post_only", true);
            if (o.ReduceOnly) w.WriteBoolean("reduce_only", true);
            if (o.CancelOnPause) w.WriteBoolean("cancel_order_on_pause", true);
            if (!string.IsNullOrEmpty(o.OrderGroupId)) w.WriteString("order_group_id", o.OrderGroupId);
            if (o.Subaccount.HasValue) w.WriteNumber("subaccount", o.Subaccount.Value);
            w.WriteEndObject();
        }

        /// <summary>Amend: price (Yes), count (new total incl. filled), optional expiration (0 removes it).</summary>
        public static string Amend(string ticker, string bookSide, decimal yesPrice, decimal totalCount, long? expirationUnix) => Write(w =>
        {
            w.WriteStartObject();
            if (!string.IsNullOrEmpty(ticker)) w.WriteString("ticker", ticker);
            // Models say Bid/Ask; the wire says bid/ask.
            if (!string.IsNullOrEmpty(bookSide)) w.WriteString("side", bookSide.ToLowerInvariant());
            w.WriteString("price", FixedPoint.Price(yesPrice));
            w.WriteString("count", FixedPoint.Count(totalCount));
            if (expirationUnix.HasValue) w.WriteNumber("expiration_time", expirationUnix.Value);
            w.WriteEndObject();
        });

        /// <summary>Decrease: exactly one of reduce_by / reduce_to.</summary>
        public static string Decrease(string ticker, decimal? reduceBy, decimal? reduceTo) => Write(w =>
        {
            w.WriteStartObject();
            if (reduceBy.HasValue) w.WriteString("reduce_by", FixedPoint.Count(reduceBy.Value));
            if (reduceTo.HasValue) w.WriteString("reduce_to", FixedPoint.Count(reduceTo.Value));
            if (!string.IsNullOrEmpty(ticker)) w.WriteString("market_ticker", ticker);
            w.WriteEndObject();
        });

        /// <summary>{"orders":[{order_id, market_ticker?}...]}</summary>
        public static string CancelBatch(IEnumerable<KeyValuePair<string, string>> idsAndTickers, int? subaccount = null) => Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("orders");
            foreach (var kv in idsAndTickers)
            {
                w.WriteStartObject();
                w.WriteString("order_id", kv.Key);
                if (!string.IsNullOrEmpty(kv.Value)) w.WriteString("market_ticker", kv.Value);
                if (subaccount.HasValue) w.WriteNumber("subaccount", subaccount.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

        /// <summary>
        /// The flat V2 create answer {order_id, client_order_id, fill_count, remaining_count, average_fill_price (Yes price),
        /// average_fee_paid, ts_ms}, read in the words the order was placed with.
        /// </summary>
        public static KalshiOrderResult CreateResult(JsonElement r, OrderSpec o)
        {
            var filled = r.DecAny("fill_count", "fill_count_fp") ?? 0m;
            var remaining = r.DecAny("remaining_count", "remaining_count_fp") ?? 0m;
            var avgYes = r.Dec("average_fill_price");
            return new KalshiOrderResult
            {
                OrderId = r.Str("order_id"),
                ClientOrderId = MarketDataWire.NullIfEmpty(r.Str("client_order_id")) ?? o.ClientOrderId,
                Ticker = o.Ticker,
                Side = o.Side,
                Action = o.Action,
                Price = o.Price,
                YesPrice = o.YesPrice,
                BookSide = o.BookSide,
                Count = o.Count,
                FilledCount = filled,
                RemainingCount = remaining,
                AverageFillPrice = filled > 0 && avgYes.HasValue ? (o.Side == KalshiSide.Yes ? avgYes : 1m - avgYes) : null,
                AverageFee = filled > 0 ? r.Dec("average_fee_paid") : null,
                Status = DeriveStatus(o.Count, filled, remaining, o.TimeInForce),
                TimeInForce = o.TimeInForce,
                Timestamp = r.TimeMs("ts_ms"),
                Subaccount = o.Subaccount ?? 0,
            };
        }

        /// <summary>
        /// An already-placed order (found after a retry) as a result. The order object's fill costs are per its own leg
        /// (outcome_side); they are turned into the average price of the side the user placed.
        /// </summary>
        public static KalshiOrderResult ExistingResult(KalshiOrder existing, OrderSpec o)
        {
            var filled = existing.FilledCount ?? 0m;
            var remaining = existing.RemainingCount ?? 0m;
            decimal? avg = null;
            if (filled > 0 && (existing.TakerFillCost.HasValue || existing.MakerFillCost.HasValue))
            {
                var leg = ((existing.TakerFillCost ?? 0m) + (existing.MakerFillCost ?? 0m)) / filled;
                var yes = string.Equals(existing.BookSide, "ask", StringComparison.OrdinalIgnoreCase) ? 1m - leg : leg;
                avg = o.Side == KalshiSide.Yes ? yes : 1m - yes;
            }
            var status = ParseStatus(existing.Status) ?? DeriveStatus(o.Count, filled, remaining, o.TimeInForce);
            return new KalshiOrderResult
            {
                OrderId = existing.OrderId,
                ClientOrderId = existing.ClientOrderId ?? o.ClientOrderId,
                Ticker = existing.Ticker ?? o.Ticker,
                Side = o.Side,
                Action = o.Action,
                Price = o.Price,
                YesPrice = o.YesPrice,
                BookSide = existing.BookSide ?? o.BookSide,
                Count = existing.Count ?? o.Count,
                FilledCount = filled,
                RemainingCount = remaining,
                AverageFillPrice = avg,
                Status = status,
                TimeInForce = o.TimeInForce,
                AlreadyExisted = true,
                Subaccount = existing.Subaccount ?? o.Subaccount ?? 0,
                Timestamp = existing.LastUpdateTime ?? existing.CreatedTime,
            };
        }

        /// <summary>Resting while something rests; Executed when all filled; otherwise Canceled (IOC/FOK remainder, self-trade, ...).</summary>
        public static KalshiOrderStatus DeriveStatus(decimal count, decimal filled, decimal remaining, KalshiTimeInForce tif)
        {
            // IOC/FOK remainders are canceled before the answer, so anything remaining rests (GoodTillCanceled).
            if (remaining > 0m) return KalshiOrderStatus.Resting;
            return filled >= count && filled > 0m ? KalshiOrderStatus.Executed : KalshiOrderStatus.Canceled;
        }

        public static KalshiOrderStatus? ParseStatus(string s)
        {
            if (string.IsNullOrEmpty(s)) return null;
            return Enum.TryParse<KalshiOrderStatus>(s, true, out var v) ? v : (KalshiOrderStatus?)null;
        }

        /// <summary>The error object of a batch item, if any.</summary>
        public static Http.KalshiErrorBody ItemError(JsonElement item)
        {
            if (!item.TryField("error", out var e)) return null;
            if (e.ValueKind == JsonValueKind.Object)
                return new Http.KalshiErrorBody { Code = e.Str("code"), Message = e.StrAny("message", "msg"), Details = e.Str("details"), Service = e.Str("service") };
            if (e.ValueKind == JsonValueKind.String) return new Http.KalshiErrorBody { Message = e.GetString() };
            return null;
        }

        internal static string Write(Action<Utf8JsonWriter> body)
        {
            using (var stream = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(stream)) body(w);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }
}
