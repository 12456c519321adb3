using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>/account/*: limits, endpoint costs, API usage level volume progress (current and older shapes).</summary>
    internal static class AccountWire
    {
        /// <summary>
        /// {usage_tier, read:{refill_rate, bucket_capacity}, write:{...}, grants:[...]} or the older
        /// {usage_tier, read_limit, write_limit} (rates only; capacities null).
        /// </summary>
        public static KalshiAccountLimit Limit(ref Utf8JsonReader r)
        {
            var l = new KalshiAccountLimit();
            RateAndCapacity read = null, write = null;
            decimal? readLimit = null, writeLimit = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "usage_tier": l.UsageTier = r.Str(); break;
                    case "read": read = r.Object(Bucket); break;
                    case "write": write = r.Object(Bucket); break;
                    case "read_limit": readLimit = r.Dec(); break;
                    case "write_limit": writeLimit = r.Dec(); break;
                    case "grants": l.Grants = (r.Objects(Grant) ?? new List<KalshiApiUsageGrant>()).ToArray(); break;
                    default: r.Skip(); break;
                }
            l.ReadRate = read?.Rate ?? readLimit;
            l.ReadCapacity = read?.Capacity;
            l.WriteRate = write?.Rate ?? writeLimit;
            l.WriteCapacity = write?.Capacity;
            return l;
        }

        /// <summary>The budget the session's buckets take from the limits; null when either bucket is unreadable.</summary>
        public static AccountLimits Limits(ref Utf8JsonReader r) => Budgets(Limit(ref r));

        public static AccountLimits Budgets(KalshiAccountLimit l)
        {
            var readBudget = Budget(l.ReadRate, l.ReadCapacity, 1);
            var writeBudget = Budget(l.WriteRate, l.WriteCapacity, 2);
            if (readBudget == null || writeBudget == null) return null;
            return new AccountLimits(l.UsageTier?.ToLowerInvariant(), readBudget.Value, writeBudget.Value);
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

        private static KalshiApiUsageGrant Grant(ref Utf8JsonReader r)
        {
            var g = new KalshiApiUsageGrant();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "level": g.Level = r.Str(); break;
                    case "exchange_instance": g.ExchangeInstance = r.Str(); break;
                    case "source": g.Source = r.Str(); break;
                    case "expires_ts": g.ExpiresTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return g;
        }

        // Kalshi's read bucket holds one second of budget, the write bucket two, when the answer gives no capacity.
        private static BucketBudget? Budget(decimal? rate, decimal? capacity, int secondsHeld)
        {
            if (!rate.HasValue || rate.Value <= 0) return null;
            return new BucketBudget((double)rate.Value, capacity.HasValue && capacity.Value > 0 ? (double)capacity.Value : (double)rate.Value * secondsHeld);
        }

        /// <summary>{default_cost, endpoint_costs:[{method, path, cost}]} into the model's two properties.</summary>
        public static KalshiAccountLimit CostsInto(ref Utf8JsonReader r, KalshiAccountLimit l)
        {
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "default_cost": l.DefaultCost = r.Long(); break;
                    case "endpoint_costs": l.EndpointCosts = (r.Objects(Cost) ?? new List<KalshiEndpointCost>()).ToArray(); break;
                    default: r.Skip(); break;
                }
            return l;
        }

        /// <summary>The session's cost table from the answer; null when the default cost is missing.</summary>
        public static EndpointCosts Costs(ref Utf8JsonReader r) => CostTable(CostsInto(ref r, new KalshiAccountLimit()));

        public static EndpointCosts CostTable(KalshiAccountLimit l)
        {
            if (!l.DefaultCost.HasValue || l.DefaultCost.Value <= 0) return null;
            var costs = new EndpointCosts((int)l.DefaultCost.Value);
            foreach (var e in l.EndpointCosts)
                if (e.Cost.HasValue) costs.Add(e.Method, e.Path, (int)e.Cost.Value);
            return costs;
        }

        private static KalshiEndpointCost Cost(ref Utf8JsonReader r)
        {
            var e = new KalshiEndpointCost();
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

        /// <summary>One volume_progress item: {computed_ts, trailing_30d_volume_fp, goals:[{level, earn_volume_goal_fp, keep_volume_goal_fp}]}.</summary>
        public static KalshiApiUsage VolumeProgress(ref Utf8JsonReader r)
        {
            var u = new KalshiApiUsage();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "computed_ts": u.ComputedTime = r.Time(); break;
                    case "trailing_30d_volume_fp": u.TrailingVolume = r.Dec(); break;
                    case "goals": u.Goals = (r.Objects(Goal) ?? new List<KalshiApiVolumeGoal>()).ToArray(); break;
                    default: r.Skip(); break;
                }
            return u;
        }

        private static KalshiApiVolumeGoal Goal(ref Utf8JsonReader r)
        {
            var g = new KalshiApiVolumeGoal();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "level": g.Level = r.Str(); break;
                    case "earn_volume_goal_fp": g.EarnVolume = r.Dec(); break;
                    case "keep_volume_goal_fp": g.KeepVolume = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return g;
        }
    }
}
