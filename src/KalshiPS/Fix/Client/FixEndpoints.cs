using System;
using System.Globalization;
using KalshiPS.Models;

namespace KalshiPS.Fix.Client
{
    /// <summary>Where one FIX session lives: host, port and Kalshi's TargetCompID for it.</summary>
    internal sealed class FixEndpoint
    {
        public FixEndpoint(string host, int port, string targetCompId) { Host = host; Port = port; TargetCompId = targetCompId; }
        public string Host { get; }
        public int Port { get; }
        public string TargetCompId { get; }
        public override string ToString() => Host + ":" + Port.ToString(CultureInfo.InvariantCulture) + " (" + TargetCompId + ")";
    }

    /// <summary>
    /// Kalshi's FIX endpoints (docs.kalshi.com/fix/connectivity, /fix/drop-copy): Production fix.elections.kalshi.com,
    /// Demo fix.demo.kalshi.co; order entry without retransmission 8228 (KalshiNR), with retransmission 8230 (KalshiRT),
    /// drop copy 8229 (KalshiDC). Market data (KalshiMD) is documented on port 8233 only for the margin gateway's own
    /// host; the same port on these hosts is an assumption (unverified), so pass -HostName/-Port if Kalshi gives others.
    /// Explicit parameters win, then the KALSHI_FIX_* variables (the sandbox runner sets them), then this table.
    /// </summary>
    internal static class FixEndpoints
    {
        public const string OrderEntryNoRetransmit = "KalshiNR";
        public const string OrderEntryRetransmit = "KalshiRT";
        public const string DropCopy = "KalshiDC";
        public const string MarketData = "KalshiMD";

        public const string HostVariable = "KALSHI_FIX_HOST";
        public const string OrderEntryPortVariable = "KALSHI_FIX_ORDER_ENTRY_PORT";
        public const string RetransmitPortVariable = "KALSHI_FIX_RETRANSMIT_PORT";
        public const string DropCopyPortVariable = "KALSHI_FIX_DROP_COPY_PORT";
        public const string MarketDataPortVariable = "KALSHI_FIX_MARKET_DATA_PORT";
        public const string CertificatePathVariable = "KALSHI_FIX_CERTIFICATE_PATH";
        public const string CertificatePinVariable = "KALSHI_FIX_CERTIFICATE_SHA256";

        public static string TargetFor(KalshiFixSessionType kind, bool retransmit)
        {
            switch (kind)
            {
                case KalshiFixSessionType.DropCopy: return DropCopy;
                case KalshiFixSessionType.MarketData: return MarketData;
                default: return retransmit ? OrderEntryRetransmit : OrderEntryNoRetransmit;
            }
        }

        public static int DefaultPort(KalshiFixSessionType kind, bool retransmit)
        {
            switch (kind)
            {
                case KalshiFixSessionType.DropCopy: return 8229;
                case KalshiFixSessionType.MarketData: return 8233;
                default: return retransmit ? 8230 : 8228;
            }
        }

        public static string DefaultHost(KalshiEnvironment environment)
        {
            switch (environment)
            {
                case KalshiEnvironment.Production: return "fix.elections.kalshi.com";
                case KalshiEnvironment.Demo: return "fix.demo.kalshi.co";
                default: return null;
            }
        }

        private static string PortVariable(KalshiFixSessionType kind, bool retransmit)
        {
            switch (kind)
            {
                case KalshiFixSessionType.DropCopy: return DropCopyPortVariable;
                case KalshiFixSessionType.MarketData: return MarketDataPortVariable;
                default: return retransmit ? RetransmitPortVariable : OrderEntryPortVariable;
            }
        }

        /// <summary>
        /// The endpoint for <paramref name="kind"/>: <paramref name="host"/>/<paramref name="port"/> when given, else the
        /// KALSHI_FIX_* variables (read through <paramref name="variable"/>), else the environment's table. A session on
        /// a custom REST host (a proxy, the sandbox) has no table entry and must name its FIX host.
        /// </summary>
        public static FixEndpoint Resolve(KalshiFixSessionType kind, bool retransmit, KalshiEnvironment environment,
            string host, int? port, Func<string, string> variable)
        {
            variable = variable ?? (_ => null);
            var h = Blank(host) ? Trimmed(variable(HostVariable)) ?? DefaultHost(environment) : host.Trim();
            if (h == null)
                throw new ArgumentException($"This session's REST host is not Kalshi's Production or Demo host, so the FIX host is unknown: pass -HostName and -Port, or set {HostVariable} and {PortVariable(kind, retransmit)}.");
            int p;
            if (port.HasValue) p = port.Value;
            else
            {
                var raw = Trimmed(variable(PortVariable(kind, retransmit)));
                if (raw == null) p = DefaultPort(kind, retransmit);
                else if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out p))
                    throw new ArgumentException($"${PortVariable(kind, retransmit)} is '{raw}', not a port number (1-65535).");
            }
            if (p < 1 || p > 65535) throw new ArgumentException($"FIX port {p.ToString(CultureInfo.InvariantCulture)} is outside 1-65535.");
            return new FixEndpoint(h, p, TargetFor(kind, retransmit));
        }

        private static bool Blank(string s) => string.IsNullOrWhiteSpace(s);
        private static string Trimmed(string s) => Blank(s) ? null : s.Trim();
    }
}
