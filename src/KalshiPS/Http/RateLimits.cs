using System;

namespace KalshiPS.Http
{
    /// <summary>Kalshi's API usage tiers (token budgets per second for reads and writes).</summary>
    public enum KalshiTier { Basic, Advanced, Premier, Paragon, Prime }

    /// <summary>Tier budgets and per-endpoint token costs, from Kalshi's rate-limit page.</summary>
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

        /// <summary>Order entry and cancels spend the write budget; everything else is a read.</summary>
        public static bool IsWrite(string method, string relativePath) =>
            method != "GET" && (relativePath.StartsWith("/portfolio/events/orders", StringComparison.Ordinal)
                                || relativePath.StartsWith("/portfolio/orders", StringComparison.Ordinal)
                                || relativePath.StartsWith("/portfolio/order_groups", StringComparison.Ordinal));

        public static int Cost(string method, string relativePath)
        {
            if (method == "DELETE" && relativePath.StartsWith("/portfolio/events/orders", StringComparison.Ordinal)) return CancelCost;
            if (method == "GET" && relativePath.StartsWith("/portfolio/orders/", StringComparison.Ordinal) && relativePath.IndexOf('/', "/portfolio/orders/".Length) < 0) return 2;
            return DefaultCost;
        }
    }

    /// <summary>The read and write buckets of one session.</summary>
    internal sealed class RateLimiter
    {
        public RateLimiter(double readPerSecond, double writePerSecond, TimeProvider time)
        {
            // Kalshi's read bucket holds one second of budget, the write bucket two.
            Read = new TokenBucket(readPerSecond, readPerSecond, time);
            Write = new TokenBucket(writePerSecond, writePerSecond * 2, time);
        }

        public TokenBucket Read { get; }
        public TokenBucket Write { get; }

        public TokenBucket For(string method, string relativePath) => RateLimits.IsWrite(method, relativePath) ? Write : Read;
    }
}
