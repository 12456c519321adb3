using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>Kalshi's FIX session kinds the module connects to (order entry, drop copy, market data).</summary>
    public enum KalshiFixSessionType { OrderEntry, DropCopy, MarketData }

    /// <summary>Which of Kalshi's interfaces an order command uses: the REST API (default) or a FIX order-entry connection.</summary>
    public enum KalshiRoute { Rest, Fix }

    /// <summary>Where a FIX connection is in its life: logging on, logged on, logging out, closed.</summary>
    public enum KalshiFixState { Connecting, Active, LoggingOut, Closed }

    /// <summary>
    /// One FIX connection of a session (Connect-KalshiFix): its endpoint, state and sequence numbers, read live each
    /// time a property is read. It never holds or shows key material; SenderCompId is the API key id (not a secret).
    /// </summary>
    public sealed class KalshiFixConnectionInfo
    {
        private readonly IFixLiveState _live;

        public KalshiFixConnectionInfo() { }

        internal KalshiFixConnectionInfo(IFixLiveState live) { _live = live; }

        public KalshiFixSessionType SessionType { get; set; }
        /// <summary>Kalshi's name of the session: KalshiNR, KalshiRT, KalshiDC or KalshiMD.</summary>
        public string TargetCompId { get; set; }
        /// <summary>The API key id (FIX SenderCompID).</summary>
        public string SenderCompId { get; set; }
        public string HostName { get; set; }
        public int Port { get; set; }
        public KalshiFixState State { get => _live?.State ?? _state; set => _state = value; }
        private KalshiFixState _state;
        /// <summary>MsgSeqNum of the next message this side sends.</summary>
        public long NextOutgoingSeqNum { get => _live?.NextOutgoingSeqNum ?? _nextOut; set => _nextOut = value; }
        private long _nextOut;
        /// <summary>MsgSeqNum expected next from Kalshi.</summary>
        public long NextIncomingSeqNum { get => _live?.NextIncomingSeqNum ?? _nextIn; set => _nextIn = value; }
        private long _nextIn;
        public int HeartbeatSeconds { get; set; }
        /// <summary>True for KalshiRT (sequence numbers kept, gaps resent); false for sessions that reset on every logon.</summary>
        public bool Retransmit { get; set; }
        /// <summary>Kalshi cancels this session's resting orders when it disconnects (8013=Y on Logon).</summary>
        public bool CancelOnDisconnect { get; set; }
        /// <summary>SHA-256 of the certificate the server presented (lower-case hex).</summary>
        public string CertificateSha256 { get; set; }
        public DateTime? ConnectedAt { get; set; }
        /// <summary>Application messages received from Kalshi on this connection.</summary>
        public long MessagesReceived { get => _live?.MessagesReceived ?? _received; set => _received = value; }
        private long _received;
        /// <summary>Messages a slow reader (e.g. a Watch-KalshiExecution that was not read) could not take and missed.</summary>
        public long MessagesDropped { get => _live?.MessagesDropped ?? _dropped; set => _dropped = value; }
        private long _dropped;
        /// <summary>Why the connection closed (null while it is open).</summary>
        public string ClosedReason { get => _live != null ? _live.ClosedReason : _closedReason; set => _closedReason = value; }
        private string _closedReason;

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}:{3} {4}", SessionType, TargetCompId, HostName, Port, State);
    }

    /// <summary>What a live connection reports about itself (the connection implements it).</summary>
    internal interface IFixLiveState
    {
        KalshiFixState State { get; }
        long NextOutgoingSeqNum { get; }
        long NextIncomingSeqNum { get; }
        long MessagesReceived { get; }
        long MessagesDropped { get; }
        string ClosedReason { get; }
    }

    /// <summary>
    /// One ExecutionReport from Kalshi's FIX gateway (Watch-KalshiExecution, Get-KalshiDropCopy): what happened to an
    /// order, in Kalshi's Yes-book terms (BookSide Bid = buy Yes / sell No; prices are Yes prices in dollars).
    /// </summary>
    public sealed class KalshiExecution
    {
        /// <summary>Kalshi's sequenced id of this report ("N;M"); the key for drop-copy requests.</summary>
        public string ExecId { get; set; }
        /// <summary>New, PartialFill, Fill, Trade, Canceled, Replaced, Rejected, Expired, OrderStatus.</summary>
        public string ExecType { get; set; }
        /// <summary>The order's status after this event: New, PartiallyFilled, Filled, Canceled, Rejected, Expired.</summary>
        public string OrderStatus { get; set; }
        public string OrderId { get; set; }
        public string ClientOrderId { get; set; }
        /// <summary>For a replace or cancel: the client order id it referred to.</summary>
        public string OriginalClientOrderId { get; set; }
        public string Ticker { get; set; }
        /// <summary>Bid (buy Yes / sell No) or Ask (sell Yes / buy No).</summary>
        public string BookSide { get; set; }
        /// <summary>The order's Yes limit price in dollars.</summary>
        public decimal? YesPrice { get; set; }
        /// <summary>Contracts in the order now (filled + remaining).</summary>
        public decimal? Count { get; set; }
        public decimal? FilledCount { get; set; }
        public decimal? RemainingCount { get; set; }
        /// <summary>Yes price of this fill in dollars (trades only).</summary>
        public decimal? LastPrice { get; set; }
        /// <summary>Contracts of this fill (trades only).</summary>
        public decimal? LastCount { get; set; }
        /// <summary>Average Yes price of all fills in dollars.</summary>
        public decimal? AveragePrice { get; set; }
        /// <summary>Kalshi's explanation (rejects, cancels).</summary>
        public string Text { get; set; }
        /// <summary>OrdRejReason (103) of a reject.</summary>
        public string RejectReason { get; set; }
        public DateTime? TransactTime { get; set; }
        /// <summary>OrderEntry (live) or DropCopy (resent).</summary>
        public string Source { get; set; }
        /// <summary>True when no command of this session was waiting for it: fills by others, cancels made elsewhere (REST, expiry).</summary>
        public bool Unsolicited { get; set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} {3} {4}", ExecId, ExecType, Ticker, OrderId, OrderStatus);
    }
}
