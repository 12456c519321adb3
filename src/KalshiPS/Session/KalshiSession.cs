using System;
using System.Net;
using System.Threading;
using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Session
{
    /// <summary>
    /// One connection to Kalshi: endpoints, the request signer, the HTTP pipeline, the rate limiter and the options.
    /// Thread-safe, so it can be passed to ForEach-Object -Parallel or thread jobs with $using:.
    /// Its public surface shows settings only; key material stays inside the signer.
    /// </summary>
    public sealed class KalshiSession : IDisposable
    {
        private KalshiSession(SessionSettings s, RequestSigner signer)
        {
            BaseUri = s.BaseUri ?? KalshiEndpoints.RestFor(s.Environment);
            // The label follows the host actually used, so a custom -BaseUri never reads as Production.
            Environment = KalshiEndpoints.EnvironmentOf(BaseUri);
            WebSocketUri = s.WebSocketUri ?? (s.BaseUri != null ? KalshiEndpoints.WebSocketBesides(s.BaseUri) : KalshiEndpoints.WebSocketFor(s.Environment));
            ApiKeyId = signer?.ApiKeyId;
            Tier = s.Tier;
            var budget = RateLimits.Budget(s.Tier);
            ReadRate = s.ReadRate ?? budget.Read;
            WriteRate = s.WriteRate ?? budget.Write;
            ReadCapacity = ReadRate;
            WriteCapacity = WriteRate * 2;
            _tierGiven = s.TierGiven;
            _readGiven = s.TierGiven || s.ReadRate.HasValue;
            _writeGiven = s.TierGiven || s.WriteRate.HasValue;
            BudgetSource = _readGiven || _writeGiven ? OverrideSource : TierTableSource;
            MaxRetries = s.MaxRetries;
            RetryDelay = s.RetryDelay;
            RetryBackoff = s.RetryBackoff;
            Timeout = s.Timeout;
            Proxy = s.ProxyUri;
            Time = s.TimeProvider;
            ConnectedAt = s.TimeProvider.GetUtcNow().UtcDateTime;
            MaxOrderCount = s.MaxOrderCount;
            MaxOrderCost = s.MaxOrderCost;
            Limits = new OrderLimits(s.MaxOrderCount, s.MaxOrderCost);

            Signer = signer;
            Limiter = new RateLimiter(new BucketBudget(ReadRate, ReadCapacity), new BucketBudget(WriteRate, WriteCapacity), s.TimeProvider);
            WebProxy = s.ProxyUri == null ? null : new WebProxy(s.ProxyUri)
            {
                Credentials = s.ProxyCredentials,
                UseDefaultCredentials = s.ProxyUseDefaultCredentials,
            };
            Http = new KalshiHttpPipeline(new TransportOptions
            {
                BaseUri = BaseUri,
                Timeout = s.Timeout,
                MaxRetries = s.MaxRetries,
                RetryDelay = s.RetryDelay,
                RetryBackoff = s.RetryBackoff,
                ReadTokensPerSecond = ReadRate,
                WriteTokensPerSecond = WriteRate,
                Proxy = WebProxy,
                InnerHandler = s.InnerHandler,
                TimeProvider = s.TimeProvider,
                UserAgent = "KalshiPS/" + typeof(KalshiSession).Assembly.GetName().Version,
            }, signer, Limiter);
            Markets = new MarketCatalog();
            // The first call of a session would otherwise also build the handler chain and compile the send path. Off
            // the caller's thread, without its context (nothing here may log into whatever the caller is running).
            using (ExecutionContext.SuppressFlow())
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => Http.Warm(), null);
                // When the session then sits idle (a prompt, a pause), rehearse a listing too; a call that starts first
                // cancels it, as competing with that call for the same compilation only slowed it down (bench/README.md).
                if (s.TimeProvider == TimeProvider.System && s.InnerHandler == null)
                    _rehearsal = new Timer(_ => Rehearse(), null, RehearsalDelay, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }

        /// <summary>Idle time after which a session rehearses its first listing (see <see cref="SessionRehearsal"/>).</summary>
        internal static readonly TimeSpan RehearsalDelay = TimeSpan.FromMilliseconds(250);
        private readonly Timer _rehearsal;
        private int _called;

        /// <summary>A call is starting: the rehearsal, if it has not begun, is no longer worth its time.</summary>
        internal void NoteCall() => Volatile.Write(ref _called, 1);

        /// <summary>
        /// Starts the rehearsal now (if it has not begun) instead of after an idle pause: Connect-Kalshi does this while
        /// its own key check waits for the network, so a script's first call right after it finds its path compiled.
        /// </summary>
        internal void RehearseNow()
        {
            if (_rehearsal == null || Volatile.Read(ref _called) == 1) return;
            using (ExecutionContext.SuppressFlow()) ThreadPool.UnsafeQueueUserWorkItem(_ => Rehearse(), null);
        }

        /// <summary>The rehearsal, at most once, and never once a call has started.</summary>
        private void Rehearse()
        {
            if (Interlocked.Exchange(ref _called, 1) == 0) _ = SessionRehearsal.RunAsync(Http);
        }

        public KalshiEnvironment Environment { get; }
        public Uri BaseUri { get; }
        public Uri WebSocketUri { get; }
        public string ApiKeyId { get; }
        public bool IsAuthenticated => Signer != null;
        public KalshiTier Tier { get; private set; }
        /// <summary>Read budget in Kalshi tokens per second (a typical request costs 10).</summary>
        public double ReadRate { get; private set; }
        /// <summary>Write budget in Kalshi tokens per second (an order costs 10, a cancel 2).</summary>
        public double WriteRate { get; private set; }
        /// <summary>Most read tokens the bucket holds (one request can never cost more).</summary>
        public double ReadCapacity { get; private set; }
        /// <summary>Most write tokens the bucket holds; batches are split so that one always fits.</summary>
        public double WriteCapacity { get; private set; }
        /// <summary>
        /// Where the budget came from: "exchange" (GET /account/limits), "tier table" (Kalshi's published tier
        /// budgets, when the exchange could not be asked) or "override" (-Tier, -ReadRate or -WriteRate).
        /// </summary>
        public string BudgetSource { get; private set; }
        public int MaxRetries { get; }
        public TimeSpan RetryDelay { get; }
        public double RetryBackoff { get; }
        public TimeSpan Timeout { get; }
        public Uri Proxy { get; }
        public DateTime ConnectedAt { get; }
        /// <summary>Largest count of one order this session sends (Connect-Kalshi -MaxOrderCount).</summary>
        public decimal MaxOrderCount { get; }
        /// <summary>Largest cost in dollars of one order this session sends (Connect-Kalshi -MaxOrderCost).</summary>
        public decimal MaxOrderCost { get; }
        internal OrderLimits Limits { get; }
        public bool IsDisposed { get; private set; }

        internal const string ExchangeSource = "exchange", TierTableSource = "tier table", OverrideSource = "override";
        private readonly bool _tierGiven, _readGiven, _writeGiven;

        /// <summary>
        /// Uses the budget and costs the exchange stated for this account, except what the caller overrode. Either
        /// may be null (that answer failed or was unusable): the tier table then stays for it.
        /// </summary>
        internal void UseExchangeBudget(AccountLimits limits, EndpointCosts costs)
        {
            if (costs != null) Limiter.Costs = costs;
            if (limits == null) return;
            var read = _readGiven ? new BucketBudget(ReadRate, ReadCapacity) : limits.Read;
            var write = _writeGiven ? new BucketBudget(WriteRate, WriteCapacity) : limits.Write;
            Limiter.Configure(WithHeadroom(read, _readGiven), WithHeadroom(write, _writeGiven));
            ReadRate = read.RefillPerSecond; ReadCapacity = read.Capacity;
            WriteRate = write.RefillPerSecond; WriteCapacity = write.Capacity;
            if (!_tierGiven && Enum.TryParse(limits.UsageTier ?? "", true, out KalshiTier tier) && Enum.IsDefined(typeof(KalshiTier), tier)) Tier = tier;
            BudgetSource = _readGiven || _writeGiven ? OverrideSource : ExchangeSource;
        }

        /// <summary>
        /// Share of the exchange's refill rate the client paces to. Its bucket and ours start at different moments and
        /// requests arrive with varying latency, so pacing to exactly its rate meets an occasional 429; 5 % less does not.
        /// </summary>
        internal const double ExchangeHeadroom = 0.95;

        private static BucketBudget WithHeadroom(BucketBudget b, bool given) =>
            given ? b : new BucketBudget(b.RefillPerSecond * ExchangeHeadroom, b.Capacity);
        /// <summary>
        /// Set once the session was written to the pipeline (Connect-Kalshi -PassThru, Get-KalshiSession): someone may
        /// hold it, so a later Connect-Kalshi replaces it as the default without closing it.
        /// </summary>
        internal bool HandedOut { get; set; }

        internal RequestSigner Signer { get; }
        internal KalshiHttpPipeline Http { get; }
        internal RateLimiter Limiter { get; }
        internal IWebProxy WebProxy { get; }
        internal TimeProvider Time { get; }
        /// <summary>Markets seen recently: price grids for order validation and tickers for tab completion.</summary>
        internal MarketCatalog Markets { get; }
        /// <summary>This session's FIX connections (Connect-KalshiFix), one per session kind.</summary>
        internal Fix.Client.FixConnectionSet Fix { get; } = new Fix.Client.FixConnectionSet();

        internal static KalshiSession Create(SessionSettings settings)
        {
            settings.CleanHeaderValues();
            RequestSigner signer = null;
            if (settings.HasKey)
            {
                signer = !string.IsNullOrEmpty(settings.PrivateKeyPem)
                    ? RequestSigner.FromPem(settings.ApiKeyId, settings.PrivateKeyPem)
                    : RequestSigner.FromFile(settings.ApiKeyId, settings.PrivateKeyPath);
                settings.PrivateKeyPem = null;
            }
            else if (!string.IsNullOrEmpty(settings.ApiKeyId))
            {
                throw new KalshiKeyException("An API key id was given without its private key: pass -PrivateKeyPath or -PrivateKey, or set KALSHI_PRIVATE_KEY_PATH.");
            }
            return new KalshiSession(settings, signer);
        }

        public override string ToString() =>
            $"Kalshi {Environment} {BaseUri} ({(IsAuthenticated ? "key " + ApiKeyId : "anonymous")})";

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            Fix.Dispose();
            _rehearsal?.Dispose();
            Http.Dispose();
            Signer?.Dispose();
        }
    }
}
