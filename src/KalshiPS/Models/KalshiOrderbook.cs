using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace KalshiPS.Models
{
    /// <summary>One price level: a price in dollars and the contracts resting there.</summary>
    public sealed class KalshiPriceLevel
    {
        public KalshiPriceLevel(decimal price, decimal size) { Price = price; Size = size; }
        public decimal Price { get; }
        public decimal Size { get; }
        /// <summary>"0.56x10": price (2 to 4 decimals) x size, in the invariant culture, as Export-Csv and scripts see it.</summary>
        public override string ToString() =>
            Price.ToString("0.00##", CultureInfo.InvariantCulture) + "x" + Size.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// One price level as a flat row (Get-KalshiOrderbook -AsLevel): Kalshi's bids, Yes and No, best first. A No bid at
    /// q is a Yes ask at 1 - q, so these rows are the whole book without double counting.
    /// </summary>
    public sealed class KalshiOrderbookLevel
    {
        public string Ticker { get; set; }
        /// <summary>Yes or No: the side whose bid this is.</summary>
        public string Side { get; set; }
        /// <summary>1 for the best bid of the side, 2 for the next, ...</summary>
        public int Level { get; set; }
        public decimal Price { get; set; }
        public decimal Size { get; set; }
        /// <summary>The other side's ask this bid makes (1 - Price).</summary>
        public decimal OppositeAsk => 1m - Price;
        public DateTime? Timestamp { get; set; }
        public override string ToString() => $"{Ticker} {Side} {Level}: {Price.ToString("0.00##", CultureInfo.InvariantCulture)}x{Size.ToString("0.##", CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// An order book. Kalshi sends bids only (Yes bids and No bids); asks are derived: a No bid at q is a Yes ask at
    /// 1 - q. Bids are listed best first (highest price), asks best first (lowest price).
    /// </summary>
    public sealed class KalshiOrderbook
    {
        public string Ticker { get; set; }
        // Lists, not arrays: each prints as "0.56x10; 0.55x3" in Export-Csv; -AsLevel gives one row per level instead.
        public KalshiList<KalshiPriceLevel> YesBids { get; set; } = new KalshiPriceLevel[0];
        public KalshiList<KalshiPriceLevel> NoBids { get; set; } = new KalshiPriceLevel[0];
        public KalshiList<KalshiPriceLevel> YesAsks { get; set; } = new KalshiPriceLevel[0];
        public KalshiList<KalshiPriceLevel> NoAsks { get; set; } = new KalshiPriceLevel[0];
        public decimal? BestYesBid { get; set; }
        public decimal? BestYesBidSize { get; set; }
        public decimal? BestYesAsk { get; set; }
        public decimal? BestYesAskSize { get; set; }
        public decimal? BestNoBid { get; set; }
        public decimal? BestNoAsk { get; set; }
        public decimal? Spread { get; set; }
        /// <summary>Stream sequence number of the last applied message (Watch-KalshiOrderbook only).</summary>
        public long? Sequence { get; set; }
        /// <summary>When the book was read (REST) or last changed (stream), UTC.</summary>
        public DateTime? Timestamp { get; set; }

        /// <summary>Builds the derived fields from bids given best first; depth 0 keeps every level.</summary>
        public static KalshiOrderbook FromBids(string ticker, KalshiPriceLevel[] yesBidsBestFirst, KalshiPriceLevel[] noBidsBestFirst, int depth)
        {
            var yes = depth > 0 ? yesBidsBestFirst.Take(depth).ToArray() : yesBidsBestFirst;
            var no = depth > 0 ? noBidsBestFirst.Take(depth).ToArray() : noBidsBestFirst;
            return FromSides(ticker, yes, AsksOf(no), no, AsksOf(yes));
        }

        /// <summary>The asks a side's bids make on the other leg (1 - price, same size), index for index.</summary>
        internal static KalshiPriceLevel[] AsksOf(KalshiPriceLevel[] bidsBestFirst)
        {
            var asks = new KalshiPriceLevel[bidsBestFirst.Length];
            for (var i = 0; i < asks.Length; i++) asks[i] = new KalshiPriceLevel(1m - bidsBestFirst[i].Price, bidsBestFirst[i].Size);
            return asks;
        }

        /// <summary>
        /// A book from lists already built (the stream's local book reuses an unchanged side's lists between books;
        /// they are read-only, so sharing them is safe). <paramref name="yesAsks"/> come from the No bids.
        /// </summary>
        internal static KalshiOrderbook FromSides(string ticker, KalshiList<KalshiPriceLevel> yesBids, KalshiList<KalshiPriceLevel> yesAsks,
            KalshiList<KalshiPriceLevel> noBids, KalshiList<KalshiPriceLevel> noAsks)
        {
            var book = new KalshiOrderbook { Ticker = ticker, YesBids = yesBids, NoBids = noBids, YesAsks = yesAsks, NoAsks = noAsks };
            if (yesBids.Count > 0) { book.BestYesBid = yesBids[0].Price; book.BestYesBidSize = yesBids[0].Size; book.BestNoAsk = 1m - yesBids[0].Price; }
            if (noBids.Count > 0) { book.BestNoBid = noBids[0].Price; book.BestYesAsk = 1m - noBids[0].Price; book.BestYesAskSize = noBids[0].Size; }
            if (book.BestYesBid.HasValue && book.BestYesAsk.HasValue) book.Spread = book.BestYesAsk - book.BestYesBid;
            return book;
        }

        /// <summary>The bids as flat rows, Yes then No, best first.</summary>
        public IEnumerable<KalshiOrderbookLevel> Levels()
        {
            foreach (var (side, levels) in new[] { ("Yes", YesBids), ("No", NoBids) })
            {
                var rank = 0;
                foreach (var l in levels ?? new KalshiList<KalshiPriceLevel>(null))
                    yield return new KalshiOrderbookLevel { Ticker = Ticker, Side = side, Level = ++rank, Price = l.Price, Size = l.Size, Timestamp = Timestamp };
            }
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1:0.00##}/{2:0.00##}", Ticker, BestYesBid, BestYesAsk);
    }
}
