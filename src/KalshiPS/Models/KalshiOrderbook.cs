using System;
using System.Linq;

namespace KalshiPS.Models
{
    /// <summary>One price level: a price in dollars and the contracts resting there.</summary>
    public sealed class KalshiPriceLevel
    {
        public KalshiPriceLevel(decimal price, decimal size) { Price = price; Size = size; }
        public decimal Price { get; }
        public decimal Size { get; }
        public override string ToString() => $"{Price:0.00##} x {Size:0.##}";
    }

    /// <summary>
    /// An order book. Kalshi sends bids only (Yes bids and No bids); asks are derived: a No bid at q is a Yes ask at
    /// 1 - q. Bids are listed best first (highest price), asks best first (lowest price).
    /// </summary>
    public sealed class KalshiOrderbook
    {
        public string Ticker { get; set; }
        public KalshiPriceLevel[] YesBids { get; set; } = new KalshiPriceLevel[0];
        public KalshiPriceLevel[] NoBids { get; set; } = new KalshiPriceLevel[0];
        public KalshiPriceLevel[] YesAsks { get; set; } = new KalshiPriceLevel[0];
        public KalshiPriceLevel[] NoAsks { get; set; } = new KalshiPriceLevel[0];
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
            var book = new KalshiOrderbook
            {
                Ticker = ticker,
                YesBids = yes,
                NoBids = no,
                YesAsks = no.Select(l => new KalshiPriceLevel(1m - l.Price, l.Size)).ToArray(),
                NoAsks = yes.Select(l => new KalshiPriceLevel(1m - l.Price, l.Size)).ToArray(),
            };
            if (yes.Length > 0) { book.BestYesBid = yes[0].Price; book.BestYesBidSize = yes[0].Size; book.BestNoAsk = 1m - yes[0].Price; }
            if (no.Length > 0) { book.BestNoBid = no[0].Price; book.BestYesAsk = 1m - no[0].Price; book.BestYesAskSize = no[0].Size; }
            if (book.BestYesBid.HasValue && book.BestYesAsk.HasValue) book.Spread = book.BestYesAsk - book.BestYesBid;
            return book;
        }

        public override string ToString() => $"{Ticker} {BestYesBid:0.00##}/{BestYesAsk:0.00##}";
    }
}
