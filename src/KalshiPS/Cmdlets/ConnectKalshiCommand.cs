using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Http;
using KalshiPS.Session;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates the Kalshi session that the other KalshiPS cmdlets use in this runspace.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Kalshi", HelpUri = HelpUris.Root + "Connect-Kalshi.md", DefaultParameterSetName = KeyPathSet)]
    [OutputType(typeof(KalshiSession))]
    public sealed class ConnectKalshiCommand : PSCmdlet
    {
        private const string KeyPathSet = "KeyPath";
        private const string KeySet = "Key";
        private const string CredentialSet = "Credential";
        private const string VaultSet = "Vault";

        /// <summary>Production or Demo; Custom is only a label (of sessions with another -BaseUri), not a choice.</summary>
        [Parameter(Position = 0)]
        [ValidateSet(nameof(KalshiEnvironment.Production), nameof(KalshiEnvironment.Demo))]
        public KalshiEnvironment Environment { get; set; }

        [Parameter(ParameterSetName = KeyPathSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = VaultSet, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyId")]
        public string ApiKeyId { get; set; }

        [Parameter(ParameterSetName = KeyPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyPath", "Path")]
        public string PrivateKeyPath { get; set; }

        /// <summary>The PEM text as a SecureString (preferred) or a plain string.</summary>
        [Parameter(ParameterSetName = KeySet, Mandatory = true)]
        public object PrivateKey { get; set; }

        /// <summary>User name = API key id, password = the private key's PEM text.</summary>
        [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>A SecretManagement vault holding the PEM text (needs Microsoft.PowerShell.SecretManagement).</summary>
        [Parameter(ParameterSetName = VaultSet, Mandatory = true)]
        public string VaultName { get; set; }

        [Parameter(ParameterSetName = VaultSet, Mandatory = true)]
        public string SecretName { get; set; }

        [Parameter]
        public Uri BaseUri { get; set; }

        [Parameter]
        [Alias("WsUri")]
        public Uri WebSocketUri { get; set; }

        [Parameter]
        public KalshiTier Tier { get; set; } = KalshiTier.Basic;

        /// <summary>Read budget in Kalshi tokens per second (overrides -Tier; a typical request costs 10).</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public double ReadRate { get; set; }

        /// <summary>Write budget in Kalshi tokens per second (overrides -Tier; an order costs 10, a cancel 2).</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public double WriteRate { get; set; }

        /// <summary>Aliased to the web cmdlets' name (Invoke-RestMethod -MaximumRetryCount).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        [Alias("MaximumRetryCount")]
        public int MaxRetries { get; set; } = 3;

        /// <summary>First retry delay in seconds; later retries multiply it by -RetryBackoff. Aliased to the web cmdlets' -RetryIntervalSec (also seconds).</summary>
        [Parameter]
        [ValidateRange(0.0, 300.0)]
        [Alias("RetryIntervalSec")]
        public double RetryDelay { get; set; } = 1.0;

        [Parameter]
        [ValidateRange(1.0, 10.0)]
        public double RetryBackoff { get; set; } = 2.0;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter]
        public Uri Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Fat-finger guard: orders of more contracts are refused before sending (default 10,000).</summary>
        [Parameter]
        [InvariantDecimal]
        public decimal MaxOrderCount { get; set; } = Api.OrderLimits.DefaultMaxCount;

        /// <summary>Fat-finger guard: orders that can cost more dollars are refused before sending (default 10,000).</summary>
        [Parameter]
        [InvariantDecimal]
        public decimal MaxOrderCost { get; set; } = Api.OrderLimits.DefaultMaxCost;

        /// <summary>Don't make the balance call that checks the key before returning.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly System.Threading.CancellationTokenSource _stop = new System.Threading.CancellationTokenSource();

        protected override void StopProcessing() => _stop.Cancel();

        protected override void ProcessRecord()
        {
            var settings = new SessionSettings
            {
                Environment = Environment,
                BaseUri = BaseUri,
                WebSocketUri = WebSocketUri,
                ApiKeyId = ApiKeyId,
                PrivateKeyPath = string.IsNullOrEmpty(PrivateKeyPath) ? null : GetUnresolvedProviderPathFromPSPath(PrivateKeyPath),
                Tier = Tier,
                TierGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Tier)),
                ReadRate = MyInvocation.BoundParameters.ContainsKey(nameof(ReadRate)) ? ReadRate : (double?)null,
                WriteRate = MyInvocation.BoundParameters.ContainsKey(nameof(WriteRate)) ? WriteRate : (double?)null,
                MaxRetries = MaxRetries,
                RetryDelay = TimeSpan.FromSeconds(RetryDelay),
                RetryBackoff = RetryBackoff,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                ProxyUri = Proxy,
                ProxyCredentials = ProxyCredential?.GetNetworkCredential(),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
                MaxOrderCount = MaxOrderCount,
                MaxOrderCost = MaxOrderCost,
            };
            if (MaxOrderCount <= 0m || MaxOrderCost <= 0m)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    $"-MaxOrderCount and -MaxOrderCost must be greater than 0 (got {Api.UserNumber.Exact(MaxOrderCount)} and {Api.UserNumber.Exact(MaxOrderCost)})."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, null));

            try
            {
                switch (ParameterSetName)
                {
                    case KeySet: settings.PrivateKeyPem = PemFrom(PrivateKey); break;
                    case CredentialSet:
                        settings.ApiKeyId = Credential.UserName;
                        settings.ApiKeyIdSource = "-Credential (user name)";
                        settings.PrivateKeyPem = Credential.GetNetworkCredential().Password;
                        break;
                    case VaultSet: settings.PrivateKeyPem = PemFromVault(); break;
                }
                settings.ApplyEnvironment(MyInvocation.BoundParameters.ContainsKey(nameof(Environment)));
                foreach (var note in settings.CleanHeaderValues()) WriteVerbose(note);
                if (settings.Environment == KalshiEnvironment.Custom && settings.BaseUri == null)
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("KALSHI_ENVIRONMENT=Custom needs -BaseUri or KALSHI_BASE_URI (the REST base of your proxy or sandbox, e.g. http://127.0.0.1:5000/trade-api/v2)."),
                        "KalshiInvalidArgument", ErrorCategory.InvalidArgument, null));
            }
            catch (KalshiKeyException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }

            KalshiSession session = null;
            try
            {
                session = KalshiSession.Create(settings);
            }
            catch (KalshiKeyException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }

            WriteVerbose($"Kalshi session: {session.BaseUri} ({(session.IsAuthenticated ? "key " + session.ApiKeyId : "anonymous")}), WebSocket {session.WebSocketUri}, " +
                         $"budget {session.ReadRate}/{session.WriteRate} tokens/s, {session.MaxRetries} retries, timeout {session.Timeout.TotalSeconds} s, " +
                         $"at most {Api.UserNumber.ExactCount(session.MaxOrderCount)} contracts and ${Api.UserNumber.Exact(session.MaxOrderCost)} per order");

            if (session.IsAuthenticated && !SkipValidation)
            {
                session.RehearseNow();
                Validate(session);
                ReadBudget(session);
            }

            // A replaced default is closed only if nobody was given it; -PassThru sessions stay usable with -Session.
            var previous = SessionStore.Default;
            if (previous != null && !previous.HandedOut) previous.Dispose();
            SessionStore.Default = session;
            if (PassThru) { session.HandedOut = true; WriteObject(session); }
        }

        /// <summary>One cheap authenticated call, so a wrong key or clock fails here rather than on the first order.</summary>
        private void Validate(KalshiSession session)
        {
            var log = new CollectedLog();
            var previous = RequestLog.Current;
            try
            {
                RequestLog.Current = log;
                using (session.Http.SendAsync(new KalshiRequest("GET", "/portfolio/balance"), _stop.Token).GetAwaiter().GetResult()) { }
                foreach (var line in log.Lines) WriteVerbose(line);
            }
            catch (KalshiApiException e)
            {
                foreach (var line in log.Lines) WriteVerbose(line);
                session.Dispose();
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
            catch (OperationCanceledException)
            {
                session.Dispose();
                throw new PipelineStoppedException();
            }
            finally
            {
                RequestLog.Current = previous;
            }
        }

        /// <summary>
        /// The account's real budget and costs (GET /account/limits, /account/endpoint_costs). Either may fail (an older
        /// server, a fault): the tier table then stays, with a verbose note; nothing here fails the connect.
        /// </summary>
        private void ReadBudget(KalshiSession session)
        {
            var log = new CollectedLog();
            var previous = RequestLog.Current;
            AccountLimits limits = null;
            EndpointCosts costs = null;
            var account = new AccountApi(session);
            try
            {
                RequestLog.Current = log;
                try { limits = account.GetLimitsAsync(_stop.Token).GetAwaiter().GetResult(); }
                catch (KalshiApiException e) { log.Verbose("GET /account/limits failed (" + e.Kind + "); keeping the tier-table budget."); }
                try { costs = account.GetEndpointCostsAsync(_stop.Token).GetAwaiter().GetResult(); }
                catch (KalshiApiException e) { log.Verbose("GET /account/endpoint_costs failed (" + e.Kind + "); keeping the published costs."); }
            }
            catch (OperationCanceledException)
            {
                session.Dispose();
                throw new PipelineStoppedException();
            }
            finally
            {
                RequestLog.Current = previous;
            }
            session.UseExchangeBudget(limits, costs);
            foreach (var line in log.Lines) WriteVerbose(line);
            WriteVerbose($"Budget ({session.BudgetSource}): read {session.ReadRate} tokens/s (holds {session.ReadCapacity}), " +
                         $"write {session.WriteRate} tokens/s (holds {session.WriteCapacity}), tier {session.Tier}" +
                         (costs != null ? $", {costs.Count} endpoint costs from the exchange (default {costs.DefaultCost})" : ""));
        }

        /// <summary>Request lines of the validation call, written as verbose once it is back on this thread.</summary>
        private sealed class CollectedLog : IRequestLog
        {
            public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new System.Collections.Concurrent.ConcurrentQueue<string>();
            public void Verbose(string line) => Lines.Enqueue(line);
            public void Warning(string line) => Lines.Enqueue(line);
        }

        private static string PemFrom(object value)
        {
            var unwrapped = value is PSObject pso ? pso.BaseObject : value;
            switch (unwrapped)
            {
                case SecureString secure: return Plain(secure);
                case string text: return text;
                default: throw new KalshiKeyException("-PrivateKey takes the PEM text as a SecureString or a string; for a file use -PrivateKeyPath.");
            }
        }

        private string PemFromVault()
        {
            var getSecret = InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function);
            if (getSecret == null)
                throw new KalshiKeyException("-VaultName needs the Microsoft.PowerShell.SecretManagement module: Install-Module Microsoft.PowerShell.SecretManagement.");
            var results = InvokeCommand.InvokeScript("param($v, $n) Get-Secret -Vault $v -Name $n", true, PipelineResultTypes.None, null, VaultName, SecretName);
            if (results.Count == 0) throw new KalshiKeyException($"Secret '{SecretName}' was not found in vault '{VaultName}'.");
            return PemFrom(results[0]);
        }

        private static string Plain(SecureString secure)
        {
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(ptr);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
