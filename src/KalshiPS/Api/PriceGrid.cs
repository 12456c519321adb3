using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>
    /// The prices a market accepts: Kalshi's price_ranges [{start,end,step}]. A price is valid when it lies in a range
    /// and is a whole number of steps from that range's start. Without ranges, the legacy 1-cent grid applies.
    /// </summary>
    internal sealed class PriceGrid
    {
        public static readonly PriceGrid Cent = new PriceGrid(new[] { new PriceRange(0m, 1m, 0.01m) });

        private PriceGrid(IReadOnlyList<PriceRange> ranges) { Ranges = ranges; }

        public IReadOnlyList<PriceRange> Ranges { get; }

        public static PriceGrid From(JsonElement market)
        {
            var ranges = market.Arr("price_ranges");
            var list = new List<PriceRange>();
            if (ranges != null)
                foreach (var r in ranges.Value.EnumerateArray())
                {
                    var start = r.Dec("start"); var end = r.Dec("end"); var step = r.Dec("step");
                    if (start.HasValue && end.HasValue && step.HasValue && step > 0) list.Add(new PriceRange(start.Value, end.Value, step.Value));
                }
            return list.Count > 0 ? new PriceGrid(list) : ForStructure(market.Str("price_level_structure"));
        }

        /// <summary>The documented grid of a price_level_structure, for a market that names one but sends no ranges.</summary>
        private static PriceGrid ForStructure(string structure)
        {
            switch (structure)
            {
                case "deci_cent": return new PriceGrid(new[] { new PriceRange(0m, 1m, 0.001m) });
                case "tapered_deci_cent":
                    return new PriceGrid(new[] { new PriceRange(0m, 0.1m, 0.001m), new PriceRange(0.1m, 0.9m, 0.01m), new PriceRange(0.9m, 1m, 0.001m) });
                default: return Cent;
            }
        }

        /// <summary>Strictly between 0 and 1 and on a step of some range.</summary>
        public bool Accepts(decimal price) =>
            price > 0m && price < 1m && Ranges.Any(r => price >= r.Start && price <= r.End && (price - r.Start) % r.Step == 0m);

        /// <summary>The valid prices closest below and above a rejected one, for the error message.</summary>
        public (decimal? Below, decimal? Above) Neighbours(decimal price)
        {
            decimal? below = null, above = null;
            foreach (var r in Ranges)
            {
                if (price < r.Start || price > r.End) continue;
                var steps = Math.Floor((price - r.Start) / r.Step);
                var lo = r.Start + steps * r.Step;
                var hi = lo + r.Step;
                if (lo > 0m && (below == null || lo > below)) below = lo;
                if (hi <= r.End && hi < 1m && (above == null || hi < above)) above = hi;
            }
            return (below, above);
        }

        public override string ToString() => string.Join(";", Ranges.Select(r => r.ToString()));
    }

    internal readonly struct PriceRange
    {
        public PriceRange(decimal start, decimal end, decimal step) { Start = start; End = end; Step = step; }
        public decimal Start { get; }
        public decimal End { get; }
        public decimal Step { get; }
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0:0.00##}-{1:0.00##}:{2:0.00##}", Start, End, Step);
    }
}
