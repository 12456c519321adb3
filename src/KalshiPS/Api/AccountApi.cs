using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>The account's own rate-limit budget as the exchange states it.</summary>
    internal sealed class AccountLimits
    {
        public AccountLimits(string usageTier, BucketBudget read, BucketBudget write) { UsageTier = usageTier; Read = read; Write = write; }
        public string UsageTier { get; }
        public BucketBudget Read { get; }
        public BucketBudget Write { get; }
    }

    /// <summary>/account/*: limits and endpoint costs (the session's budget and Get-KalshiAccountLimit), API usage level.</summary>
    internal sealed class AccountApi
    {
        private readonly KalshiSession _session;
        public AccountApi(KalshiSession session) { _session = session; }

        /// <summary>The account's buckets, or null when the answer has no usable budget.</summary>
        public Task<AccountLimits> GetLimitsAsync(CancellationToken ct) =>
            _session.Http.SendAsync(new KalshiRequest("GET", "/account/limits"), AccountWire.Limits, ct);

        /// <summary>The exchange's cost table, or null when the answer has no default cost.</summary>
        public Task<EndpointCosts> GetEndpointCostsAsync(CancellationToken ct) =>
            _session.Http.SendAsync(new KalshiRequest("GET", "/account/endpoint_costs"), AccountWire.Costs, ct);

        /// <summary>Both answers in one object: the budget, the grants and the cost table.</summary>
        public async Task<KalshiAccountLimit> GetAccountLimitAsync(CancellationToken ct)
        {
            var limit = await _session.Http.SendAsync(new KalshiRequest("GET", "/account/limits"), AccountWire.Limit, ct).ConfigureAwait(false) ?? new KalshiAccountLimit();
            await _session.Http.SendAsync(new KalshiRequest("GET", "/account/endpoint_costs"), (ref Utf8JsonReader r) => AccountWire.CostsInto(ref r, limit), ct).ConfigureAwait(false);
            return limit;
        }

        public async Task<List<KalshiApiUsage>> GetVolumeProgressAsync(CancellationToken ct) =>
            await _session.Http.SendAsync(new KalshiRequest("GET", "/account/api_usage_level/volume_progress"),
                (ref Utf8JsonReader r) => r.Field("volume_progress", AccountWire.VolumeProgress), ct).ConfigureAwait(false) ?? new List<KalshiApiUsage>();

        /// <summary>
        /// POST /account/api_usage_level/upgrade (the permanent Advanced grant). Granting twice changes nothing, so the
        /// pipeline may repeat it; an unclear end is settled by reading the grants (returned then; null after a clear success).
        /// </summary>
        public async Task<KalshiAccountLimit> UpgradeAsync(CancellationToken ct)
        {
            var request = new KalshiRequest("POST", "/account/api_usage_level/upgrade") { JsonBody = "{}", RetrySafe = true };
            try { await _session.Http.SendAsync(request, (ref Utf8JsonReader r) => { r.Skip(); return true; }, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                var w = new UnsettledWrite(0, e, "granted", "the Advanced API usage level", null, null, "Get-KalshiAccountLimit");
                KalshiAccountLimit after;
                try { after = await GetAccountLimitAsync(ct).ConfigureAwait(false); }
                catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
                if (!HasAdvanced(after)) throw WriteOutcomes.NotDone(w, "the account shows no Advanced grant");
                return after;
            }
            return null;
        }

        private static bool HasAdvanced(KalshiAccountLimit l)
        {
            foreach (var g in l.Grants) if (g.Level == "Advanced") return true;
            return false;
        }
    }
}
