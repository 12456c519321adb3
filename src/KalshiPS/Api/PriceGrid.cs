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

        /// <summary>The grid of a market object (see MarketDataWire.Market, which reads it).</summary>
        public static PriceGrid From(JsonElement market) =>
            WireReader.Read(market, (ref Utf8JsonReader r) => { MarketDataWire.Market(ref r, out var grid); return grid; });

        private const int KnownLimit = 32;

        /// <summary>
        /// The grid of a market's price_ranges (incomplete ones already dropped), else its structure's documented grid.
        /// Markets share a handful of grids (a listing mixes them), so a grid seen before is reused when equal: no
        /// per-market copies, and its text (KalshiMarket.PriceRanges) is built once.
        /// </summary>
        public static PriceGrid Of(List<PriceRange> ranges, string structure)
        {
            if (ranges == null || ranges.Count == 0) return ForStructure(structure);
            var known = System.Threading.Volatile.Read(ref _known);
            foreach (var g in known) if (Same(g.Ranges, ranges)) return g;
            var grid = new PriceGrid(ranges.ToArray()); // a copy: the caller's list is scratch
            if (known.Length < KnownLimit)
            {
                var more = new PriceGrid[known.Length + 1];
                Array.Copy(known, more, known.Length);
                more[known.Length] = grid;
                System.Threading.Interlocked.CompareExchange(ref _known, more, known); // a lost race only forgoes the reuse
            }
            return grid;
        }

        private static bool Same(IReadOnlyList<PriceRange> a, List<PriceRange> b)
        {
            if (a.Count != b.Count) return false;
            for (var i = 0; i < a.Count; i++)
                if (a[i].Start != b[i].Start || a[i].End != b[i].End || a[i].Step != b[i].Step) return false;
            return true;
        }

        private static readonly PriceGrid DeciCent = new PriceGrid(new[] { new PriceRange(0m, 1m, 0.001m) });
        private static readonly PriceGrid TaperedDeciCent =
            new PriceGrid(new[] { new PriceRange(0m, 0.1m, 0.001m), new PriceRange(0.1m, 0.9m, 0.01m), new PriceRange(0.9m, 1m, 0.001m) });
        // After the grids it lists (static fields initialize in textual order).
        private static PriceGrid[] _known = { Cent, DeciCent, TaperedDeciCent };

        /// <summary>The documented grid of a price_level_structure, for a market that names one but sends no ranges.</summary>
        private static PriceGrid ForStructure(string structure)
        {
            // Either spelling: the wire's (deci_cent) or a model's (DeciCent, KalshiMarket.PriceLevelStructure).
            switch (Models.Vocabulary.Name(structure))
            {
                case "DeciCent": return DeciCent;
                case "TaperedDeciCent": return TaperedDeciCent;
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

        private string _text;
        public override string ToString() => _text ?? (_text = string.Join(";", Ranges.Select(r => r.ToString())));
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
