using System;
using System.Text.RegularExpressions;

namespace KalshiPS.Fix
{
    /// <summary>ClOrdID (11) rules from Kalshi's order entry page: at most 64 characters of letters, digits, - _ : + = /.</summary>
    internal static class FixClOrdId
    {
        public const int MaxLength = 64;
        private static readonly Regex Allowed = new Regex(@"^[-A-Za-z0-9_:+=/]+$", RegexOptions.CultureInvariant);

        /// <summary>Null when valid, else what is wrong with it.</summary>
        public static string Problem(string clOrdId)
        {
            if (string.IsNullOrEmpty(clOrdId)) return "A ClOrdID (client order id) is required.";
            if (clOrdId.Length > MaxLength) return $"A ClOrdID has at most {MaxLength} characters; this one has {clOrdId.Length}.";
            if (!Allowed.IsMatch(clOrdId)) return "A ClOrdID may hold only letters, digits and - _ : + = /.";
            return null;
        }
    }

    /// <summary>NewOrderSingle (35=D): a limit order for Yes contracts; the price is the Yes price in whole cents.</summary>
    internal sealed class FixNewOrderSingle
    {
        public string ClOrdId { get; set; }
        public string Symbol { get; set; }
        public FixSide Side { get; set; }
        public decimal Quantity { get; set; }
        /// <summary>Yes price in cents, 1–99.</summary>
        public int PriceCents { get; set; }
        public FixTimeInForce? TimeInForce { get; set; }
        public DateTimeOffset? ExpireTime { get; set; }
        public bool PostOnly { get; set; }
        /// <summary>AllocAccount (79): subaccount number; null = the primary account.</summary>
        public int? Subaccount { get; set; }
        /// <summary>SecondaryClOrdID (526): the order group.</summary>
        public string OrderGroupId { get; set; }
        /// <summary>SelfTradePreventionType (2964): 1 taker at cross (Kalshi's default), 2 maker.</summary>
        public int? SelfTradePrevention { get; set; }
        public bool? CancelOrderOnPause { get; set; }
        public decimal? MaxExecutionCost { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.NewOrderSingle)
                .Add(FixAppTags.ClOrdID, ClOrdId)
                .Add(FixAppTags.OrderQty, FixValues.Quantity(Quantity))
                .Add(FixAppTags.OrdType, "2")
                .Add(FixAppTags.Price, PriceCents)
                .Add(FixAppTags.Side, FixValues.Char(Side))
                .Add(FixAppTags.Symbol, Symbol);
            if (TimeInForce.HasValue) m.Add(FixAppTags.TimeInForce, FixValues.Char(TimeInForce.Value));
            if (ExpireTime.HasValue) m.Add(FixAppTags.ExpireTime, FixTime.ToFix(ExpireTime.Value));
            if (PostOnly) m.Add(FixAppTags.ExecInst, "6");
            if (Subaccount.HasValue) m.Add(FixAppTags.AllocAccount, Subaccount.Value);
            if (!string.IsNullOrEmpty(OrderGroupId)) m.Add(FixAppTags.SecondaryClOrdID, OrderGroupId);
            if (SelfTradePrevention.HasValue) m.Add(FixAppTags.SelfTradePreventionType, SelfTradePrevention.Value);
            if (CancelOrderOnPause.HasValue) m.Add(FixAppTags.CancelOrderOnPause, CancelOrderOnPause.Value);
            if (MaxExecutionCost.HasValue) m.Add(FixAppTags.MaxExecutionCost, FixValues.Decimal(MaxExecutionCost.Value));
            return m;
        }

        public static bool TryParse(FixMessage m, out FixNewOrderSingle order, out string error)
        {
            order = null;
            error = m.MsgType == FixAppMsgTypes.NewOrderSingle ? null : "Not a NewOrderSingle.";
            FixValues.Read<string>(m, FixAppTags.ClOrdID, true, FixValues.TryText, out var clOrdId, ref error);
            FixValues.Read<string>(m, FixAppTags.Symbol, true, FixValues.TryText, out var symbol, ref error);
            FixValues.Read<FixSide>(m, FixAppTags.Side, true, FixValues.TryChar, out var side, ref error);
            FixValues.Read<decimal>(m, FixAppTags.OrderQty, true, FixValues.TryDecimal, out var qty, ref error);
            FixValues.Read<string>(m, FixAppTags.OrdType, true, FixValues.TryText, out var ordType, ref error);
            FixValues.Read<int>(m, FixAppTags.Price, true, FixValues.TryInt, out var price, ref error);
            var tif = FixValues.OptionalChar<FixTimeInForce>(m, FixAppTags.TimeInForce, ref error);
            var expire = FixValues.OptionalTime(m, FixAppTags.ExpireTime, ref error);
            var sub = FixValues.OptionalInt(m, FixAppTags.AllocAccount, ref error);
            var stp = FixValues.OptionalInt(m, FixAppTags.SelfTradePreventionType, ref error);
            var pause = FixValues.OptionalFlag(m, FixAppTags.CancelOrderOnPause, ref error);
            var maxCost = FixValues.OptionalDecimal(m, FixAppTags.MaxExecutionCost, ref error);
            if (error != null) return false;
            if (ordType != "2") { error = "Only limit orders (40=2) are supported."; return false; }
            if (price < 1 || price > 99) { error = "Price (44) is the Yes price in cents, 1 to 99."; return false; }
            if (qty <= 0) { error = "OrderQty (38) must be positive."; return false; }
            var execInst = m.Get(FixAppTags.ExecInst);
            if (execInst != null && execInst != "6") { error = "ExecInst (18) supports only 6 (post only)."; return false; }
            if (tif == FixTimeInForce.GoodTillDate && expire == null) { error = "ExpireTime (126) is required when TimeInForce is GTD (59=6)."; return false; }
            order = new FixNewOrderSingle
            {
                ClOrdId = clOrdId, Symbol = symbol, Side = side, Quantity = qty, PriceCents = price, TimeInForce = tif,
                ExpireTime = expire, PostOnly = execInst == "6", Subaccount = sub, OrderGroupId = m.Get(FixAppTags.SecondaryClOrdID),
                SelfTradePrevention = stp, CancelOrderOnPause = pause, MaxExecutionCost = maxCost,
            };
            return true;
        }
    }

    /// <summary>OrderCancelRequest (35=F): cancel the order first placed as <see cref="OrigClOrdId"/> (or known by <see cref="OrderId"/>).</summary>
    internal sealed class FixOrderCancelRequest
    {
        /// <summary>A new ClOrdID for this request.</summary>
        public string ClOrdId { get; set; }
        public string OrigClOrdId { get; set; }
        public string OrderId { get; set; }
        public string Symbol { get; set; }
        public FixSide Side { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.OrderCancelRequest).Add(FixAppTags.ClOrdID, ClOrdId);
            if (!string.IsNullOrEmpty(OrigClOrdId)) m.Add(FixAppTags.OrigClOrdID, OrigClOrdId);
            if (!string.IsNullOrEmpty(OrderId)) m.Add(FixAppTags.OrderID, OrderId);
            return m.Add(FixAppTags.Symbol, Symbol).Add(FixAppTags.Side, FixValues.Char(Side));
        }

        public static bool TryParse(FixMessage m, out FixOrderCancelRequest request, out string error)
        {
            request = null;
            error = m.MsgType == FixAppMsgTypes.OrderCancelRequest ? null : "Not an OrderCancelRequest.";
            FixValues.Read<string>(m, FixAppTags.ClOrdID, true, FixValues.TryText, out var clOrdId, ref error);
            FixValues.Read<string>(m, FixAppTags.Symbol, true, FixValues.TryText, out var symbol, ref error);
            FixValues.Read<FixSide>(m, FixAppTags.Side, true, FixValues.TryChar, out var side, ref error);
            if (error == null && !m.Has(FixAppTags.OrigClOrdID) && !m.Has(FixAppTags.OrderID)) error = "OrigClOrdID (41) or OrderID (37) is required.";
            if (error != null) return false;
            request = new FixOrderCancelRequest { ClOrdId = clOrdId, OrigClOrdId = m.Get(FixAppTags.OrigClOrdID), OrderId = m.Get(FixAppTags.OrderID), Symbol = symbol, Side = side };
            return true;
        }
    }

    /// <summary>OrderCancelReplaceRequest (35=G): a new quantity and/or price for a resting order.</summary>
    internal sealed class FixOrderCancelReplaceRequest
    {
        public string ClOrdId { get; set; }
        public string OrigClOrdId { get; set; }
        public string OrderId { get; set; }
        public string Symbol { get; set; }
        public FixSide Side { get; set; }
        public decimal Quantity { get; set; }
        public int PriceCents { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.OrderCancelReplaceRequest).Add(FixAppTags.ClOrdID, ClOrdId);
            if (!string.IsNullOrEmpty(OrigClOrdId)) m.Add(FixAppTags.OrigClOrdID, OrigClOrdId);
            if (!string.IsNullOrEmpty(OrderId)) m.Add(FixAppTags.OrderID, OrderId);
            return m.Add(FixAppTags.Symbol, Symbol).Add(FixAppTags.Side, FixValues.Char(Side))
                .Add(FixAppTags.OrderQty, FixValues.Quantity(Quantity)).Add(FixAppTags.OrdType, "2").Add(FixAppTags.Price, PriceCents);
        }

        public static bool TryParse(FixMessage m, out FixOrderCancelReplaceRequest request, out string error)
        {
            request = null;
            error = m.MsgType == FixAppMsgTypes.OrderCancelReplaceRequest ? null : "Not an OrderCancelReplaceRequest.";
            FixValues.Read<string>(m, FixAppTags.ClOrdID, true, FixValues.TryText, out var clOrdId, ref error);
            FixValues.Read<string>(m, FixAppTags.Symbol, true, FixValues.TryText, out var symbol, ref error);
            FixValues.Read<FixSide>(m, FixAppTags.Side, true, FixValues.TryChar, out var side, ref error);
            FixValues.Read<decimal>(m, FixAppTags.OrderQty, true, FixValues.TryDecimal, out var qty, ref error);
            FixValues.Read<int>(m, FixAppTags.Price, true, FixValues.TryInt, out var price, ref error);
            if (error == null && !m.Has(FixAppTags.OrigClOrdID) && !m.Has(FixAppTags.OrderID)) error = "OrigClOrdID (41) or OrderID (37) is required.";
            if (error == null && (price < 1 || price > 99)) error = "Price (44) is the Yes price in cents, 1 to 99.";
            if (error == null && qty <= 0) error = "OrderQty (38) must be positive.";
            if (error != null) return false;
            request = new FixOrderCancelReplaceRequest
            {
                ClOrdId = clOrdId, OrigClOrdId = m.Get(FixAppTags.OrigClOrdID), OrderId = m.Get(FixAppTags.OrderID),
                Symbol = symbol, Side = side, Quantity = qty, PriceCents = price,
            };
            return true;
        }
    }

    /// <summary>ExecutionReport (35=8): the order's state after one event (new, trade, cancel, replace, reject, expiry).</summary>
    internal sealed class FixExecutionReport
    {
        public string OrderId { get; set; }
        public string ClOrdId { get; set; }
        public string OrigClOrdId { get; set; }
        /// <summary>Kalshi's sequenced id ("N;M"); drop copy ranges are in these.</summary>
        public string ExecId { get; set; }
        public FixExecType ExecType { get; set; }
        public FixOrdStatus OrdStatus { get; set; }
        public string Symbol { get; set; }
        public FixSide Side { get; set; }
        /// <summary>OrderQty (38) = CumQty + LeavesQty.</summary>
        public decimal OrderQty { get; set; }
        public decimal CumQty { get; set; }
        public decimal LeavesQty { get; set; }
        /// <summary>The order's Yes limit price in cents.</summary>
        public decimal? PriceCents { get; set; }
        public decimal AvgPxCents { get; set; }
        public decimal? LastPxCents { get; set; }
        public decimal? LastQty { get; set; }
        public FixTimeInForce? TimeInForce { get; set; }
        public int? Subaccount { get; set; }
        public int? OrdRejReason { get; set; }
        public string Text { get; set; }
        public DateTimeOffset? TransactTime { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.ExecutionReport)
                .Add(FixAppTags.OrderID, OrderId)
                .Add(FixAppTags.ClOrdID, ClOrdId);
            if (!string.IsNullOrEmpty(OrigClOrdId)) m.Add(FixAppTags.OrigClOrdID, OrigClOrdId);
            m.Add(FixAppTags.ExecID, ExecId)
                .Add(FixAppTags.ExecType, FixValues.Char(ExecType))
                .Add(FixAppTags.OrdStatus, FixValues.Char(OrdStatus))
                .Add(FixAppTags.Symbol, Symbol)
                .Add(FixAppTags.Side, FixValues.Char(Side))
                .Add(FixAppTags.OrderQty, FixValues.Quantity(OrderQty))
                .Add(FixAppTags.CumQty, FixValues.Quantity(CumQty))
                .Add(FixAppTags.LeavesQty, FixValues.Quantity(LeavesQty))
                .Add(FixAppTags.AvgPx, FixValues.Decimal(AvgPxCents));
            if (PriceCents.HasValue) m.Add(FixAppTags.Price, FixValues.Decimal(PriceCents.Value));
            if (LastPxCents.HasValue) m.Add(FixAppTags.LastPx, FixValues.Decimal(LastPxCents.Value));
            if (LastQty.HasValue) m.Add(FixAppTags.LastQty, FixValues.Quantity(LastQty.Value));
            if (TimeInForce.HasValue) m.Add(FixAppTags.TimeInForce, FixValues.Char(TimeInForce.Value));
            if (Subaccount.HasValue) m.Add(FixAppTags.AllocAccount, Subaccount.Value);
            if (OrdRejReason.HasValue) m.Add(FixAppTags.OrdRejReason, OrdRejReason.Value);
            if (!string.IsNullOrEmpty(Text)) m.Add(FixTags.Text, Text);
            if (TransactTime.HasValue) m.Add(FixAppTags.TransactTime, FixTime.ToFix(TransactTime.Value));
            return m;
        }

        public static bool TryParse(FixMessage m, out FixExecutionReport report, out string error)
        {
            report = null;
            error = m.MsgType == FixAppMsgTypes.ExecutionReport ? null : "Not an ExecutionReport.";
            FixValues.Read<string>(m, FixAppTags.OrderID, true, FixValues.TryText, out var orderId, ref error);
            FixValues.Read<string>(m, FixAppTags.ExecID, true, FixValues.TryText, out var execId, ref error);
            FixValues.Read<FixExecType>(m, FixAppTags.ExecType, true, FixValues.TryChar, out var execType, ref error);
            FixValues.Read<FixOrdStatus>(m, FixAppTags.OrdStatus, true, FixValues.TryChar, out var status, ref error);
            FixValues.Read<FixSide>(m, FixAppTags.Side, true, FixValues.TryChar, out var side, ref error);
            var symbol = m.Get(FixAppTags.Symbol);
            var orderQty = FixValues.OptionalDecimal(m, FixAppTags.OrderQty, ref error) ?? 0m;
            var cum = FixValues.OptionalDecimal(m, FixAppTags.CumQty, ref error) ?? 0m;
            var leaves = FixValues.OptionalDecimal(m, FixAppTags.LeavesQty, ref error) ?? Math.Max(0m, orderQty - cum);
            var avg = FixValues.OptionalDecimal(m, FixAppTags.AvgPx, ref error) ?? 0m;
            var price = FixValues.OptionalDecimal(m, FixAppTags.Price, ref error);
            var lastPx = FixValues.OptionalDecimal(m, FixAppTags.LastPx, ref error);
            var lastQty = FixValues.OptionalDecimal(m, FixAppTags.LastQty, ref error);
            var tif = FixValues.OptionalChar<FixTimeInForce>(m, FixAppTags.TimeInForce, ref error);
            var sub = FixValues.OptionalInt(m, FixAppTags.AllocAccount, ref error);
            var rej = FixValues.OptionalInt(m, FixAppTags.OrdRejReason, ref error);
            var time = FixValues.OptionalTime(m, FixAppTags.TransactTime, ref error);
            if (error != null) return false;
            report = new FixExecutionReport
            {
                OrderId = orderId, ClOrdId = m.Get(FixAppTags.ClOrdID), OrigClOrdId = m.Get(FixAppTags.OrigClOrdID), ExecId = execId,
                ExecType = execType, OrdStatus = status, Symbol = symbol, Side = side, OrderQty = orderQty, CumQty = cum,
                LeavesQty = leaves, PriceCents = price, AvgPxCents = avg, LastPxCents = lastPx, LastQty = lastQty,
                TimeInForce = tif, Subaccount = sub, OrdRejReason = rej, Text = m.Get(FixTags.Text), TransactTime = time,
            };
            return true;
        }
    }

    /// <summary>OrderCancelReject (35=9): a cancel (434=1) or cancel/replace (434=2) that was not carried out.</summary>
    internal sealed class FixOrderCancelReject
    {
        public string ClOrdId { get; set; }
        public string OrigClOrdId { get; set; }
        public string OrderId { get; set; }
        public FixOrdStatus OrdStatus { get; set; }
        /// <summary>true = it answers an OrderCancelReplaceRequest; false = an OrderCancelRequest.</summary>
        public bool ForReplace { get; set; }
        /// <summary>CxlRejReason (102): 0 too late to cancel, 1 unknown order, 3 already pending, 99 other.</summary>
        public int? Reason { get; set; }
        public string Text { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.OrderCancelReject)
                .Add(FixAppTags.OrderID, string.IsNullOrEmpty(OrderId) ? "NONE" : OrderId)
                .Add(FixAppTags.ClOrdID, ClOrdId);
            if (!string.IsNullOrEmpty(OrigClOrdId)) m.Add(FixAppTags.OrigClOrdID, OrigClOrdId);
            m.Add(FixAppTags.OrdStatus, FixValues.Char(OrdStatus)).Add(FixAppTags.CxlRejResponseTo, ForReplace ? "2" : "1");
            if (Reason.HasValue) m.Add(FixAppTags.CxlRejReason, Reason.Value);
            if (!string.IsNullOrEmpty(Text)) m.Add(FixTags.Text, Text);
            return m;
        }

        public static bool TryParse(FixMessage m, out FixOrderCancelReject reject, out string error)
        {
            reject = null;
            error = m.MsgType == FixAppMsgTypes.OrderCancelReject ? null : "Not an OrderCancelReject.";
            FixValues.Read<string>(m, FixAppTags.ClOrdID, true, FixValues.TryText, out var clOrdId, ref error);
            FixValues.Read<FixOrdStatus>(m, FixAppTags.OrdStatus, true, FixValues.TryChar, out var status, ref error);
            FixValues.Read<string>(m, FixAppTags.CxlRejResponseTo, true, FixValues.TryText, out var to, ref error);
            var reason = FixValues.OptionalInt(m, FixAppTags.CxlRejReason, ref error);
            if (error == null && to != "1" && to != "2") error = "CxlRejResponseTo (434) must be 1 or 2.";
            if (error != null) return false;
            var orderId = m.Get(FixAppTags.OrderID);
            reject = new FixOrderCancelReject
            {
                ClOrdId = clOrdId, OrigClOrdId = m.Get(FixAppTags.OrigClOrdID), OrderId = orderId == "NONE" ? null : orderId,
                OrdStatus = status, ForReplace = to == "2", Reason = reason, Text = m.Get(FixTags.Text),
            };
            return true;
        }
    }

    /// <summary>BusinessMessageReject (35=j): an application message the receiver could not act on.</summary>
    internal sealed class FixBusinessMessageReject
    {
        public long RefSeqNum { get; set; }
        public string RefMsgType { get; set; }
        public string BusinessRejectRefId { get; set; }
        /// <summary>BusinessRejectReason (380): 0 other, 2 unknown security, 3 unsupported message type, 5 conditionally required field missing.</summary>
        public int Reason { get; set; }
        public string Text { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.BusinessMessageReject).Add(FixTags.RefSeqNum, RefSeqNum).Add(FixTags.RefMsgType, RefMsgType);
            if (!string.IsNullOrEmpty(BusinessRejectRefId)) m.Add(FixAppTags.BusinessRejectRefID, BusinessRejectRefId);
            m.Add(FixAppTags.BusinessRejectReason, Reason);
            if (!string.IsNullOrEmpty(Text)) m.Add(FixTags.Text, Text);
            return m;
        }

        public static bool TryParse(FixMessage m, out FixBusinessMessageReject reject, out string error)
        {
            reject = null;
            error = m.MsgType == FixAppMsgTypes.BusinessMessageReject ? null : "Not a BusinessMessageReject.";
            FixValues.Read<string>(m, FixTags.RefMsgType, true, FixValues.TryText, out var refType, ref error);
            FixValues.Read<int>(m, FixAppTags.BusinessRejectReason, true, FixValues.TryInt, out var reason, ref error);
            if (error != null) return false;
            m.TryGetInt(FixTags.RefSeqNum, out var refSeq);
            reject = new FixBusinessMessageReject
            {
                RefSeqNum = refSeq, RefMsgType = refType, BusinessRejectRefId = m.Get(FixAppTags.BusinessRejectRefID), Reason = reason, Text = m.Get(FixTags.Text),
            };
            return true;
        }
    }
}
