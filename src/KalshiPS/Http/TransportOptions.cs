using System;
using System.Net;
using System.Net.Http;

namespace KalshiPS.Http
{
    /// <summary>Everything that shapes how a session talks HTTP. Plain values, so the session can show them.</summary>
    internal sealed class TransportOptions
    {
        public Uri BaseUri { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
        public double RetryBackoff { get; set; } = 2.0;
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
        public double ReadTokensPerSecond { get; set; } = 200;
        public double WriteTokensPerSecond { get; set; } = 100;
        public IWebProxy Proxy { get; set; }
        public string UserAgent { get; set; } = "KalshiPS";
        /// <summary>Tests inject a fake transport (MockHttp) here.</summary>
        public HttpMessageHandler InnerHandler { get; set; }
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
        /// <summary>Jitter source in [0,1); injectable so retry timing is deterministic in tests.</summary>
        public Func<double> Jitter { get; set; }
    }
}
