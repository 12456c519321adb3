using System;
using System.Collections.Generic;
using System.Linq;
using KalshiPS.Models;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// One market's book as Kalshi streams it: Yes bids and No bids (each keyed by its own leg's price), sizes as decimal.
    /// Asks are derived when the book is published (<see cref="KalshiOrderbook.FromBids"/>).
    /// </summary>
    internal sealed class LocalOrderBook
    {
        private readonly SortedDictionary<decimal, decimal> _yes = new SortedDictionary<decimal, decimal>();
        private readonly SortedDictionary<decimal, decimal> _no = new SortedDictionary<decimal, decimal>();
        // The receive thread applies; the consumer materializes a pending publication (see PendingBook): one lock.
        private readonly object _gate = new object();
        private readonly int _depth;
        private KalshiOrderbook _lastValid;
        // Each side's published lists, rebuilt only after that side changed (a delta changes one side; the consumer
        // builds a book per take), reusing the level objects of unchanged levels: a flood then allocates a few objects
        // per book instead of four per level.
        private PublishedSide _yesOut = PublishedSide.Empty, _noOut = PublishedSide.Empty;
        private bool _yesDirty = true, _noDirty = true;

        public LocalOrderBook(string ticker, int depth = 0)
        {
            Ticker = ticker;
            _depth = depth;
            Pending = new PendingBook(this);
        }

        /// <summary>This book's publication: what the outbox holds until the consumer takes it.</summary>
        public PendingBook Pending { get; }

        public string Ticker { get; }
        /// <summary>False until a snapshot arrives, and again after anything that makes the book untrustworthy.</summary>
        public bool IsValid { get; private set; }
        public long? Sequence { get; private set; }
        public DateTime? Timestamp { get; private set; }

        public void ApplySnapshot(IEnumerable<KalshiPriceLevel> yes, IEnumerable<KalshiPriceLevel> no, long? seq, DateTime ts)
        {
            lock (_gate) ApplySnapshotLocked(yes, no, seq, ts);
        }

        private void ApplySnapshotLocked(IEnumerable<KalshiPriceLevel> yes, IEnumerable<KalshiPriceLevel> no, long? seq, DateTime ts)
        {
            _yes.Clear(); _no.Clear();
            _yesDirty = _noDirty = true;
            foreach (var l in yes ?? Enumerable.Empty<KalshiPriceLevel>()) if (l.Size > 0) _yes[l.Price] = l.Size;
            foreach (var l in no ?? Enumerable.Empty<KalshiPriceLevel>()) if (l.Size > 0) _no[l.Price] = l.Size;
            IsValid = true;
            Sequence = seq;
            Timestamp = ts;
        }

        /// <summary>size += delta at the price on side "yes" or "no"; a level at or below zero is removed.</summary>
        public void ApplyDelta(string side, decimal price, decimal delta, long? seq, DateTime ts)
        {
            var levels = SideOf(side);
            lock (_gate) ApplyDeltaLocked(levels, price, delta, seq, ts);
        }

        private void ApplyDeltaLocked(SortedDictionary<decimal, decimal> levels, decimal price, decimal delta, long? seq, DateTime ts)
        {
            MarkDirty(levels);
            levels.TryGetValue(price, out var size);
            size += delta;
            if (size <= 0) levels.Remove(price); else levels[price] = size;
            Sequence = seq ?? Sequence;
            Timestamp = ts;
        }

        /// <summary>Sets the level at the price on side "yes" or "no" to an absolute size (FIX incrementals); zero removes it.</summary>
        public void SetLevel(string side, decimal price, decimal size, long? seq, DateTime ts)
        {
            var levels = SideOf(side);
            lock (_gate)
            {
                MarkDirty(levels);
                if (size <= 0) levels.Remove(price); else levels[price] = size;
                Sequence = seq ?? Sequence;
                Timestamp = ts;
            }
        }

        /// <summary>
        /// The book can no longer be trusted. Its last trusted state is kept for a publication still waiting in the
        /// outbox, so what the consumer gets is never a book known to be wrong.
        /// </summary>
        public void Invalidate()
        {
            lock (_gate)
            {
                if (IsValid) _lastValid = Build(_depth);
                IsValid = false;
            }
        }

        /// <summary>The current book when trusted, else the last trusted one (null if there never was one).</summary>
        public KalshiOrderbook Current()
        {
            lock (_gate) return IsValid ? Build(_depth) : _lastValid;
        }

        private void MarkDirty(SortedDictionary<decimal, decimal> levels)
        {
            if (levels == _yes) _yesDirty = true; else _noDirty = true;
        }

        private SortedDictionary<decimal, decimal> SideOf(string side)
        {
            if (string.Equals(side, "yes", StringComparison.OrdinalIgnoreCase)) return _yes;
            if (string.Equals(side, "no", StringComparison.OrdinalIgnoreCase)) return _no;
            throw new FormatException($"Unknown order book side '{side}'.");
        }

        /// <summary>The published form (same type as Get-KalshiOrderbook), depth 0 = every level.</summary>
        private static KalshiPriceLevel[] BestFirst(SortedDictionary<decimal, decimal> side, int depth)
        {
            var count = depth > 0 ? Math.Min(depth, side.Count) : side.Count;
            var levels = new KalshiPriceLevel[count];
            var skip = side.Count - count; // ascending order: the best levels are the last ones
            var i = 0;
            foreach (var kv in side)
            {
                if (skip-- > 0) continue;
                levels[count - 1 - i++] = new KalshiPriceLevel(kv.Key, kv.Value);
            }
            return levels;
        }

        public KalshiOrderbook ToOrderbook(int depth)
        {
            lock (_gate) return Build(depth);
        }

        private KalshiOrderbook Build(int depth)
        {
            if (depth == _depth)
            {
                if (_yesDirty) { _yesOut = PublishedSide.Rebuild(_yes, depth, _yesOut); _yesDirty = false; }
                if (_noDirty) { _noOut = PublishedSide.Rebuild(_no, depth, _noOut); _noDirty = false; }
                var published = KalshiOrderbook.FromSides(Ticker, _yesOut.BidList, _noOut.AskList, _noOut.BidList, _yesOut.AskList);
                published.Sequence = Sequence;
                published.Timestamp = Timestamp;
                return published;
            }
            // Only the emitted depth is materialized.
            var yes = BestFirst(_yes, depth);
            var no = BestFirst(_no, depth);
            var book = KalshiOrderbook.FromBids(Ticker, yes, no, depth);
            book.Sequence = Sequence;
            book.Timestamp = Timestamp;
            return book;
        }
    }

    /// <summary>One side as published: its bids best first and the asks they make on the other leg, index for index.</summary>
    internal sealed class PublishedSide
    {
        public static readonly PublishedSide Empty = new PublishedSide(new KalshiPriceLevel[0], new KalshiPriceLevel[0]);
        private readonly KalshiPriceLevel[] _bids, _asks;
        public KalshiList<KalshiPriceLevel> BidList { get; }
        public KalshiList<KalshiPriceLevel> AskList { get; }

        private PublishedSide(KalshiPriceLevel[] bids, KalshiPriceLevel[] asks)
        {
            _bids = bids;
            _asks = asks;
            BidList = new KalshiList<KalshiPriceLevel>(bids);
            AskList = new KalshiList<KalshiPriceLevel>(asks);
        }

        /// <summary>
        /// The best <paramref name="depth"/> levels (0 = all) of <paramref name="side"/>; a level whose price and size are
        /// unchanged since <paramref name="previous"/> keeps its objects (they are immutable, so books may share them).
        /// </summary>
        public static PublishedSide Rebuild(SortedDictionary<decimal, decimal> side, int depth, PublishedSide previous)
        {
            var count = depth > 0 ? Math.Min(depth, side.Count) : side.Count;
            var bids = new KalshiPriceLevel[count];
            var asks = new KalshiPriceLevel[count];
            var old = previous._bids;
            var j = old.Length - 1; // both walks go up in price: the dictionary ascending, the old best-first array from its end
            var skip = side.Count - count;
            var at = count;
            foreach (var kv in side)
            {
                if (skip-- > 0) continue;
                at--;
                while (j >= 0 && old[j].Price < kv.Key) j--;
                if (j >= 0 && old[j].Price == kv.Key && old[j].Size == kv.Value) { bids[at] = old[j]; asks[at] = previous._asks[j]; }
                else { bids[at] = new KalshiPriceLevel(kv.Key, kv.Value); asks[at] = new KalshiPriceLevel(1m - kv.Key, kv.Value); }
            }
            return new PublishedSide(bids, asks);
        }
    }

    /// <summary>
    /// A book's publication, materialized only when the consumer takes it: a coalescing outbox replaces it a thousand
    /// times for every time it is written, so building a KalshiOrderbook per delta would be almost all waste.
    /// </summary>
    internal sealed class PendingBook : IDeferredItem
    {
        private readonly LocalOrderBook _book;
        public PendingBook(LocalOrderBook book) { _book = book; }
        public string Ticker => _book.Ticker;
        public KalshiOrderbook Materialize() => _book.Current();
        object IDeferredItem.Materialize() => Materialize();
    }

    /// <summary>What the tracker made of one message.</summary>
    internal struct BookUpdate
    {
        /// <summary>The book after the message, when it was applied to a trusted book; null otherwise.</summary>
        public PendingBook Pending;
        /// <summary>The book as it is now (built on each read; the stream path publishes <see cref="Pending"/> instead).</summary>
        public KalshiOrderbook Book => Pending?.Materialize();
        /// <summary>Tickers that need a fresh snapshot (a gap was detected); null when none.</summary>
        public string[] Resync;
        /// <summary>Why a resync is needed, for the user.</summary>
        public string Reason;
    }

    /// <summary>
    /// The local books of one orderbook_delta subscription (one sid, several tickers). Pure logic, no I/O: feed it
    /// snapshots and deltas with their seq; it checks the sid's seq chain, applies what it can trust, and says when
    /// it needs snapshots. It never returns a book it knows is wrong: after a gap every book of the sid is invalid
    /// until its snapshot arrives.
    /// </summary>
    internal sealed class OrderbookTracker
    {
        private readonly Dictionary<string, LocalOrderBook> _books = new Dictionary<string, LocalOrderBook>(StringComparer.OrdinalIgnoreCase);
        private readonly SequenceTracker _seq = new SequenceTracker();
        private readonly int _depth;

        public OrderbookTracker(IEnumerable<string> tickers, int depth = 0)
        {
            foreach (var t in tickers) _books[t] = new LocalOrderBook(t, depth);
            _depth = depth;
        }

        public IEnumerable<string> Tickers => _books.Keys;
        public LocalOrderBook this[string ticker] => _books.TryGetValue(ticker, out var b) ? b : null;
        public IEnumerable<string> InvalidTickers => _books.Values.Where(b => !b.IsValid).Select(b => b.Ticker);

        /// <summary>Stops tracking a market (the server refused it): it is never resynced or emitted.</summary>
        public void Remove(string ticker) => _books.Remove(ticker);

        /// <summary>A new subscription (new sid) or a lost one: nothing is trusted until snapshots arrive.</summary>
        public void Reset()
        {
            _seq.Reset();
            foreach (var b in _books.Values) b.Invalidate();
        }

        public BookUpdate OnSnapshot(string ticker, long? seq, KalshiPriceLevel[] yes, KalshiPriceLevel[] no, DateTime ts)
        {
            var result = new BookUpdate();
            bool gap = seq.HasValue && _seq.IsGap(seq.Value);
            if (!_books.TryGetValue(ticker ?? "", out var book)) return result;
            if (gap) result = Gap(ticker, seq);
            book.ApplySnapshot(yes, no, seq, ts);
            result.Pending = book.Pending;
            return result;
        }

        public BookUpdate OnDelta(string ticker, long? seq, string side, decimal price, decimal delta, DateTime ts)
        {
            if (seq.HasValue && _seq.IsGap(seq.Value)) return Gap(null, seq);
            if (!_books.TryGetValue(ticker ?? "", out var book) || !book.IsValid) return new BookUpdate();
            book.ApplyDelta(side, price, delta, seq, ts);
            return new BookUpdate { Pending = book.Pending };
        }

        // Every book of the sid (except the one being snapshotted) is now suspect.
        private BookUpdate Gap(string except, long? seq)
        {
            foreach (var b in _books.Values) if (!string.Equals(b.Ticker, except, StringComparison.OrdinalIgnoreCase)) b.Invalidate();
            var resync = InvalidTickers.Where(t => !string.Equals(t, except, StringComparison.OrdinalIgnoreCase)).ToArray();
            return new BookUpdate
            {
                Resync = resync.Length > 0 ? resync : null,
                Reason = $"sequence gap (got seq {seq})",
            };
        }
    }
}
