using System;
using System.Net;
using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Http;

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
            MaxRetries = s.MaxRetries;
            RetryDelay = s.RetryDelay;
            RetryBackoff = s.RetryBackoff;
            Timeout = s.Timeout;
            Proxy = s.ProxyUri;
            Time = s.TimeProvider;
            ConnectedAt = s.TimeProvider.GetUtcNow().UtcDateTime;

            Signer = signer;
            Limiter = new RateLimiter(ReadRate, WriteRate, s.TimeProvider);
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
        }

        public KalshiEnvironment Environment { get; }
        public Uri BaseUri { get; }
        public Uri WebSocketUri { get; }
        public string ApiKeyId { get; }
        public bool IsAuthenticated => Signer != null;
        public KalshiTier Tier { get; }
        /// <summary>Read budget in Kalshi tokens per second (a typical request costs 10).</summary>
        public double ReadRate { get; }
        /// <summary>Write budget in Kalshi tokens per second (an order costs 10, a cancel 2).</summary>
        public double WriteRate { get; }
        public int MaxRetries { get; }
        public TimeSpan RetryDelay { get; }
        public double RetryBackoff { get; }
        public TimeSpan Timeout { get; }
        public Uri Proxy { get; }
        public DateTime ConnectedAt { get; }
        public bool IsDisposed { get; private set; }

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

        internal static KalshiSession Create(SessionSettings settings)
        {
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
            Http.Dispose();
            Signer?.Dispose();
        }
    }
}
