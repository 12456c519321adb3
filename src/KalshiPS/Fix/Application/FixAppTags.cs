namespace KalshiPS.Fix
{
    /// <summary>Application-layer tags Kalshi's order entry, drop copy and market data sessions use (FIX50SP2 + Kalshi's 21xxx).</summary>
    internal static class FixAppTags
    {
        public const int AvgPx = 6;
        public const int ClOrdID = 11;
        public const int CumQty = 14;
        public const int ExecID = 17;
        public const int ExecInst = 18;
        public const int LastPx = 31;
        public const int LastQty = 32;
        public const int OrderID = 37;
        public const int OrderQty = 38;
        public const int OrdStatus = 39;
        public const int OrdType = 40;
        public const int OrigClOrdID = 41;
        public const int Price = 44;
        public const int Side = 54;
        public const int Symbol = 55;
        public const int TimeInForce = 59;
        public const int TransactTime = 60;
        public const int AllocAccount = 79;
        public const int CxlRejReason = 102;
        public const int OrdRejReason = 103;
        public const int ExpireTime = 126;
        public const int NoRelatedSym = 146;
        public const int ExecType = 150;
        public const int LeavesQty = 151;
        public const int MDReqID = 262;
        public const int SubscriptionRequestType = 263;
        public const int NoMDEntries = 268;
        public const int MDEntryType = 269;
        public const int MDEntryPx = 270;
        public const int MDEntrySize = 271;
        public const int MDUpdateAction = 279;
        public const int MDReqRejReason = 281;
        public const int BusinessRejectRefID = 379;
        public const int BusinessRejectReason = 380;
        public const int CxlRejResponseTo = 434;
        public const int SecondaryClOrdID = 526;
        public const int SelfTradePreventionType = 2964;
        public const int BeginExecID = 21001;
        public const int EndExecID = 21002;
        public const int ResentEventCount = 21003;
        public const int EventResendRejectReason = 21004;
        public const int CancelOrderOnPause = 21006;
        public const int MaxExecutionCost = 21009;
    }

    internal static class FixAppMsgTypes
    {
        public const string ExecutionReport = "8";
        public const string OrderCancelReject = "9";
        public const string NewOrderSingle = "D";
        public const string OrderCancelRequest = "F";
        public const string OrderCancelReplaceRequest = "G";
        public const string BusinessMessageReject = "j";
        public const string MarketDataRequest = "V";
        public const string MarketDataSnapshotFullRefresh = "W";
        public const string MarketDataIncrementalRefresh = "X";
        public const string MarketDataRequestReject = "Y";
        public const string EventResendRequest = "U1";
        public const string EventResendComplete = "U2";
        public const string EventResendReject = "U3";
    }

    /// <summary>Side (54): Kalshi books every order as a Yes bid (Buy) or a Yes ask (Sell).</summary>
    internal enum FixSide { Buy = '1', Sell = '2' }

    /// <summary>TimeInForce (59).</summary>
    internal enum FixTimeInForce { Day = '0', GoodTillCancel = '1', ImmediateOrCancel = '3', FillOrKill = '4', GoodTillDate = '6' }

    /// <summary>OrdStatus (39): the order's state after the event the report describes.</summary>
    internal enum FixOrdStatus
    {
        New = '0', PartiallyFilled = '1', Filled = '2', Canceled = '4', Replaced = '5', PendingCancel = '6',
        Rejected = '8', PendingNew = 'A', Expired = 'C', PendingReplace = 'E',
    }

    /// <summary>ExecType (150): what happened.</summary>
    internal enum FixExecType
    {
        New = '0', Canceled = '4', Replaced = '5', PendingCancel = '6', Rejected = '8', PendingNew = 'A',
        Expired = 'C', Restated = 'D', PendingReplace = 'E', Trade = 'F', OrderStatus = 'I',
    }
}
