using System;
using System.Collections.Generic;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Subaccounts, transfers, netting and target balance allocation (GET/POST /portfolio/subaccounts*,
    /// /portfolio/intra_exchange_instance_transfer*, /portfolio/target_balance_allocation): readers per Wire/README.md
    /// and the small request bodies.
    /// </summary>
    internal static class SubaccountWire
    {
        /// <summary>{subaccount_number, exchange_index, balance ("12.3400" dollars), updated_ts}.</summary>
        public static KalshiSubaccount Balance(ref Utf8JsonReader r)
        {
            var s = new KalshiSubaccount();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "subaccount_number": s.Subaccount = PortfolioWire.Subaccount(ref r) ?? 0; break;
                    case "exchange_index": s.ExchangeIndex = Int(ref r); break;
                    case "balance": case "balance_dollars": s.Balance = r.Dec(); break;
                    case "updated_ts": s.UpdatedTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return s;
        }

        public static KalshiSubaccountNetting Netting(ref Utf8JsonReader r)
        {
            var n = new KalshiSubaccountNetting();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "subaccount_number": n.Subaccount = PortfolioWire.Subaccount(ref r) ?? 0; break;
                    case "exchange_index": n.ExchangeIndex = Int(ref r); break;
                    case "enabled": n.Enabled = r.Bool() ?? false; break;
                    default: r.Skip(); break;
                }
            return n;
        }

        /// <summary>A subaccount transfer: {transfer_id, from_subaccount, to_subaccount, amount_cents, created_ts, exchange_index}.</summary>
        public static KalshiTransfer Transfer(ref Utf8JsonReader r)
        {
            var t = new KalshiTransfer { Kind = "Subaccount", Status = "Complete" };
            decimal? cents = null, dollars = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "transfer_id": t.TransferId = r.Str(); break;
                    case "from_subaccount": t.FromSubaccount = PortfolioWire.Subaccount(ref r); break;
                    case "to_subaccount": t.ToSubaccount = PortfolioWire.Subaccount(ref r); break;
                    case "amount_cents": cents = r.Dec(); break; // one of the integer-cent fields Kalshi kept
                    case "amount_dollars": case "amount": dollars = r.Dec(); break;
                    case "created_ts": t.CreatedTime = r.Time(); break;
                    case "exchange_index": t.FromExchangeIndex = t.ToExchangeIndex = Int(ref r); break;
                    default: r.Skip(); break;
                }
            t.Amount = dollars ?? cents / 100m;
            return t;
        }

        /// <summary>An exchange-instance transfer: {transfer_id, source, destination, *_exchange_shard, amount (dollars), status, created_ts}.</summary>
        public static KalshiTransfer InstanceTransfer(ref Utf8JsonReader r)
        {
            var t = new KalshiTransfer { Kind = "ExchangeInstance" };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "transfer_id": t.TransferId = r.Str(); break;
                    case "source": t.FromInstance = r.Repeated(); break;
                    case "destination": t.ToInstance = r.Repeated(); break;
                    case "source_exchange_shard": t.FromExchangeIndex = Int(ref r); break;
                    case "destination_exchange_shard": t.ToExchangeIndex = Int(ref r); break;
                    case "source_subaccount": t.FromSubaccount = PortfolioWire.Subaccount(ref r); break;
                    case "destination_subaccount": t.ToSubaccount = PortfolioWire.Subaccount(ref r); break;
                    case "amount": t.Amount = r.Dec(); break;
                    case "status": t.Status = r.Repeated(); break;
                    case "created_ts": t.CreatedTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return t;
        }

        /// <summary>A write's answer naming what it made: {"subaccount_number": n} or {"transfer_id": "..."} (null fields when absent).</summary>
        public static (int? Number, string TransferId) Created(ref Utf8JsonReader r)
        {
            int? number = null;
            string id = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return (null, null); }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "subaccount_number": number = PortfolioWire.Subaccount(ref r); break;
                    case "transfer_id": id = r.Str(); break;
                    default: r.Skip(); break;
                }
            return (number, id);
        }

        /// <summary>{allocations:[{exchange_index, percent}], resting_margin_reservation}: one row per shard, each naming the reservation.</summary>
        public static List<KalshiBalanceAllocation> Allocations(ref Utf8JsonReader r)
        {
            var rows = new List<KalshiBalanceAllocation>();
            string reservation = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return rows; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "allocations": rows = r.Objects(Allocation) ?? rows; break;
                    case "resting_margin_reservation": reservation = r.Str(); break;
                    default: r.Skip(); break;
                }
            reservation = Vocabulary.Name(reservation); // "max" -> "Max", as KalshiMarginReservation names it
            foreach (var row in rows) row.RestingMarginReservation = reservation;
            return rows;
        }

        private static KalshiBalanceAllocation Allocation(ref Utf8JsonReader r)
        {
            var a = new KalshiBalanceAllocation();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "exchange_index": a.ExchangeIndex = Int(ref r) ?? 0; break;
                    case "percent": a.Percent = r.Dec() ?? 0m; break;
                    default: r.Skip(); break;
                }
            return a;
        }

        private static int? Int(ref Utf8JsonReader r)
        {
            var n = r.Long();
            return n.HasValue && n.Value >= int.MinValue && n.Value <= int.MaxValue ? (int)n.Value : (int?)null;
        }

        // ------------------------------------------------------------------ request bodies

        /// <summary>ApplySubaccountTransferRequest: amount in whole cents, the client id makes a repeat apply once.</summary>
        public static string TransferBody(string clientTransferId, int from, int to, long amountCents, int? exchangeIndex) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("client_transfer_id", clientTransferId);
            w.WriteNumber("from_subaccount", from);
            w.WriteNumber("to_subaccount", to);
            w.WriteNumber("amount_cents", amountCents);
            if (exchangeIndex.HasValue) w.WriteNumber("exchange_index", exchangeIndex.Value);
            w.WriteEndObject();
        });

        /// <summary>IntraExchangeInstanceTransferRequest: amount in centicents (1/10,000 dollar).</summary>
        public static string InstanceTransferBody(KalshiExchangeInstance source, KalshiExchangeInstance destination, long amountCenticents,
            int? sourceShard, int? destinationShard, int? sourceSubaccount, int? destinationSubaccount) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("source", Instance(source));
            w.WriteString("destination", Instance(destination));
            w.WriteNumber("amount", amountCenticents);
            if (sourceShard.HasValue) w.WriteNumber("source_exchange_shard", sourceShard.Value);
            if (destinationShard.HasValue) w.WriteNumber("destination_exchange_shard", destinationShard.Value);
            if (sourceSubaccount.HasValue) w.WriteNumber("source_subaccount", sourceSubaccount.Value);
            if (destinationSubaccount.HasValue) w.WriteNumber("destination_subaccount", destinationSubaccount.Value);
            w.WriteEndObject();
        });

        public static string NettingBody(int subaccount, bool enabled) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("subaccount_number", subaccount);
            w.WriteBoolean("enabled", enabled);
            w.WriteEndObject();
        });

        /// <summary>SetTargetBalanceAllocationRequest; an empty list turns automatic rebalancing off.</summary>
        public static string AllocationBody(IEnumerable<KeyValuePair<int, decimal>> shares, KalshiMarginReservation? reservation) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("allocations");
            foreach (var s in shares)
            {
                w.WriteStartObject();
                w.WriteNumber("exchange_index", s.Key);
                w.WriteNumber("percent", s.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (reservation.HasValue) w.WriteString("resting_margin_reservation", reservation.Value == KalshiMarginReservation.Max ? "max" : "sum");
            w.WriteEndObject();
        });

        public static string Instance(KalshiExchangeInstance i) => i == KalshiExchangeInstance.Margined ? "margined" : "event_contract";
    }
}
