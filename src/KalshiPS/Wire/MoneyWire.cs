using System;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Deposits, withdrawals and the resting-order total: the few endpoints that still speak integer cents.</summary>
    internal static class MoneyWire
    {
        public static KalshiDeposit Deposit(ref Utf8JsonReader r)
        {
            var d = new KalshiDeposit();
            var m = new Movement();
            while (r.NextProperty(out var field))
                if (!m.TryRead(field, ref r)) r.Skip();
            d.Id = m.Id; d.Status = m.Status; d.Method = m.Method; d.Amount = m.Amount; d.Fee = m.Fee;
            d.CreatedTime = m.Created; d.FinalizedTime = m.Finalized;
            return d;
        }

        public static KalshiWithdrawal Withdrawal(ref Utf8JsonReader r)
        {
            var w = new KalshiWithdrawal();
            var m = new Movement();
            while (r.NextProperty(out var field))
                if (!m.TryRead(field, ref r)) r.Skip();
            w.Id = m.Id; w.Status = m.Status; w.Method = m.Method; w.Amount = m.Amount; w.Fee = m.Fee;
            w.CreatedTime = m.Created; w.FinalizedTime = m.Finalized;
            return w;
        }

        /// <summary>{total_resting_order_value: cents, resting_order_value_breakdown:[...]} -> dollars.</summary>
        public static decimal? RestingOrderValue(ref Utf8JsonReader r)
        {
            decimal? cents = null, dollars = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "total_resting_order_value": cents = r.Dec(); break;
                    case "total_resting_order_value_dollars": dollars = r.Dec(); break; // should Kalshi add the dollar spelling
                    default: r.Skip(); break;
                }
            return dollars ?? cents / 100m;
        }

        /// <summary>The fields deposits and withdrawals share (the spec gives both the same shape).</summary>
        private struct Movement
        {
            public string Id, Status, Method;
            public decimal? Amount, Fee;
            public DateTime? Created, Finalized;

            public bool TryRead(scoped ReadOnlySpan<char> field, ref Utf8JsonReader r)
            {
                switch (field)
                {
                    case "id": Id = r.Str(); return true;
                    case "status": Status = r.Repeated(); return true;
                    case "type": Method = r.Repeated(); return true;
                    case "amount_cents": Amount = r.Dec() / 100m; return true;
                    case "fee_cents": Fee = r.Dec() / 100m; return true;
                    case "created_ts": Created = r.Time(); return true;
                    case "finalized_ts": Finalized = r.Time(); return true;
                    default: return false;
                }
            }
        }
    }
}
