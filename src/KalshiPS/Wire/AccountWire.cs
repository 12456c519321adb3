using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;

namespace KalshiPS.Wire
{
    /// <summary>GET /account/limits and GET /account/endpoint_costs, by field name (current and older shapes).</summary>
    internal static class AccountWire
    {
        /// <summary>
        /// {usage_tier, read:{refill_rate, bucket_capacity}, write:{...}} or the older {usage_tier, read_limit, write_limit};
        /// null when neither bucket is readable.
        /// </summary>
        public static AccountLimits Limits(JsonElement r)
        {
            var read = Bucket(r.Obj("read"), r.Dec("read_limit"), 1);
            var write = Bucket(r.Obj("write"), r.Dec("write_limit"), 2);
            if (read == null || write == null) return null;
            return new AccountLimits(r.Str("usage_tier"), read.Value, write.Value);
        }

        private static BucketBudget? Bucket(JsonElement? bucket, decimal? legacyRate, int secondsHeld)
        {
            var rate = bucket?.Dec("refill_rate") ?? legacyRate;
            if (!rate.HasValue || rate.Value <= 0) return null;
            var capacity = bucket?.Dec("bucket_capacity");
            return new BucketBudget((double)rate.Value, capacity.HasValue && capacity.Value > 0 ? (double)capacity.Value : (double)rate.Value * secondsHeld);
        }

        /// <summary>{default_cost, endpoint_costs:[{method, path, cost}]}; null when the default cost is missing.</summary>
        public static EndpointCosts Costs(JsonElement r)
        {
            var def = r.Long("default_cost");
            if (!def.HasValue || def.Value <= 0) return null;
            var costs = new EndpointCosts((int)def.Value);
            var list = r.Arr("endpoint_costs");
            if (list != null)
                foreach (var e in list.Value.EnumerateArray())
                {
                    var cost = e.Long("cost");
                    if (cost.HasValue) costs.Add(e.Str("method"), e.Str("path"), (int)cost.Value);
                }
            return costs;
        }
    }
}
