using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Deposits, withdrawals and the resting-order total: the few endpoints that still speak integer cents.</summary>
    internal static class MoneyWire
    {
        public static KalshiDeposit Deposit(ref Utf8JsonReader r) => Movement(ref r, new KalshiDeposit());
        public static KalshiWithdrawal Withdrawal(ref Utf8JsonReader r) => Movement(ref r, new KalshiWithdrawal());

        private static T Movement<T>(ref Utf8JsonReader r, T m) where T : KalshiMoneyMovement
        {
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": m.Id = r.Str(); break;
                    case "status": m.Status = r.Repeated(); break;
                    case "type": m.Method = r.Repeated(); break;
                    case "amount_cents": m.Amount = r.Dec() / 100m; break;
                    case "fee_cents": m.Fee = r.Dec() / 100m; break;
                    case "created_ts": m.CreatedTime = r.Time(); break;
                    case "finalized_ts": m.FinalizedTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return m;
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
    }
}
