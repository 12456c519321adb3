using System;
using KalshiPS.Models;

namespace KalshiPS.Session
{
    /// <summary>Kalshi's recommended hosts (kalshi-api.md §1) and how a WebSocket URI follows from a REST base.</summary>
    internal static class KalshiEndpoints
    {
        public static Uri RestFor(KalshiEnvironment env) => env == KalshiEnvironment.Demo
            ? new Uri("https://external-api.demo.kalshi.co/trade-api/v2")
            : new Uri("https://external-api.kalshi.com/trade-api/v2");

        public static Uri WebSocketFor(KalshiEnvironment env) => env == KalshiEnvironment.Demo
            ? new Uri("wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2")
            : new Uri("wss://external-api-ws.kalshi.com/trade-api/ws/v2");

        /// <summary>The label of a REST base: Production or Demo for Kalshi's own hosts, otherwise Custom.</summary>
        public static KalshiEnvironment EnvironmentOf(Uri restBase)
        {
            foreach (var env in new[] { KalshiEnvironment.Production, KalshiEnvironment.Demo })
                if (string.Equals(Key(restBase), Key(RestFor(env)), StringComparison.OrdinalIgnoreCase)) return env;
            return KalshiEnvironment.Custom;
        }

        private static string Key(Uri u) => u.Scheme + "://" + u.Authority + u.AbsolutePath.TrimEnd('/');

        /// <summary>For a custom base (proxy, local sandbox): same host, ws(s) scheme, /trade-api/ws/v2 in place of /trade-api/v2.</summary>
        public static Uri WebSocketBesides(Uri restBase)
        {
            var builder = new UriBuilder(restBase) { Scheme = restBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
            var path = restBase.AbsolutePath.TrimEnd('/');
            builder.Path = path.EndsWith("/trade-api/v2", StringComparison.OrdinalIgnoreCase)
                ? path.Substring(0, path.Length - "/trade-api/v2".Length) + "/trade-api/ws/v2"
                : path + "/ws";
            return builder.Uri;
        }
    }
}
