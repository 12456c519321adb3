using KalshiPS.Fix;
using KalshiPS.Streaming;

namespace KalshiPS.UnitTests;

public class FixOrderbookTrackerTests
{
    private static readonly DateTime T0 = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    private static FixMarketDataSnapshot Snapshot(string ticker, params (FixMdEntryType Type, decimal Px, decimal Size)[] levels) => new()
    {
        Symbol = ticker,
        Entries = levels.Select(l => new FixMdEntry { Symbol = ticker, Type = l.Type, PriceDollars = l.Px, Size = l.Size }).ToList(),
    };

    private static FixMarketDataIncremental Incremental(params (FixMdUpdateAction Action, string Ticker, FixMdEntryType Type, decimal Px, decimal Size)[] entries) => new()
    {
        Entries = entries.Select(e => new FixMdEntry { Action = e.Action, Symbol = e.Ticker, Type = e.Type, PriceDollars = e.Px, Size = e.Size }).ToList(),
    };

    [Fact]
    public void A_snapshot_becomes_the_same_book_the_websocket_gives_offers_as_no_bids()
    {
        var t = new FixOrderbookTracker(new[] { "KXA-1" });
        var book = t.OnSnapshot(Snapshot("KXA-1", (FixMdEntryType.Bid, 0.35m, 10m), (FixMdEntryType.Offer, 0.65m, 5m)), 7, T0)!.Materialize();
        Assert.Equal(0.35m, book.YesBids[0].Price);
        Assert.Equal(10m, book.YesBids[0].Size);
        Assert.Equal(0.35m, book.NoBids[0].Price); // a Yes ask at 0.65 is a No bid at 0.35
        Assert.Equal(0.65m, book.BestYesAsk);
        Assert.Equal(7, book.Sequence);
    }

    [Fact]
    public void Incrementals_set_absolute_sizes_delete_levels_and_ignore_trades_and_other_tickers()
    {
        var t = new FixOrderbookTracker(new[] { "KXA-1" });
        t.OnSnapshot(Snapshot("KXA-1", (FixMdEntryType.Bid, 0.35m, 10m), (FixMdEntryType.Bid, 0.30m, 2m)), 1, T0);
        var changed = t.OnIncremental(Incremental(
            (FixMdUpdateAction.Change, "KXA-1", FixMdEntryType.Bid, 0.35m, 4m),
            (FixMdUpdateAction.Delete, "KXA-1", FixMdEntryType.Bid, 0.30m, 0m),
            (FixMdUpdateAction.New, "KXA-1", FixMdEntryType.Offer, 0.60m, 3m),
            (FixMdUpdateAction.New, "KXA-1", FixMdEntryType.Trade, 0.60m, 1m),
            (FixMdUpdateAction.New, "KXOTHER-1", FixMdEntryType.Bid, 0.10m, 1m)), 2, T0);
        var book = Assert.Single(changed).Materialize();
        Assert.Equal(new[] { (0.35m, 4m) }, book.YesBids.Select(l => (l.Price, l.Size)));
        Assert.Equal(new[] { (0.40m, 3m) }, book.NoBids.Select(l => (l.Price, l.Size)));
    }

    [Fact]
    public void Missed_messages_make_every_book_untrusted_until_its_next_snapshot()
    {
        var t = new FixOrderbookTracker(new[] { "KXA-1", "KXB-1" });
        t.OnSnapshot(Snapshot("KXA-1", (FixMdEntryType.Bid, 0.35m, 10m)), 1, T0);
        t.OnSnapshot(Snapshot("KXB-1", (FixMdEntryType.Bid, 0.20m, 1m)), 2, T0);
        Assert.Equal(new[] { "KXA-1", "KXB-1" }, t.OnMissedMessages().OrderBy(x => x));
        Assert.Empty(t.OnIncremental(Incremental((FixMdUpdateAction.Change, "KXA-1", FixMdEntryType.Bid, 0.35m, 1m)), 3, T0));
        Assert.Equal(10m, t["KXA-1"]!.Current()!.YesBids[0].Size); // the last trusted book, never a guessed one
        t.OnSnapshot(Snapshot("KXA-1", (FixMdEntryType.Bid, 0.36m, 1m)), 4, T0);
        Assert.Single(t.OnIncremental(Incremental((FixMdUpdateAction.Change, "KXA-1", FixMdEntryType.Bid, 0.36m, 9m)), 5, T0));
        Assert.False(t["KXB-1"]!.IsValid);
    }
}
