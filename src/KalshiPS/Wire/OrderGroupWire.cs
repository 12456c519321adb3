using System;
using System.Collections.Generic;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>/portfolio/order_groups* answers and order_group_updates stream messages.</summary>
    internal static class OrderGroupWire
    {
        /// <summary>
        /// A listed group {id, contracts_limit_fp, is_auto_cancel_enabled, exchange_index}, a single one (the same without
        /// id, plus orders:[ids]) or a create answer {order_group_id, subaccount, exchange_index}.
        /// </summary>
        public static KalshiOrderGroup Group(ref Utf8JsonReader r)
        {
            var g = new KalshiOrderGroup();
            string id = null, groupId = null;
            decimal? limitFp = null, limit = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": id = r.Str(); break;
                    case "order_group_id": groupId = r.Str(); break;
                    case "contracts_limit_fp": limitFp = r.Dec(); break;
                    case "contracts_limit": limit = r.Dec(); break;
                    case "is_auto_cancel_enabled": g.IsAutoCancelEnabled = r.Bool(); break;
                    case "orders": g.OrderIds = OrderIds(ref r); break;
                    case "subaccount": g.Subaccount = (int?)r.Long(); break;
                    case "exchange_index": g.ExchangeIndex = (int?)r.Long(); break;
                    default: r.Skip(); break;
                }
            g.OrderGroupId = MarketDataWire.First(groupId, id);
            g.ContractsLimit = limitFp ?? limit; // the fixed-point field first, the integer one is legacy
            return g;
        }

        /// <summary>["id", ...] or, defensively, [{order_id}, ...].</summary>
        private static string[] OrderIds(ref Utf8JsonReader r)
        {
            var ids = r.List((ref Utf8JsonReader e) => e.TokenType == JsonTokenType.StartObject ? OrderIdOf(ref e) : e.Str());
            if (ids == null) return null;
            ids.RemoveAll(string.IsNullOrEmpty);
            return ids.ToArray();
        }

        private static string OrderIdOf(ref Utf8JsonReader r)
        {
            string id = null;
            while (r.NextProperty(out var field))
                if (field.SequenceEqual("order_id".AsSpan())) id = r.Str(); else r.Skip();
            return id;
        }

        /// <summary>{order_groups:[...]}; absent or null is an empty list.</summary>
        public static List<KalshiOrderGroup> Groups(ref Utf8JsonReader r) => r.Field("order_groups", Group) ?? new List<KalshiOrderGroup>();

        /// <summary>An order_group_updates msg: {event_type, order_group_id, contracts_limit_fp?, ts_ms}.</summary>
        public static KalshiOrderGroupUpdate Update(ref Utf8JsonReader r)
        {
            var u = new KalshiOrderGroupUpdate();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_type": u.EventType = r.Repeated(); break;
                    case "order_group_id": u.OrderGroupId = r.Str(); break;
                    case "contracts_limit_fp": u.ContractsLimit = r.Dec(); break;
                    case "ts_ms": u.Timestamp = r.TimeMs(); break;
                    default: r.Skip(); break;
                }
            return u;
        }

        public static KalshiOrderGroupUpdate Update(JsonElement msg) => WireReader.Read(msg, Update);

        /// <summary>
        /// {"contracts_limit": n, "contracts_limit_fp": "n.00"}: both spellings (Kalshi takes either and requires them to
        /// match), so a server that knows only one reads the same limit.
        /// </summary>
        public static string LimitBody(decimal contractsLimit) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("contracts_limit", (long)contractsLimit);
            w.WriteString("contracts_limit_fp", FixedPoint.Count(contractsLimit));
            w.WriteEndObject();
        });
    }
}
