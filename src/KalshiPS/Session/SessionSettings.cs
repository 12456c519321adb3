using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Session
{
    /// <summary>What a session is built from: Connect-Kalshi's parameters, filled in from KALSHI_* environment variables.</summary>
    internal sealed class SessionSettings
    {
        public KalshiEnvironment Environment { get; set; } = KalshiEnvironment.Production;
        public Uri BaseUri { get; set; }
        public Uri WebSocketUri { get; set; }
        public string ApiKeyId { get; set; }
        /// <summary>Where <see cref="ApiKeyId"/> came from, for messages ("-ApiKeyId", "$env:KALSHI_API_KEY_ID", ...).</summary>
        public string ApiKeyIdSource { get; set; } = "-ApiKeyId";
        /// <summary>PEM text; cleared once the signer is built.</summary>
        public string PrivateKeyPem { get; set; }
        public string PrivateKeyPath { get; set; }
        public KalshiTier Tier { get; set; } = KalshiTier.Basic;
        /// <summary>-Tier was given: its table budget overrides the exchange's.</summary>
        public bool TierGiven { get; set; }
        public double? ReadRate { get; set; }
        public double? WriteRate { get; set; }
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
        public double RetryBackoff { get; set; } = 2.0;
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        public Uri ProxyUri { get; set; }
        public ICredentials ProxyCredentials { get; set; }
        public bool ProxyUseDefaultCredentials { get; set; }
        public HttpMessageHandler InnerHandler { get; set; }
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
        /// <summary>Fat-finger guard: largest count and largest cost in dollars of one order.</summary>
        public decimal MaxOrderCount { get; set; } = Api.OrderLimits.DefaultMaxCount;
        public decimal MaxOrderCost { get; set; } = Api.OrderLimits.DefaultMaxCost;

        public const string KeyIdVariable = "KALSHI_API_KEY_ID";
        public const string KeyPathVariable = "KALSHI_PRIVATE_KEY_PATH";
        public const string KeyVariable = "KALSHI_PRIVATE_KEY";
        public const string EnvironmentVariable = "KALSHI_ENVIRONMENT";
        public const string BaseUriVariable = "KALSHI_BASE_URI";
        public const string WebSocketUriVariable = "KALSHI_WS_URI";

        /// <summary>Fills every value the caller left empty from the environment. Explicit parameters always win.</summary>
        public void ApplyEnvironment(bool environmentGiven)
        {
            if (!environmentGiven && Enum.TryParse(Env(EnvironmentVariable), true, out KalshiEnvironment env)) Environment = env;
            if (BaseUri == null && Uri.TryCreate(Env(BaseUriVariable), UriKind.Absolute, out var b)) BaseUri = b;
            if (WebSocketUri == null && Uri.TryCreate(Env(WebSocketUriVariable), UriKind.Absolute, out var w)) WebSocketUri = w;
            if (string.IsNullOrEmpty(ApiKeyId))
            {
                // Read untrimmed: HeaderValues.Clean trims it with a note and refuses what trimming cannot fix.
                var raw = System.Environment.GetEnvironmentVariable(KeyIdVariable);
                if (!string.IsNullOrWhiteSpace(raw)) { ApiKeyId = raw; ApiKeyIdSource = "$env:" + KeyIdVariable; }
            }
            if (string.IsNullOrEmpty(PrivateKeyPem) && string.IsNullOrEmpty(PrivateKeyPath))
            {
                PrivateKeyPath = Env(KeyPathVariable);
                if (string.IsNullOrEmpty(PrivateKeyPath)) PrivateKeyPem = Env(KeyVariable);
            }
        }

        /// <summary>
        /// Checks every value that becomes a request header (the key id) and trims surrounding whitespace, returning
        /// a note per trim; a control or non-ASCII character inside is an ArgumentException, so no header can carry
        /// a second header ("x\r\nX-Evil: 1") and a copied newline cannot silently break authentication.
        /// </summary>
        public IReadOnlyList<string> CleanHeaderValues()
        {
            var notes = new List<string>();
            if (ApiKeyId != null) ApiKeyId = HeaderValues.Clean(ApiKeyId, ApiKeyIdSource, "an API key id is the id shown next to your key on Kalshi's API keys page, e.g. a952bcbe-ec3b-4b5b-b8f9-11dae589608c", notes);
            return notes;
        }

        public bool HasKey => !string.IsNullOrEmpty(PrivateKeyPem) || !string.IsNullOrEmpty(PrivateKeyPath);

        private static string Env(string name)
        {
            var value = System.Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
    }
}
