using System;
using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's order, fill, position, balance and settlement JSON (REST and WebSocket) to output types.</summary>
    internal static class PortfolioWire
    {
        public static KalshiOrder Order(JsonElement o)
        {
            var (side, action) = Direction(o);
            var yes = o.Dec("yes_price_dollars");
            var no = o.Dec("no_price_dollars") ?? (yes.HasValue ? 1m - yes : null);
            return new KalshiOrder
            {
                OrderId = o.Str("order_id"),
                ClientOrderId = MarketDataWire.NullIfEmpty(o.Str("client_order_id")),
                Ticker = o.StrAny("ticker", "market_ticker"),
                Side = side,
                Action = action,
                YesPrice = yes,
                NoPrice = no,
                Price = side == "No" ? no : yes,
                BookSide = o.Str("book_side"),
                Count = o.Dec("initial_count_fp"),
                FilledCount = o.Dec("fill_count_fp"),
                RemainingCount = o.Dec("remaining_count_fp"),
                Status = Title(o.Str("status")),
                Type = o.Str("type"),
                TimeInForce = Title(o.Str("time_in_force")),
                SelfTradePrevention = o.Str("self_trade_prevention_type"),
                OrderGroupId = MarketDataWire.NullIfEmpty(o.Str("order_group_id")),
                CancelOnPause = o.Bool("cancel_order_on_pause"),
                TakerFillCost = o.Dec("taker_fill_cost_dollars"),
                MakerFillCost = o.Dec("maker_fill_cost_dollars"),
                TakerFees = o.Dec("taker_fees_dollars"),
                MakerFees = o.Dec("maker_fees_dollars"),
                ExpirationTime = o.Time("expiration_time") ?? o.TimeMs("expiration_ts_ms"),
                CreatedTime = o.Time("created_time") ?? o.TimeMs("created_ts_ms"),
                LastUpdateTime = o.Time("last_update_time") ?? o.TimeMs("last_updated_ts_ms"),
            };
        }

        public static KalshiFill Fill(JsonElement f)
        {
            var (side, action) = Direction(f);
            var yes = f.Dec("yes_price_dollars");
            var no = f.Dec("no_price_dollars") ?? (yes.HasValue ? 1m - yes : null);
            return new KalshiFill
            {
                FillId = f.StrAny("fill_id", "trade_id"),
                TradeId = f.StrAny("trade_id", "fill_id"),
                OrderId = f.Str("order_id"),
                ClientOrderId = MarketDataWire.NullIfEmpty(f.Str("client_order_id")),
                Ticker = f.StrAny("ticker", "market_ticker"),
                Side = side,
                Action = action,
                YesPrice = yes,
                NoPrice = no,
                Price = side == "No" ? no : yes,
                Count = f.Dec("count_fp"),
                IsTaker = f.Bool("is_taker"),
                Fee = f.Dec("fee_cost"),
                PostPosition = f.Dec("post_position_fp"),
                CreatedTime = f.Time("created_time") ?? f.TimeMs("ts_ms") ?? f.Time("ts"),
            };
        }

        public static KalshiPosition Position(JsonElement p)
        {
            var signed = p.Dec("position_fp") ?? 0m;
            return new KalshiPosition
            {
                Ticker = p.StrAny("ticker", "market_ticker"),
                Position = signed,
                Side = signed > 0 ? "Yes" : signed < 0 ? "No" : "Flat",
                Contracts = Math.Abs(signed),
                Exposure = p.DecAny("market_exposure_dollars", "position_cost_dollars"),
                RealizedPnl = p.Dec("realized_pnl_dollars"),
                FeesPaid = p.Dec("fees_paid_dollars"),
                TotalTradedDollars = p.Dec("total_traded_dollars"),
                Volume = p.Dec("volume_fp"),
                LastUpdated = p.Time("last_updated_ts"),
            };
        }

        public static KalshiEventPosition EventPosition(JsonElement p) => new KalshiEventPosition
        {
            EventTicker = p.Str("event_ticker"),
            TotalCost = p.Dec("total_cost_dollars"),
            TotalCostShares = p.Dec("total_cost_shares_fp"),
            Exposure = p.Dec("event_exposure_dollars"),
            RealizedPnl = p.Dec("realized_pnl_dollars"),
            FeesPaid = p.Dec("fees_paid_dollars"),
        };

        public static KalshiBalance Balance(JsonElement b) => new KalshiBalance
        {
            // balance_dollars is the 2026 field; balance (integer cents) is one of the few cent fields Kalshi kept.
            Balance = b.Dec("balance_dollars") ?? (b.Dec("balance") ?? 0m) / 100m,
            PortfolioValue = b.Dec("portfolio_value_dollars") ?? b.Dec("portfolio_value") / 100m,
            UpdatedTime = b.Time("updated_ts"),
        };

        public static KalshiSettlement Settlement(JsonElement s) => new KalshiSettlement
        {
            Ticker = s.Str("ticker"),
            EventTicker = s.Str("event_ticker"),
            Result = MarketDataWire.Outcome(s.Str("market_result")),
            YesCount = s.Dec("yes_count_fp"),
            YesTotalCost = s.Dec("yes_total_cost_dollars"),
            NoCount = s.Dec("no_count_fp"),
            NoTotalCost = s.Dec("no_total_cost_dollars"),
            Revenue = s.Dec("revenue_dollars") ?? s.Dec("revenue") / 100m,
            Fee = s.Dec("fee_cost"),
            SettledTime = s.Time("settled_time"),
        };

        /// <summary>
        /// (Side, Action) in the module's words. Legacy side/action say exactly what the user did; otherwise
        /// outcome_side (or book_side: bid = Yes, ask = No) names the outcome bought.
        /// </summary>
        internal static (string Side, string Action) Direction(JsonElement o)
        {
            var legacySide = MarketDataWire.Outcome(o.Str("side"));
            var legacyAction = Title(o.Str("action"));
            if ((legacySide == "Yes" || legacySide == "No") && (legacyAction == "Buy" || legacyAction == "Sell"))
                return (legacySide, legacyAction);
            var outcome = MarketDataWire.Outcome(o.Str("outcome_side") ?? o.Str("purchased_side"));
            if (outcome == null)
            {
                var book = o.Str("book_side");
                outcome = book == "bid" ? "Yes" : book == "ask" ? "No" : legacySide;
            }
            return (outcome, legacyAction == "Sell" ? "Sell" : "Buy");
        }

        private static string Title(string s) =>
            string.IsNullOrEmpty(s) ? null : string.Concat(s.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant()));
    }
}
