using System;
using System.Collections.Generic;
using System.Linq;
using KalshiPS.Fix;
using KalshiPS.Models;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// Local books from a FIX market data session (KalshiMD): a SnapshotFullRefresh (W) replaces a book, an
    /// IncrementalRefresh (X) sets levels to absolute sizes. Bids are Yes bids; Offers are Yes asks, kept as the No bids
    /// they are (a Yes ask at p is a No bid at 1 − p), so the published book is the same type and shape as the
    /// WebSocket one. KalshiMD does not retransmit: when the session reports missed messages every book is suspect
    /// until its next snapshot, and the tracker says which snapshots to ask for. Pure logic, no I/O.
    /// </summary>
    internal sealed class FixOrderbookTracker
    {
        private readonly Dictionary<string, LocalOrderBook> _books = new Dictionary<string, LocalOrderBook>(StringComparer.OrdinalIgnoreCase);

        public FixOrderbookTracker(IEnumerable<string> tickers, int depth = 0)
        {
            foreach (var t in tickers) _books[t] = new LocalOrderBook(t, depth);
        }

        public IEnumerable<string> Tickers => _books.Keys;
        public LocalOrderBook this[string ticker] => _books.TryGetValue(ticker, out var b) ? b : null;

        /// <summary>The snapshot's book, now trusted; null for a ticker this tracker does not follow.</summary>
        public PendingBook OnSnapshot(FixMarketDataSnapshot snapshot, long? seq, DateTime ts)
        {
            if (!_books.TryGetValue(snapshot.Symbol ?? "", out var book)) return null;
            var yes = new List<KalshiPriceLevel>();
            var no = new List<KalshiPriceLevel>();
            foreach (var e in snapshot.Entries)
            {
                if (e.Type == FixMdEntryType.Bid) yes.Add(new KalshiPriceLevel(e.PriceDollars, e.Size));
                else if (e.Type == FixMdEntryType.Offer) no.Add(new KalshiPriceLevel(1m - e.PriceDollars, e.Size));
            }
            book.ApplySnapshot(yes, no, seq, ts);
            return book.Pending;
        }

        /// <summary>The books the incremental changed (trusted ones only); trades change no level.</summary>
        public IReadOnlyList<PendingBook> OnIncremental(FixMarketDataIncremental incremental, long? seq, DateTime ts)
        {
            List<PendingBook> changed = null;
            foreach (var e in incremental.Entries)
            {
                if (e.Type == FixMdEntryType.Trade) continue;
                if (!_books.TryGetValue(e.Symbol ?? "", out var book) || !book.IsValid) continue;
                var size = e.Action == FixMdUpdateAction.Delete ? 0m : e.Size;
                if (e.Type == FixMdEntryType.Bid) book.SetLevel("yes", e.PriceDollars, size, seq, ts);
                else book.SetLevel("no", 1m - e.PriceDollars, size, seq, ts);
                changed = changed ?? new List<PendingBook>();
                if (!changed.Contains(book.Pending)) changed.Add(book.Pending);
            }
            return (IReadOnlyList<PendingBook>)changed ?? Array.Empty<PendingBook>();
        }

        /// <summary>Messages were lost: every book is suspect. Returns the tickers whose snapshots to request.</summary>
        public string[] OnMissedMessages()
        {
            foreach (var b in _books.Values) b.Invalidate();
            return _books.Keys.ToArray();
        }

        /// <summary>The server refused a ticker (MarketDataRequestReject): it is no longer followed.</summary>
        public void Remove(string ticker) => _books.Remove(ticker);
    }
}
