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
        public static AccountLimits Limits(ref Utf8JsonReader r)
        {
            string tier = null;
            RateAndCapacity read = null, write = null;
            decimal? readLimit = null, writeLimit = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "usage_tier": tier = r.Str(); break;
                    case "read": read = r.Object(Bucket); break;
                    case "write": write = r.Object(Bucket); break;
                    case "read_limit": readLimit = r.Dec(); break;
                    case "write_limit": writeLimit = r.Dec(); break;
                    default: r.Skip(); break;
                }
            var readBudget = Budget(read, readLimit, 1);
            var writeBudget = Budget(write, writeLimit, 2);
            if (readBudget == null || writeBudget == null) return null;
            return new AccountLimits(tier, readBudget.Value, writeBudget.Value);
        }

        private sealed class RateAndCapacity { public decimal? Rate, Capacity; }

        private static RateAndCapacity Bucket(ref Utf8JsonReader r)
        {
            var b = new RateAndCapacity();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "refill_rate": b.Rate = r.Dec(); break;
                    case "bucket_capacity": b.Capacity = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return b;
        }

        private static BucketBudget? Budget(RateAndCapacity bucket, decimal? legacyRate, int secondsHeld)
        {
            var rate = bucket?.Rate ?? legacyRate;
            if (!rate.HasValue || rate.Value <= 0) return null;
            var capacity = bucket?.Capacity;
            return new BucketBudget((double)rate.Value, capacity.HasValue && capacity.Value > 0 ? (double)capacity.Value : (double)rate.Value * secondsHeld);
        }

        private sealed class CostEntry { public string Method, Path; public long? Cost; }

        /// <summary>{default_cost, endpoint_costs:[{method, path, cost}]}; null when the default cost is missing.</summary>
        public static EndpointCosts Costs(ref Utf8JsonReader r)
        {
            long? def = null;
            System.Collections.Generic.List<CostEntry> entries = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "default_cost": def = r.Long(); break;
                    case "endpoint_costs": entries = r.Objects(Cost); break;
                    default: r.Skip(); break;
                }
            if (!def.HasValue || def.Value <= 0) return null;
            var costs = new EndpointCosts((int)def.Value);
            foreach (var e in entries ?? new System.Collections.Generic.List<CostEntry>())
                if (e.Cost.HasValue) costs.Add(e.Method, e.Path, (int)e.Cost.Value);
            return costs;
        }

        private static CostEntry Cost(ref Utf8JsonReader r)
        {
            var e = new CostEntry();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "method": e.Method = r.Str(); break;
                    case "path": e.Path = r.Str(); break;
                    case "cost": e.Cost = r.Long(); break;
                    default: r.Skip(); break;
                }
            return e;
        }
    }
}
