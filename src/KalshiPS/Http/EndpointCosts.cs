using System;
using System.Collections.Generic;

namespace KalshiPS.Http
{
    /// <summary>
    /// Token cost per endpoint: Kalshi's default cost plus the exceptions it lists (GET /account/endpoint_costs), by
    /// method and path template ("/portfolio/orders/{order_id}" matches any one segment there).
    /// </summary>
    internal sealed class EndpointCosts
    {
        private readonly List<(string Method, string[] Segments, int Cost)> _entries = new List<(string, string[], int)>();

        public EndpointCosts(int defaultCost) { DefaultCost = defaultCost > 0 ? defaultCost : RateLimits.DefaultCost; }

        public int DefaultCost { get; }
        public int Count => _entries.Count;

        /// <summary>The costs on Kalshi's rate-limit page, used until (or unless) the exchange sends its own.</summary>
        public static EndpointCosts Published { get; } = new EndpointCosts(RateLimits.DefaultCost)
            .Add("DELETE", "/portfolio/events/orders/{order_id}", RateLimits.CancelCost)
            .Add("DELETE", "/portfolio/events/orders/batched", RateLimits.CancelCost)
            .Add("DELETE", "/portfolio/events/orders", RateLimits.CancelCost)
            .Add("GET", "/portfolio/orders/{order_id}", 2)
            .Add("POST", "/communications/quotes", 2)
            .Add("DELETE", "/communications/quotes/{quote_id}", 2)
            .Add("DELETE", "/communications/rfqs/{rfq_id}/quotes/{quote_id}", 2)
            .Add("POST", "/account/api_usage_level/upgrade", 30);

        public EndpointCosts Add(string method, string pathTemplate, int cost)
        {
            if (string.IsNullOrEmpty(method) || string.IsNullOrEmpty(pathTemplate) || cost < 0) return this;
            _entries.Add((method.ToUpperInvariant(), Split(pathTemplate), cost));
            return this;
        }

        /// <summary>The most specific entry wins: literal segments beat {placeholders}.</summary>
        public int Cost(string method, string relativePath)
        {
            var segments = Split(relativePath);
            int best = -1, bestLiterals = -1;
            foreach (var e in _entries)
            {
                if (!string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase) || e.Segments.Length != segments.Length) continue;
                int literals = 0;
                bool match = true;
                for (int i = 0; i < segments.Length && match; i++)
                {
                    var t = e.Segments[i];
                    if (t.Length > 1 && t[0] == '{' && t[t.Length - 1] == '}') continue;
                    if (string.Equals(t, segments[i], StringComparison.Ordinal)) literals++; else match = false;
                }
                if (match && literals > bestLiterals) { best = e.Cost; bestLiterals = literals; }
            }
            return best >= 0 ? best : DefaultCost;
        }

        private static string[] Split(string path)
        {
            var q = path.IndexOf('?');
            if (q >= 0) path = path.Substring(0, q);
            // The exchange may list paths with the API prefix; costs are looked up below the base URI.
            const string prefix = "/trade-api/v2";
            if (path.StartsWith(prefix, StringComparison.Ordinal)) path = path.Substring(prefix.Length);
            return path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
