using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Auth;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>What Kalshi answers to POST /api_keys/generate: the id, and the private key (kept out of every output).</summary>
    internal sealed class GeneratedApiKey
    {
        public string ApiKeyId { get; set; }
        public PrivateKeyText PrivateKey { get; set; }
        public string Warning { get; set; }
        public override string ToString() => ApiKeyId;
    }

    /// <summary>/api_keys: the only place that knows their JSON spelling.</summary>
    internal static class ApiKeysWire
    {
        private static readonly Dictionary<string, KalshiApiKeyScope> Scopes = new Dictionary<string, KalshiApiKeyScope>(StringComparer.Ordinal)
        {
            ["read"] = KalshiApiKeyScope.Read,
            ["write"] = KalshiApiKeyScope.Write,
            ["read::block_trade_accept"] = KalshiApiKeyScope.ReadBlockTradeAccept,
            ["read::portfolio_balance"] = KalshiApiKeyScope.ReadPortfolioBalance,
            ["write::trade"] = KalshiApiKeyScope.WriteTrade,
            ["write::transfer"] = KalshiApiKeyScope.WriteTransfer,
            ["write::block_trade_accept"] = KalshiApiKeyScope.WriteBlockTradeAccept,
        };

        public static string Scope(KalshiApiKeyScope s) => Scopes.First(kv => kv.Value == s).Key;

        /// <summary>GET /api_keys: {api_keys:[...], api_key_region_expiration_ts}; the expiry is copied onto each key.</summary>
        public static List<KalshiApiKey> Keys(ref Utf8JsonReader r)
        {
            var keys = new List<KalshiApiKey>();
            DateTime? region = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return keys; }
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "api_keys": keys = r.Objects(Key) ?? keys; break;
                    case "api_key_region_expiration_ts": region = r.Time(); break;
                    default: r.Skip(); break;
                }
            foreach (var k in keys) k.RegionAttestationExpires = region;
            return keys;
        }

        public static KalshiApiKey Key(ref Utf8JsonReader r)
        {
            var k = new KalshiApiKey();
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "api_key_id": k.ApiKeyId = r.Str(); break;
                    case "name": k.Name = r.Str(); break;
                    case "scopes": k.Scopes = r.List((ref Utf8JsonReader x) => ScopeName(x.Str()))?.Where(s => s != null).ToArray(); break;
                    case "subaccount": k.Subaccount = (int?)r.Long(); break;
                    case "fcm_subtrader_id": k.FcmSubtraderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    default: r.Skip(); break;
                }
            return k;
        }

        private static string ScopeName(string wire) => wire == null ? null : Scopes.TryGetValue(wire, out var s) ? s.ToString() : wire;

        /// <summary>POST /api_keys answer: {api_key_id, warning}.</summary>
        public static GeneratedApiKey Created(ref Utf8JsonReader r)
        {
            var g = new GeneratedApiKey();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return g; }
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "api_key_id": g.ApiKeyId = r.Str(); break;
                    case "private_key": g.PrivateKey = new PrivateKeyText(r.Str()); break;
                    case "warning": g.Warning = MarketDataWire.NullIfEmpty(r.Str()); break;
                    default: r.Skip(); break;
                }
            return g;
        }

        public static string Create(string name, string publicKeyPem, KalshiApiKeyScope[] scopes, int? subaccount) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            if (publicKeyPem != null) w.WriteString("public_key", publicKeyPem);
            if (scopes != null && scopes.Length > 0)
            {
                w.WriteStartArray("scopes");
                foreach (var s in scopes.Distinct()) w.WriteStringValue(Scope(s));
                w.WriteEndArray();
            }
            if (subaccount.HasValue) w.WriteNumber("subaccount", subaccount.Value);
            w.WriteEndObject();
        });
    }
}
