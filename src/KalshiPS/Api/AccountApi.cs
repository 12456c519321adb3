using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
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

    /// <summary>GET /account/limits and GET /account/endpoint_costs.</summary>
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
    }
}
