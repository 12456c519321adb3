using System;
using System.Globalization;
using KalshiPS.Api;
using KalshiPS.Cmdlets;
using KalshiPS.Models;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// The module's order vocabulary (Side Yes/No, Action Buy/Sell, Price of that side in dollars) to Kalshi's FIX
    /// order entry (Side 54 = bid/ask of the Yes book, Price 44 = Yes price in whole cents) and back. Buy Yes p = 54=1 p;
    /// Sell Yes p = 54=2 p; Buy No p = 54=2 (100 − p); Sell No p = 54=1 (100 − p).
    /// </summary>
    internal static class FixOrderTranslation
    {
        public const string SubPenny = "FIX takes whole cents; use REST (-Via Rest) for sub-penny prices";

        /// <summary>What FIX cannot carry of an order, refused before -WhatIf/-Confirm and before anything is sent.</summary>
        public static void CheckFixLimits(OrderSpec o)
        {
            if (!string.IsNullOrWhiteSpace(o.ClientOrderId)) CheckClOrdId(o.ClientOrderId, "ClientOrderId");
            if (o.ReduceOnly)
                throw new OrderValidationException("-ReduceOnly is not part of Kalshi's FIX NewOrderSingle; place reduce-only orders over REST (-Via Rest).", "ReduceOnly");
            YesCents(o.YesPrice, "Price");
        }

        /// <summary>The NewOrderSingle for a validated order; throws OrderValidationException for what FIX cannot carry (nothing is sent).</summary>
        public static FixNewOrderSingle ToNewOrderSingle(OrderSpec o)
        {
            CheckFixLimits(o);
            CheckClOrdId(o.ClientOrderId, "ClientOrderId");
            var nos = new FixNewOrderSingle
            {
                ClOrdId = o.ClientOrderId,
                Symbol = o.Ticker,
                Side = BookSide(o.Side, o.Action),
                Quantity = o.Count,
                PriceCents = YesCents(o.YesPrice, "Price"),
                PostOnly = o.PostOnly,
                Subaccount = o.Subaccount,
                OrderGroupId = o.OrderGroupId,
                SelfTradePrevention = o.SelfTradePrevention == KalshiSelfTradePrevention.Maker ? 2 : (int?)null, // 1 is Kalshi's default
                CancelOrderOnPause = o.CancelOnPause ? true : (bool?)null,
            };
            switch (o.TimeInForce)
            {
                case KalshiTimeInForce.ImmediateOrCancel: nos.TimeInForce = FixTimeInForce.ImmediateOrCancel; break;
                case KalshiTimeInForce.FillOrKill: nos.TimeInForce = FixTimeInForce.FillOrKill; break;
                default:
                    if (o.ExpirationTime.HasValue)
                    {
                        nos.TimeInForce = FixTimeInForce.GoodTillDate;
                        nos.ExpireTime = new DateTimeOffset(OrderValidation.ToUtc(o.ExpirationTime.Value), TimeSpan.Zero);
                    }
                    else nos.TimeInForce = FixTimeInForce.GoodTillCancel;
                    break;
            }
            return nos;
        }

        /// <summary>Kalshi's ClOrdID rules (at most 64 of letters, digits, - _ : + = /), checked before anything is sent.</summary>
        public static void CheckClOrdId(string clOrdId, string parameter)
        {
            var problem = FixClOrdId.Problem(clOrdId);
            if (problem != null) throw new OrderValidationException($"-{parameter} '{clOrdId}' cannot go over FIX: {problem}", parameter);
        }

        /// <summary>54=1 (Yes bid) for buying Yes or selling No; 54=2 (Yes ask) otherwise.</summary>
        public static FixSide BookSide(KalshiSide side, KalshiAction action) =>
            (side == KalshiSide.Yes) == (action == KalshiAction.Buy) ? FixSide.Buy : FixSide.Sell;

        /// <summary>A Yes price in dollars as whole cents 1–99; anything finer is refused, never rounded.</summary>
        public static int YesCents(decimal yesDollars, string parameter)
        {
            var cents = yesDollars * 100m;
            if (cents != decimal.Truncate(cents))
                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture, "Price {0} is not a whole cent: {1}.", OrderValidation.Num(yesDollars), SubPenny), parameter);
            if (cents < 1m || cents > 99m)
                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture, "Price {0} is outside 0.01-0.99, the range Kalshi's FIX prices take.", OrderValidation.Num(yesDollars)), parameter);
            return (int)cents;
        }

        public static decimal? Dollars(decimal? cents) => cents.HasValue ? cents.Value / 100m : (decimal?)null;

        /// <summary>Kalshi's order status (Resting, Executed, Canceled) after a report.</summary>
        public static KalshiOrderStatus Status(FixExecutionReport er)
        {
            switch (er.OrdStatus)
            {
                case FixOrdStatus.Filled: return KalshiOrderStatus.Executed;
                case FixOrdStatus.Canceled:
                case FixOrdStatus.Expired:
                case FixOrdStatus.Rejected: return KalshiOrderStatus.Canceled;
                default: return er.LeavesQty > 0 || er.CumQty == 0 ? KalshiOrderStatus.Resting : KalshiOrderStatus.Executed;
            }
        }

        /// <summary>The order as placed: the user's words from <paramref name="o"/>, the exchange's state from the report.</summary>
        public static KalshiOrderResult ToResult(FixExecutionReport er, OrderSpec o)
        {
            var avgYes = er.CumQty > 0 ? Dollars(er.AvgPxCents) : null;
            return new KalshiOrderResult
            {
                OrderId = er.OrderId,
                ClientOrderId = er.ClOrdId ?? o.ClientOrderId,
                Ticker = er.Symbol ?? o.Ticker,
                Subaccount = er.Subaccount ?? o.Subaccount,
                Side = o.Side,
                Action = o.Action,
                Price = o.Price,
                YesPrice = o.YesPrice,
                BookSide = o.BookSide,
                Count = er.OrderQty > 0 ? er.OrderQty : o.Count,
                FilledCount = er.CumQty,
                RemainingCount = er.LeavesQty,
                AverageFillPrice = avgYes.HasValue ? (o.Side == KalshiSide.Yes ? avgYes : 1m - avgYes) : null,
                Status = Status(er),
                TimeInForce = o.TimeInForce,
                Timestamp = er.TransactTime?.UtcDateTime,
            };
        }

        /// <summary>A report as the public, exportable object Watch-KalshiExecution and Get-KalshiDropCopy write.</summary>
        public static KalshiExecution ToExecution(FixExecutionReport er, string source, bool unsolicited) => new KalshiExecution
        {
            ExecId = er.ExecId,
            ExecType = er.ExecType.ToString(),
            OrderStatus = er.OrdStatus.ToString(),
            OrderId = er.OrderId,
            ClientOrderId = er.ClOrdId,
            OriginalClientOrderId = er.OrigClOrdId,
            Ticker = er.Symbol,
            BookSide = er.Side == FixSide.Buy ? "Bid" : "Ask",
            YesPrice = Dollars(er.PriceCents),
            Count = er.OrderQty,
            FilledCount = er.CumQty,
            RemainingCount = er.LeavesQty,
            LastPrice = Dollars(er.LastPxCents),
            LastCount = er.LastQty,
            AveragePrice = er.CumQty > 0 ? Dollars(er.AvgPxCents) : null,
            Text = er.Text,
            RejectReason = er.OrdRejReason?.ToString(CultureInfo.InvariantCulture),
            TransactTime = er.TransactTime?.UtcDateTime,
            Source = source,
            Unsolicited = unsolicited,
        };

        /// <summary>The order after an amend: the REST order read before it, with what the report says changed.</summary>
        public static KalshiOrder ToOrder(FixExecutionReport er, KalshiOrder before)
        {
            var yes = Dollars(er.PriceCents) ?? before.YesPrice;
            var isNo = string.Equals(before.Side, "No", StringComparison.OrdinalIgnoreCase);
            return new KalshiOrder
            {
                OrderId = er.OrderId ?? before.OrderId,
                // The order's own client order id, as REST shows it; the replace's ClOrdID is kept for the next FIX request.
                ClientOrderId = before.ClientOrderId ?? er.OrigClOrdId,
                Ticker = er.Symbol ?? before.Ticker,
                Subaccount = er.Subaccount ?? before.Subaccount,
                Side = before.Side,
                Action = before.Action,
                YesPrice = yes,
                NoPrice = yes.HasValue ? 1m - yes : before.NoPrice,
                Price = yes.HasValue ? (isNo ? 1m - yes : yes) : before.Price,
                BookSide = er.Side == FixSide.Buy ? "bid" : "ask",
                Count = er.OrderQty,
                FilledCount = er.CumQty,
                RemainingCount = er.LeavesQty,
                Status = Status(er).ToString(),
                Type = before.Type,
                TimeInForce = before.TimeInForce,
                SelfTradePrevention = before.SelfTradePrevention,
                OrderGroupId = before.OrderGroupId,
                CancelOnPause = before.CancelOnPause,
                ExpirationTime = before.ExpirationTime,
                CreatedTime = before.CreatedTime,
                LastUpdateTime = er.TransactTime?.UtcDateTime ?? before.LastUpdateTime,
            };
        }
    }

    /// <summary>Feeds a session's ExecID log and order memory from every ExecutionReport any of its connections receives.</summary>
    internal static class FixExecutionRecorder
    {
        /// <param name="live">True on order entry; resent drop-copy reports are history and never overwrite an order's latest state.</param>
        public static void Observe(FixConnectionSet set, FixMessage m, bool live)
        {
            if (m.MsgType != FixAppMsgTypes.ExecutionReport || !FixExecutionReport.TryParse(m, out var er, out _)) return;
            set.Executions.Record(er.ExecId, er.TransactTime?.UtcDateTime);
            if (live) set.Orders.Record(er);
        }
    }
}
