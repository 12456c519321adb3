using System.Runtime.CompilerServices;
using System;
using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Kalshi's order, fill, position, balance and settlement JSON (REST and WebSocket) to output types, one reader
    /// per model (Wire/README.md).
    /// </summary>
    internal static class PortfolioWire
    {
        [MethodImpl(WireReader.Optimized)]
        public static KalshiOrder Order(ref Utf8JsonReader r)
        {
            var o = new KalshiOrder();
            var direction = new DirectionFields();
            string ticker = null, marketTicker = null;
            decimal? yes = null, no = null;
            DateTime? expiration = null, expirationMs = null, created = null, createdMs = null, updated = null, updatedMs = null;
            while (r.NextProperty(out var field))
            {
                if (direction.TryRead(field, ref r)) continue;
                switch (field)
                {
                    case "order_id": o.OrderId = r.Str(); break;
                    case "client_order_id": o.ClientOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "ticker": ticker = r.Repeated(); break;
                    case "market_ticker": marketTicker = r.Repeated(); break;
                    case "yes_price_dollars": yes = r.Dec(); break;
                    case "no_price_dollars": no = r.Dec(); break;
                    case "initial_count_fp": o.Count = r.Dec(); break;
                    case "fill_count_fp": o.FilledCount = r.Dec(); break;
                    case "remaining_count_fp": o.RemainingCount = r.Dec(); break;
                    case "status": o.Status = Title(r.Repeated()); break;
                    case "type": o.Type = r.Repeated(); break;
                    case "time_in_force": o.TimeInForce = Title(r.Repeated()); break;
                    case "self_trade_prevention_type": o.SelfTradePrevention = r.Repeated(); break;
                    case "order_group_id": o.OrderGroupId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "cancel_order_on_pause": o.CancelOnPause = r.Bool(); break;
                    case "taker_fill_cost_dollars": o.TakerFillCost = r.Dec(); break;
                    case "maker_fill_cost_dollars": o.MakerFillCost = r.Dec(); break;
                    case "taker_fees_dollars": o.TakerFees = r.Dec(); break;
                    case "maker_fees_dollars": o.MakerFees = r.Dec(); break;
                    case "expiration_time": expiration = r.Time(); break;
                    case "expiration_ts_ms": expirationMs = r.TimeMs(); break;
                    case "created_time": created = r.Time(); break;
                    case "created_ts_ms": createdMs = r.TimeMs(); break;
                    case "last_update_time": updated = r.Time(); break;
                    case "last_updated_ts_ms": updatedMs = r.TimeMs(); break;
                    case "subaccount_number": case "subaccount": o.Subaccount = Subaccount(ref r); break;
                    default: r.Skip(); break;
                }
            }
            (o.Side, o.Action) = direction.Resolve();
            o.BookSide = direction.BookSide;
            o.Ticker = MarketDataWire.First(ticker, marketTicker);
            o.YesPrice = yes;
            o.NoPrice = no ?? (yes.HasValue ? 1m - yes : null);
            o.Price = o.Side == "No" ? o.NoPrice : o.YesPrice;
            o.ExpirationTime = expiration ?? expirationMs;
            o.CreatedTime = created ?? createdMs;
            o.LastUpdateTime = updated ?? updatedMs;
            return o;
        }

        [MethodImpl(WireReader.Optimized)]
        public static KalshiFill Fill(ref Utf8JsonReader r)
        {
            var f = new KalshiFill();
            var direction = new DirectionFields();
            string fillId = null, tradeId = null, ticker = null, marketTicker = null;
            decimal? yes = null, no = null;
            DateTime? created = null, tsMs = null, ts = null;
            while (r.NextProperty(out var field))
            {
                if (direction.TryRead(field, ref r)) continue;
                switch (field)
                {
                    case "fill_id": fillId = r.Str(); break;
                    case "trade_id": tradeId = r.Str(); break;
                    case "order_id": f.OrderId = r.Str(); break;
                    case "client_order_id": f.ClientOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "ticker": ticker = r.Repeated(); break;
                    case "market_ticker": marketTicker = r.Repeated(); break;
                    case "yes_price_dollars": yes = r.Dec(); break;
                    case "no_price_dollars": no = r.Dec(); break;
                    case "count_fp": f.Count = r.Dec(); break;
                    case "is_taker": f.IsTaker = r.Bool(); break;
                    case "fee_cost": f.Fee = r.Dec(); break;
                    case "post_position_fp": f.PostPosition = r.Dec(); break;
                    case "created_time": created = r.Time(); break;
                    case "ts_ms": tsMs = r.TimeMs(); break;
                    case "ts": ts = r.Time(); break;
                    case "subaccount_number": case "subaccount": f.Subaccount = Subaccount(ref r); break;
                    default: r.Skip(); break;
                }
            }
            (f.Side, f.Action) = direction.Resolve();
            f.FillId = MarketDataWire.First(fillId, tradeId);
            f.TradeId = MarketDataWire.First(tradeId, fillId);
            f.Ticker = MarketDataWire.First(ticker, marketTicker);
            f.YesPrice = yes;
            f.NoPrice = no ?? (yes.HasValue ? 1m - yes : null);
            f.Price = f.Side == "No" ? f.NoPrice : f.YesPrice;
            f.CreatedTime = created ?? tsMs ?? ts;
            return f;
        }

        [MethodImpl(WireReader.Optimized)]
        public static KalshiPosition Position(ref Utf8JsonReader r)
        {
            var p = new KalshiPosition();
            string ticker = null, marketTicker = null;
            decimal? signed = null, exposure = null, cost = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "ticker": ticker = r.Str(); break;
                    case "market_ticker": marketTicker = r.Str(); break;
                    case "position_fp": signed = r.Dec(); break;
                    case "market_exposure_dollars": exposure = r.Dec(); break;
                    case "position_cost_dollars": cost = r.Dec(); break;
                    case "realized_pnl_dollars": p.RealizedPnl = r.Dec(); break;
                    case "fees_paid_dollars": p.FeesPaid = r.Dec(); break;
                    case "total_traded_dollars": p.TotalTradedDollars = r.Dec(); break;
                    case "volume_fp": p.Volume = r.Dec(); break;
                    case "last_updated_ts": p.LastUpdated = r.Time(); break;
                    case "subaccount_number": case "subaccount": p.Subaccount = Subaccount(ref r); break;
                    default: r.Skip(); break;
                }
            var position = signed ?? 0m;
            p.Ticker = MarketDataWire.First(ticker, marketTicker);
            p.Position = position;
            p.Side = position > 0 ? "Yes" : position < 0 ? "No" : "Flat";
            p.Contracts = Math.Abs(position);
            p.Exposure = exposure ?? cost;
            return p;
        }

        public static KalshiEventPosition EventPosition(ref Utf8JsonReader r)
        {
            var p = new KalshiEventPosition();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_ticker": p.EventTicker = r.Str(); break;
                    case "total_cost_dollars": p.TotalCost = r.Dec(); break;
                    case "total_cost_shares_fp": p.TotalCostShares = r.Dec(); break;
                    case "event_exposure_dollars": p.Exposure = r.Dec(); break;
                    case "realized_pnl_dollars": p.RealizedPnl = r.Dec(); break;
                    case "fees_paid_dollars": p.FeesPaid = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return p;
        }

        public static KalshiBalance Balance(ref Utf8JsonReader r)
        {
            var b = new KalshiBalance();
            decimal? dollars = null, cents = null, valueDollars = null, valueCents = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "balance_dollars": dollars = r.Dec(); break;
                    case "balance": cents = r.Dec(); break;
                    case "portfolio_value_dollars": valueDollars = r.Dec(); break;
                    case "portfolio_value": valueCents = r.Dec(); break;
                    case "updated_ts": b.UpdatedTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            // balance_dollars is the 2026 field; balance (integer cents) is one of the few cent fields Kalshi kept.
            b.Balance = dollars ?? (cents ?? 0m) / 100m;
            b.PortfolioValue = valueDollars ?? valueCents / 100m;
            return b;
        }

        public static KalshiSettlement Settlement(ref Utf8JsonReader r)
        {
            var s = new KalshiSettlement();
            decimal? revenue = null, revenueCents = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "ticker": s.Ticker = r.Str(); break;
                    case "event_ticker": s.EventTicker = r.Repeated(); break;
                    case "market_result": s.Result = MarketDataWire.Outcome(r.Repeated()); break;
                    case "yes_count_fp": s.YesCount = r.Dec(); break;
                    case "yes_total_cost_dollars": s.YesTotalCost = r.Dec(); break;
                    case "no_count_fp": s.NoCount = r.Dec(); break;
                    case "no_total_cost_dollars": s.NoTotalCost = r.Dec(); break;
                    case "revenue_dollars": revenue = r.Dec(); break;
                    case "revenue": revenueCents = r.Dec(); break;
                    case "fee_cost": s.Fee = r.Dec(); break;
                    case "settled_time": s.SettledTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            s.Revenue = revenue ?? revenueCents / 100m;
            return s;
        }

        /// <summary>An account number (0-63) as Kalshi sends it; null for a missing, null or out-of-range value.</summary>
        internal static int? Subaccount(ref Utf8JsonReader r)
        {
            var n = r.Long();
            return n.HasValue && n.Value >= 0 && n.Value <= Api.SubaccountNumber.Max ? (int)n.Value : (int?)null;
        }

        // JsonElement entry points (stream payloads, tests): the same readers, so each model maps in one place.
        public static KalshiOrder Order(JsonElement o) => WireReader.Read(o, Order);
        public static KalshiFill Fill(JsonElement f) => WireReader.Read(f, Fill);
        public static KalshiPosition Position(JsonElement p) => WireReader.Read(p, Position);

        /// <summary>
        /// The fields that say which way an order or fill went. Legacy side/action say exactly what the user did;
        /// otherwise outcome_side (or book_side: bid = Yes, ask = No) names the outcome bought.
        /// </summary>
        private struct DirectionFields
        {
            private string _side, _action, _outcome, _purchased;
            public string BookSide;

            public bool TryRead(scoped ReadOnlySpan<char> field, ref Utf8JsonReader r)
            {
                switch (field)
                {
                    case "side": _side = r.Repeated(); return true;
                    case "action": _action = r.Repeated(); return true;
                    case "outcome_side": _outcome = r.Repeated(); return true;
                    case "purchased_side": _purchased = r.Repeated(); return true;
                    case "book_side": BookSide = r.Repeated(); return true;
                    default: return false;
                }
            }

            /// <summary>(Side, Action) in the module's words.</summary>
            public (string Side, string Action) Resolve()
            {
                var legacySide = MarketDataWire.Outcome(_side);
                var legacyAction = Title(_action);
                if ((legacySide == "Yes" || legacySide == "No") && (legacyAction == "Buy" || legacyAction == "Sell"))
                    return (legacySide, legacyAction);
                var outcome = MarketDataWire.Outcome(_outcome ?? _purchased);
                if (outcome == null) outcome = BookSide == "bid" ? "Yes" : BookSide == "ask" ? "No" : legacySide;
                return (outcome, legacyAction == "Sell" ? "Sell" : "Buy");
            }
        }

        private static string Title(string s)
        {
            if (string.IsNullOrEmpty(s)) return null;
            switch (s) // the common words without allocating
            {
                case "resting": return "Resting";
                case "canceled": return "Canceled";
                case "executed": return "Executed";
                case "buy": return "Buy";
                case "sell": return "Sell";
                case "good_till_canceled": return "GoodTillCanceled";
                case "fill_or_kill": return "FillOrKill";
                case "immediate_or_cancel": return "ImmediateOrCancel";
            }
            return string.Concat(s.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant()));
        }
    }
}
