using System;
using BenchmarkDotNet.Attributes;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Benchmarks
{
    /// <summary>
    /// The local order book behind Watch-KalshiOrderbook: a 100-level book (50 Yes bids, 50 No bids on a 0.001 grid)
    /// takes 100k orderbook_delta messages, and is published as a depth-10 KalshiOrderbook.
    /// </summary>
    [MemoryDiagnoser]
    public class OrderBookBenchmarks
    {
        private const int LevelsPerSide = 50;
        private const int Deltas = 100_000;
        private const string Ticker = "KXBENCH-26MAY01-B45";
        private static readonly DateTime Ts = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        private KalshiPriceLevel[] _yes, _no;
        private string[] _side;
        private decimal[] _price, _delta;
        private LocalOrderBook _full;

        [GlobalSetup]
        public void Setup()
        {
            _yes = Levels(0.400m);   // Yes bids 0.400..0.449
            _no = Levels(0.500m);    // No bids 0.500..0.549, i.e. Yes asks 0.451..0.500: never crossed
            var size = new decimal[2, LevelsPerSide];
            for (int l = 0; l < LevelsPerSide; l++) { size[0, l] = _yes[l].Size; size[1, l] = _no[l].Size; }

            // Replay a plausible stream against the same starting book: mostly small adds/cancels, about 1 in 20 clears
            // a level (removal), and a delta on an empty level re-creates it.
            var rng = new Random(42);
            _side = new string[Deltas]; _price = new decimal[Deltas]; _delta = new decimal[Deltas];
            for (int i = 0; i < Deltas; i++)
            {
                int s = rng.Next(2), l = rng.Next(LevelsPerSide);
                decimal current = size[s, l];
                decimal d = current > 0 && rng.Next(20) == 0 ? -current : rng.Next(1, 200) * (current > 100 && rng.Next(2) == 0 ? -1m : 1m);
                size[s, l] = Math.Max(0, current + d);
                _side[i] = s == 0 ? "yes" : "no";
                _price[i] = (s == 0 ? 0.400m : 0.500m) + l * 0.001m;
                _delta[i] = d;
            }

            _full = NewBook();
            if (_full.ToOrderbook(10).YesBids.Count != 10) throw new InvalidOperationException("The setup book is not 100 levels.");
        }

        private static KalshiPriceLevel[] Levels(decimal from)
        {
            var levels = new KalshiPriceLevel[LevelsPerSide];
            for (int l = 0; l < LevelsPerSide; l++) levels[l] = new KalshiPriceLevel(from + l * 0.001m, 100m + 10m * l);
            return levels;
        }

        private LocalOrderBook NewBook()
        {
            var book = new LocalOrderBook(Ticker);
            book.ApplySnapshot(_yes, _no, 1, Ts);
            return book;
        }

        /// <summary>100k deltas into one book (includes the initial 100-level snapshot, which is noise next to them).</summary>
        [Benchmark]
        public long? Apply100kDeltas()
        {
            var book = NewBook();
            for (int i = 0; i < Deltas; i++) book.ApplyDelta(_side[i], _price[i], _delta[i], i + 2, Ts);
            return book.Sequence;
        }

        /// <summary>Publishing the 100-level book as a depth-10 KalshiOrderbook.</summary>
        [Benchmark]
        public KalshiOrderbook SnapshotDepth10() => _full.ToOrderbook(10);

        /// <summary>
        /// What Watch-KalshiOrderbook really does per message: OrderbookTracker checks seq, applies the delta and
        /// publishes a depth-10 book, 100k times.
        /// </summary>
        [Benchmark]
        public KalshiOrderbook Track100kDeltasPublishingEach()
        {
            var tracker = new OrderbookTracker(new[] { Ticker }, depth: 10);
            tracker.OnSnapshot(Ticker, 1, _yes, _no, Ts);
            BookUpdate last = default;
            for (int i = 0; i < Deltas; i++) last = tracker.OnDelta(Ticker, i + 2, _side[i], _price[i], _delta[i], Ts);
            return last.Book;
        }
    }
}
