using System;
using System.Management.Automation;
using KalshiPS.Fix.Client;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Opens one of Kalshi's FIX sessions for the current Kalshi session: TLS to the gateway (certificate validated,
    /// optionally pinned), a Logon signed with the session's API key, heartbeats. The connection stays on the session
    /// until Disconnect-KalshiFix (or Disconnect-Kalshi); the order cmdlets use it with -Via Fix. It is never reopened
    /// by itself after it drops (see the help's NOTES).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "KalshiFix", HelpUri = HelpUris.Root + "Connect-KalshiFix.md")]
    [OutputType(typeof(KalshiFixConnectionInfo))]
    public sealed class ConnectKalshiFixCommand : KalshiCmdlet
    {
        /// <summary>OrderEntry (KalshiNR, or KalshiRT with -Retransmit), DropCopy (KalshiDC) or MarketData (KalshiMD).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public KalshiFixSessionType SessionType { get; set; }

        /// <summary>Order entry with retransmission (KalshiRT): sequence numbers are kept between connections and gaps are resent.</summary>
        [Parameter]
        public SwitchParameter Retransmit { get; set; }

        /// <summary>Kalshi cancels the resting orders of this session when it disconnects (order entry only).</summary>
        [Parameter]
        public SwitchParameter CancelOnDisconnect { get; set; }

        /// <summary>The gateway's host; default $env:KALSHI_FIX_HOST, else Kalshi's host for the session's environment.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string HostName { get; set; }

        /// <summary>The gateway's port; default the KALSHI_FIX_*_PORT variable, else Kalshi's port for the session type.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>A PEM certificate trusted for this connection only (e.g. the sandbox's self-signed one); default $env:KALSHI_FIX_CERTIFICATE_PATH.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; }

        /// <summary>SHA-256 of the server certificate (64 hex digits, colons allowed); the connection fails on any other. Default $env:KALSHI_FIX_CERTIFICATE_SHA256.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CertificatePin { get; set; }

        /// <summary>Heartbeat interval in seconds (4-3600, default 30).</summary>
        [Parameter]
        [ValidateRange(4, 3600)]
        public int HeartbeatSeconds { get; set; }

        /// <summary>How long order commands wait for Kalshi's answer before reporting the outcome unknown (default 10 s).</summary>
        [Parameter]
        [SecondsToTimeSpan]
        [ValidatePositiveTimeSpan]
        public TimeSpan ResponseTimeout { get; set; }

        /// <summary>Writes the connection (state, endpoint, sequence numbers).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var session = ActiveSession;
            var bound = MyInvocation.BoundParameters;
            var request = new FixConnectRequest
            {
                Kind = SessionType,
                Retransmit = Retransmit.IsPresent,
                CancelOnDisconnect = CancelOnDisconnect.IsPresent,
                HostName = HostName,
                Port = bound.ContainsKey(nameof(Port)) ? Port : (int?)null,
                CertificatePath = CertificatePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath),
                CertificatePin = CertificatePin,
                HeartbeatSeconds = bound.ContainsKey(nameof(HeartbeatSeconds)) ? HeartbeatSeconds : (int?)null,
                ResponseTimeout = bound.ContainsKey(nameof(ResponseTimeout)) ? ResponseTimeout : (TimeSpan?)null,
            };
            FixConnectionSettings settings;
            try
            {
                settings = FixConnector.Resolve(request, session, Environment.GetEnvironmentVariable);
                FixConnector.Trust(request, Environment.GetEnvironmentVariable);
            }
            catch (ArgumentException e) { ThrowTerminatingError(ErrorRecords.From(e, SessionType)); return; }
            if (session.Fix.Get(SessionType) is KalshiFixConnection existing)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    $"This session is already connected for {SessionType} ({existing.Endpoint}); run Disconnect-KalshiFix -SessionType {SessionType} first, or use that connection."),
                    "KalshiFixAlreadyConnected", ErrorCategory.ResourceExists, SessionType));
                return;
            }
            WriteVerbose($"Connecting to Kalshi FIX {settings.Endpoint} as {settings.SenderCompId}{(CancelOnDisconnect ? " with CancelOnDisconnect" : "")}.");
            var trace = new FixTrace();
            KalshiFixConnection connection = null;
            Exception failure = null;
            RunFix(trace, async ct =>
            {
                try { connection = await FixConnector.ConnectAsync(session, request, Environment.GetEnvironmentVariable, trace, ct).ConfigureAwait(false); }
                catch (Exception e) when (!ct.IsCancellationRequested && !(e is OutOfMemoryException)) { failure = e; }
            });
            if (failure != null) { ThrowTerminatingError(FixError(failure, settings.Endpoint.ToString())); return; }
            if (PassThru) WriteObject(connection.Info);
        }
    }
}
