using System;
using System.Collections.Generic;

namespace KalshiPS.Fix
{
    /// <summary>How one FIX session behaves. SenderCompID is the API key id on Kalshi; TargetCompID names the session (KalshiNR, KalshiRT, ...).</summary>
    internal sealed class FixSessionOptions
    {
        public string BeginString { get; set; } = FixVersions.FixT11;
        public string SenderCompId { get; set; }
        /// <summary>For an acceptor, null means "whoever logs on" (taken from the Logon's SenderCompID).</summary>
        public string TargetCompId { get; set; }
        public int HeartbeatIntervalSeconds { get; set; } = 30;
        /// <summary>Send 141=Y and start both directions at 1 (Kalshi requires it for KalshiNR, KalshiDC, KalshiPT).</summary>
        public bool ResetSeqNumOnLogon { get; set; }
        /// <summary>The peer retransmits on ResendRequest (KalshiRT). Without it a gap is logged and skipped, never requested.</summary>
        public bool PeerRetransmits { get; set; } = true;
        /// <summary>Extra Logon fields (e.g. 8013 CancelOrdersOnDisconnect), added after the standard ones.</summary>
        public IList<FixField> LogonFields { get; } = new List<FixField>();
        public int OutboundCapacity { get; set; } = 1024;
        public int InboundCapacity { get; set; } = 8192;
        public TimeSpan LogonTimeout { get; set; } = TimeSpan.FromSeconds(10);
        public int MaxMessageSize { get; set; } = FixFrameReader.DefaultMaxMessageSize;

        public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatIntervalSeconds);

        public static string SessionIdOf(string beginString, string sender, string target) => beginString + ":" + sender + "->" + target;

        internal void Validate(bool acceptor)
        {
            if (string.IsNullOrWhiteSpace(SenderCompId)) throw new ArgumentException("SenderCompID is required (on Kalshi: the API key id).");
            if (!acceptor && string.IsNullOrWhiteSpace(TargetCompId)) throw new ArgumentException("TargetCompID is required (on Kalshi: the session name, e.g. KalshiRT).");
            if (HeartbeatIntervalSeconds < 1) throw new ArgumentException("The heartbeat interval must be at least 1 second (Kalshi: more than 3).");
            if (OutboundCapacity < 1 || InboundCapacity < 1) throw new ArgumentException("Queue capacities must be at least 1.");
        }
    }
}
