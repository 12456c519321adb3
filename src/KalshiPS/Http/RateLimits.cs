using System;
using System.Threading;
using KalshiPS.Models;

namespace KalshiPS.Http
{
    /// <summary>Tier budgets and the default per-endpoint token costs, from Kalshi's rate-limit page.</summary>
    internal static class RateLimits
    {
        public const int DefaultCost = 10;
        public const int CancelCost = 2;

        public static (int Read, int Write) Budget(KalshiTier tier)
        {
            switch (tier)
            {
                case KalshiTier.Advanced: return (300, 300);
                case KalshiTier.Premier: return (1000, 1000);
                case KalshiTier.Paragon: return (2000, 2000);
                case KalshiTier.Prime: return (4000, 4000);
                default: return (200, 100);
            }
        }

        /// <summary>Order entry, cancels and the RFQ flow spend the write budget; everything else is a read.</summary>
        public static bool IsWrite(string method, string relativePath) =>
            method != "GET" && (relativePath.StartsWith("/portfolio/events/orders", StringComparison.Ordinal)
                                || relativePath.StartsWith("/portfolio/orders", StringComparison.Ordinal)
                                || relativePath.StartsWith("/portfolio/order_groups", StringComparison.Ordinal)
                                || relativePath.StartsWith("/communications/", StringComparison.Ordinal)); // the RFQ and quote flow

        /// <summary>The published cost of one call (one item of a batch) when the exchange's own table is not known.</summary>
        public static int Cost(string method, string relativePath) => EndpointCosts.Published.Cost(method, relativePath);
    }

    /// <summary>One bucket of a budget: tokens added per second and the most it holds.</summary>
    internal struct BucketBudget
    {
        public BucketBudget(double refillPerSecond, double capacity) { RefillPerSecond = refillPerSecond; Capacity = capacity; }
        public double RefillPerSecond { get; }
        public double Capacity { get; }
    }

    /// <summary>
    /// The read and write buckets of one session, and the cost table that prices each request. Both can be replaced
    /// once the exchange has told the session its real budget (GET /account/limits, /account/endpoint_costs).
    /// </summary>
    internal sealed class RateLimiter
    {
        private readonly TimeProvider _time;
        private TokenBucket _read, _write;
        private EndpointCosts _costs = EndpointCosts.Published;

        // Kalshi's read bucket holds one second of budget, the write bucket two.
        public RateLimiter(double readPerSecond, double writePerSecond, TimeProvider time)
            : this(new BucketBudget(readPerSecond, readPerSecond), new BucketBudget(writePerSecond, writePerSecond * 2), time) { }

        public RateLimiter(BucketBudget read, BucketBudget write, TimeProvider time)
        {
            _time = time;
            Configure(read, write);
        }

        public TokenBucket Read => Volatile.Read(ref _read);
        public TokenBucket Write => Volatile.Read(ref _write);
        public EndpointCosts Costs { get => Volatile.Read(ref _costs); set => Volatile.Write(ref _costs, value ?? EndpointCosts.Published); }

        public void Configure(BucketBudget read, BucketBudget write)
        {
            Volatile.Write(ref _read, new TokenBucket(read.RefillPerSecond, read.Capacity, _time));
            Volatile.Write(ref _write, new TokenBucket(write.RefillPerSecond, write.Capacity, _time));
        }

        public TokenBucket For(string method, string relativePath) => RateLimits.IsWrite(method, relativePath) ? Write : Read;

        /// <summary>Tokens one attempt of the request spends: its endpoint's cost per item.</summary>
        public double CostOf(KalshiRequest request) =>
            request.TokenCost ?? (double)Costs.Cost(request.Method, request.Path) * Math.Max(1, request.Items);

        /// <summary>
        /// How many items of a batch fit in one request so that it can ever pass the bucket (a batch of 20 creates
        /// costs 200 tokens; a 100-token bucket never holds that), at most <paramref name="max"/>.
        /// </summary>
        public int ItemsThatFit(string method, string relativePath, int max)
        {
            var perItem = Math.Max(1, Costs.Cost(method, relativePath));
            var fit = (int)Math.Floor(For(method, relativePath).Capacity / perItem);
            return Math.Max(1, Math.Min(max, fit));
        }
    }
}
