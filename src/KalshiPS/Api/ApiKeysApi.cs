using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>
    /// /api_keys. Creating and generating are never repeated (each attempt would make a key); an unclear answer is
    /// settled by comparing the key list with the one read before the request.
    /// </summary>
    internal sealed class ApiKeysApi
    {
        private const string Keys = "/api_keys";
        private readonly KalshiSession _session;
        public ApiKeysApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;

        public Task<List<KalshiApiKey>> ListAsync(string fcmSubtraderId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", Keys).With("fcm_subtrader_id", fcmSubtraderId), ApiKeysWire.Keys, ct);

        /// <summary>POST /api_keys (a public key you hold) or /api_keys/generate (publicKeyPem null: Kalshi makes the pair).</summary>
        public async Task<GeneratedApiKey> CreateAsync(string name, string publicKeyPem, KalshiApiKeyScope[] scopes, int? subaccount, CancellationToken ct)
        {
            var before = new HashSet<string>((await ListAsync(null, ct).ConfigureAwait(false) ?? new List<KalshiApiKey>()).Select(k => k.ApiKeyId), StringComparer.Ordinal);
            bool generate = publicKeyPem == null;
            var request = new KalshiRequest("POST", generate ? Keys + "/generate" : Keys) { JsonBody = ApiKeysWire.Create(name, publicKeyPem, scopes, subaccount) };
            var what = new WriteSubject(generate ? "generated" : "created", $"API key '{name}'", "Get-KalshiApiKey");
            return await SingleWrite.SendAsync(_session, request, ApiKeysWire.Created, what, async c =>
            {
                var added = (await ListAsync(null, c).ConfigureAwait(false) ?? new List<KalshiApiKey>()).Where(k => !before.Contains(k.ApiKeyId) && k.Name == name).ToList();
                if (added.Count == 0) return WriteCheck<GeneratedApiKey>.DidNotHappen($"no new API key named '{name}' exists");
                if (added.Count > 1) return WriteCheck<GeneratedApiKey>.CannotTell();
                return WriteCheck<GeneratedApiKey>.Happened(new GeneratedApiKey { ApiKeyId = added[0].ApiKeyId }); // a generated key's private half is lost
            }, ct).ConfigureAwait(false);
        }

        public Task<bool> DeleteAsync(string apiKeyId, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", ApiPath.Of(Keys + "/{0}", SegmentKind.ApiKeyId, apiKeyId, "ApiKeyId")) { RetrySafe = true };
            return SingleWrite.SendAsync(_session, request, SingleWrite.Ignore, new WriteSubject("deleted", "API key " + apiKeyId, "Get-KalshiApiKey", apiKeyId),
                async c => (await ListAsync(null, c).ConfigureAwait(false) ?? new List<KalshiApiKey>()).Any(k => k.ApiKeyId == apiKeyId)
                    ? WriteCheck<bool>.DidNotHappen($"API key {apiKeyId} still exists") : WriteCheck<bool>.Happened(true), ct);
        }
    }
}
