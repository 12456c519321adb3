using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;
using KalshiPS.Session;

namespace KalshiPS.Fix.Client
{
    /// <summary>What a user asked for when connecting (Connect-KalshiFix's parameters; nulls fall back to variables and tables).</summary>
    internal sealed class FixConnectRequest
    {
        public KalshiFixSessionType Kind { get; set; }
        public bool Retransmit { get; set; }
        public bool CancelOnDisconnect { get; set; }
        public string HostName { get; set; }
        public int? Port { get; set; }
        public string CertificatePath { get; set; }
        public string CertificatePin { get; set; }
        public int? HeartbeatSeconds { get; set; }
        public TimeSpan? ResponseTimeout { get; set; }
    }

    /// <summary>
    /// Opens a session's FIX connections: resolves the endpoint (parameters, KALSHI_FIX_* variables, the environment's
    /// table), TLS with the exchange's certificate validated (optionally narrowed by a pin; optionally also trusting one
    /// extra anchor certificate from a PEM file), the signed Logon, and the session's registry. Knows no PowerShell.
    /// </summary>
    internal static class FixConnector
    {
        public const int DefaultHeartbeatSeconds = 30;

        /// <summary>The settings a request resolves to (throws ArgumentException naming the parameter to fix).</summary>
        public static FixConnectionSettings Resolve(FixConnectRequest r, KalshiSession session, Func<string, string> variable)
        {
            if (session == null || !session.IsAuthenticated)
                throw new ArgumentException("FIX needs an API key: run Connect-Kalshi with -ApiKeyId and -PrivateKeyPath first (the key id is the FIX SenderCompID).");
            if (r.Retransmit && r.Kind != KalshiFixSessionType.OrderEntry)
                throw new ArgumentException("-Retransmit applies to order entry only (KalshiRT); drop copy and market data never retransmit.");
            var heartbeat = r.HeartbeatSeconds ?? DefaultHeartbeatSeconds;
            if (heartbeat < 4 || heartbeat > 3600) throw new ArgumentException("-HeartbeatSeconds must be 4 to 3600 (Kalshi wants more than 3).");
            return new FixConnectionSettings
            {
                Kind = r.Kind,
                Retransmit = r.Retransmit,
                CancelOnDisconnect = r.CancelOnDisconnect,
                HeartbeatSeconds = heartbeat,
                Endpoint = FixEndpoints.Resolve(r.Kind, r.Retransmit, session.Environment, r.HostName, r.Port, variable),
                SenderCompId = session.ApiKeyId,
                ResponseTimeout = r.ResponseTimeout ?? TimeSpan.FromSeconds(10),
            };
        }

        /// <summary>The pin and anchor file: parameters first, then KALSHI_FIX_CERTIFICATE_SHA256 / _PATH.</summary>
        public static (string Pin, string AnchorPath) Trust(FixConnectRequest r, Func<string, string> variable)
        {
            var pin = !string.IsNullOrWhiteSpace(r.CertificatePin) ? r.CertificatePin : variable?.Invoke(FixEndpoints.CertificatePinVariable);
            var path = !string.IsNullOrWhiteSpace(r.CertificatePath) ? r.CertificatePath : variable?.Invoke(FixEndpoints.CertificatePathVariable);
            FixTls.NormalizePin(pin); // a malformed pin is refused before connecting
            return (string.IsNullOrWhiteSpace(pin) ? null : pin, string.IsNullOrWhiteSpace(path) ? null : path);
        }

        /// <summary>
        /// Connects over TLS, logs on and registers the connection on <paramref name="session"/>. Refuses when the session
        /// already has an open connection of this kind (Disconnect-KalshiFix first).
        /// </summary>
        public static async Task<KalshiFixConnection> ConnectAsync(KalshiSession session, FixConnectRequest request, Func<string, string> variable,
            FixTrace trace, CancellationToken ct)
        {
            var settings = Resolve(request, session, variable);
            var (pin, anchorPath) = Trust(request, variable);
            var anchor = FixTrustAnchor.Load(anchorPath);
            var store = FixConnectionSet.StoreFor(settings.Endpoint, variable);
            settings.ResetSequenceNumbers = MaintenancePassed(settings, store, session.Time.GetUtcNow());
            if (settings.ResetSequenceNumbers)
                trace?.Write("FIX: Kalshi's Thursday maintenance window passed since this session's sequence numbers were last used; logging on with ResetSeqNumFlag=Y.");
            return await ConnectAsync(session, settings,
                c => FixTls.ConnectAsync(settings.Endpoint.Host, settings.Endpoint.Port, pin, c, extraAnchor: anchor), store, trace, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// KalshiRT keeps sequence numbers, but Kalshi drops every session in its Thursday 03:00-05:00 ET maintenance and
        /// wants them restarted: true when such a window began after the stored numbers were last written.
        /// </summary>
        internal static bool MaintenancePassed(FixConnectionSettings settings, IFixSequenceStore store, DateTimeOffset now)
        {
            if (settings.Kind != KalshiFixSessionType.OrderEntry || !settings.Retransmit || !(store is FixFileSequenceStore files)) return false;
            var path = files.PathFor(FixSessionOptions.SessionIdOf(FixVersions.FixT11, settings.SenderCompId, settings.Endpoint.TargetCompId));
            if (!File.Exists(path)) return false;
            return FixMaintenanceWindow.ResetDue(new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), now);
        }

        /// <summary>As above with the transport given (tests pass a pipe).</summary>
        internal static async Task<KalshiFixConnection> ConnectAsync(KalshiSession session, FixConnectionSettings settings,
            Func<CancellationToken, Task<Stream>> open, IFixSequenceStore store, FixTrace trace, CancellationToken ct)
        {
            var set = session.Fix;
            if (set.Get(settings.Kind) is KalshiFixConnection existing)
                throw new InvalidOperationException($"This session is already connected for {settings.Kind} ({existing.Endpoint}); run Disconnect-KalshiFix -SessionType {settings.Kind} first.");
            var connection = await KalshiFixConnection.ConnectAsync(settings, open, FixLogonSigning.For(session.Signer), store, session.Time, trace, ct,
                m => FixExecutionRecorder.Observe(set, m, settings.Kind == KalshiFixSessionType.OrderEntry)).ConfigureAwait(false);
            if (!set.TryAdd(connection))
            {
                await connection.DisconnectAsync("connected twice", CancellationToken.None).ConfigureAwait(false);
                throw new InvalidOperationException($"This session was connected for {settings.Kind} by another command meanwhile; that connection stays, and the order cmdlets use it.");
            }
            return connection;
        }
    }
}
