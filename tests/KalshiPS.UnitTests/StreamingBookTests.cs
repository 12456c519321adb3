using KalshiPS.Models;
using KalshiPS.Streaming;
using Xunit;

namespace KalshiPS.UnitTests;

/// <summary>The local order book and its seq logic, without sockets.</summary>
public class StreamingBookTests
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static KalshiPriceLevel[] L(params (decimal P, decimal S)[] levels) => levels.Select(l => new KalshiPriceLevel(l.P, l.S)).ToArray();

    [Fact]
    public void Snapshot_then_deltas_build_the_book_with_derived_asks()
    {
        var t = new OrderbookTracker(new[] { "MKT" });
        var u = t.OnSnapshot("MKT", 1, L((0.40m, 10m), (0.42m, 5m)), L((0.55m, 7m)), T0);
        Assert.NotNull(u.Book);
        Assert.Null(u.Resync);
        Assert.Equal(0.42m, u.Book!.BestYesBid);
        Assert.Equal(0.45m, u.Book.BestYesAsk);      // NO bid 0.55 → YES ask 0.45
        Assert.Equal(7m, u.Book.BestYesAskSize);
        Assert.Equal(0.58m, u.Book.BestNoAsk);       // YES bid 0.42 → NO ask 0.58
        Assert.Equal(0.03m, u.Book.Spread);
        Assert.Equal(1, u.Book.Sequence);

        u = t.OnDelta("MKT", 2, "yes", 0.42m, -5m, T0.AddSeconds(1));  // level removed at 0
        Assert.Equal(0.40m, u.Book!.BestYesBid);
        u = t.OnDelta("MKT", 3, "no", 0.56m, 2.5m, T0.AddSeconds(2));   // new level, fractional size
        Assert.Equal(0.44m, u.Book!.BestYesAsk);
        Assert.Equal(2.5m, u.Book.BestYesAskSize);
        u = t.OnDelta("MKT", 4, "yes", 0.40m, -3m, T0.AddSeconds(3));
        Assert.Equal(7m, u.Book!.BestYesBidSize);
        u = t.OnDelta("MKT", 5, "yes", 0.30m, -1m, T0.AddSeconds(4));   // negative on a missing level: dropped, not kept
        Assert.DoesNotContain(u.Book!.YesBids, l => l.Price == 0.30m);
        Assert.Equal(5, u.Book.Sequence);
        Assert.Equal(T0.AddSeconds(4), u.Book.Timestamp);
        Assert.Equal(new[] { 0.44m, 0.45m }, u.Book.YesAsks.Select(l => l.Price));
    }

    [Fact]
    public void A_gap_invalidates_every_book_of_the_sid_until_its_snapshot()
    {
        var t = new OrderbookTracker(new[] { "A", "B" });
        Assert.NotNull(t.OnSnapshot("A", 1, L((0.10m, 1m)), L(), T0).Book);
        Assert.NotNull(t.OnSnapshot("B", 2, L((0.20m, 1m)), L(), T0).Book);
        Assert.NotNull(t.OnDelta("A", 3, "yes", 0.10m, 1m, T0).Book);

        var gap = t.OnDelta("B", 5, "yes", 0.20m, 1m, T0);           // 4 is missing
        Assert.Null(gap.Book);                                         // never emit a book known to be wrong
        Assert.Equal(new[] { "A", "B" }, gap.Resync!.OrderBy(x => x));
        Assert.Null(t.OnDelta("A", 6, "yes", 0.10m, 1m, T0).Book);    // still untrusted
        Assert.Null(t.OnDelta("B", 7, "yes", 0.20m, 1m, T0).Book);

        var snapA = t.OnSnapshot("A", 8, L((0.10m, 9m)), L(), T0);
        Assert.Equal(9m, snapA.Book!.BestYesBidSize);
        Assert.Null(snapA.Resync);
        Assert.Null(t.OnDelta("B", 9, "yes", 0.20m, 1m, T0).Book);    // B still waits for its snapshot
        Assert.Equal(10m, t.OnDelta("A", 10, "yes", 0.10m, 1m, T0).Book!.BestYesBidSize);
        Assert.NotNull(t.OnSnapshot("B", 11, L((0.20m, 4m)), L(), T0).Book);
        Assert.Equal(5m, t.OnDelta("B", 12, "yes", 0.20m, 1m, T0).Book!.BestYesBidSize);
        Assert.Empty(t.InvalidTickers);
    }

    [Fact]
    public void A_snapshot_after_a_gap_is_applied_but_the_other_books_resync()
    {
        var t = new OrderbookTracker(new[] { "A", "B" });
        t.OnSnapshot("A", 1, L(), L(), T0);
        t.OnSnapshot("B", 2, L(), L(), T0);
        var u = t.OnSnapshot("A", 4, L((0.5m, 1m)), L(), T0);
        Assert.NotNull(u.Book);
        Assert.Equal(new[] { "B" }, u.Resync);
    }

    [Fact]
    public void Reset_distrusts_everything_and_starts_a_new_seq_chain()
    {
        var t = new OrderbookTracker(new[] { "A" });
        t.OnSnapshot("A", 1, L((0.1m, 1m)), L(), T0);
        t.OnDelta("A", 2, "yes", 0.1m, 1m, T0);
        t.Reset();                                                     // new sid after reconnect
        Assert.Null(t.OnDelta("A", 3, "yes", 0.1m, 1m, T0).Book);
        var u = t.OnSnapshot("A", 1, L((0.1m, 5m)), L(), T0);        // seq restarts at 1: not a gap
        Assert.Null(u.Resync);
        Assert.Equal(6m, t.OnDelta("A", 2, "yes", 0.1m, 1m, T0).Book!.BestYesBidSize);
    }

    [Fact]
    public void Depth_limits_levels_and_unknown_tickers_are_ignored()
    {
        var t = new OrderbookTracker(new[] { "A" }, depth: 2);
        var u = t.OnSnapshot("A", 1, L((0.1m, 1m), (0.2m, 1m), (0.3m, 1m)), L((0.6m, 1m), (0.5m, 1m), (0.4m, 1m)), T0);
        Assert.Equal(new[] { 0.3m, 0.2m }, u.Book!.YesBids.Select(l => l.Price));
        Assert.Equal(new[] { 0.4m, 0.5m }, u.Book.YesAsks.Select(l => l.Price));
        Assert.Null(t.OnDelta("ZZZ", 2, "yes", 0.1m, 1m, T0).Book);
    }

    [Fact]
    public void Sequence_tracker_flags_gaps_and_repeats()
    {
        var s = new SequenceTracker();
        Assert.False(s.IsGap(5));
        Assert.False(s.IsGap(6));
        Assert.True(s.IsGap(8));
        Assert.False(s.IsGap(9));
        Assert.True(s.IsGap(9));
        s.Reset();
        Assert.False(s.IsGap(1));
    }

    [Fact]
    public void Published_books_share_unchanged_levels_and_never_change_after_they_are_written()
    {
        var t = new OrderbookTracker(new[] { "MKT" });
        var first = t.OnSnapshot("MKT", 1, L((0.40m, 10m), (0.42m, 5m)), L((0.55m, 7m), (0.50m, 1m)), T0).Book!;
        var second = t.OnDelta("MKT", 2, "yes", 0.42m, 1m, T0).Book!;
        // The No side did not change: its lists are the same objects; the Yes side's unchanged level is reused.
        Assert.Same(first.NoBids, second.NoBids);
        Assert.Same(first.YesAsks, second.YesAsks);
        Assert.Same(first.YesBids[1], second.YesBids[1]);                 // 0.40 x 10
        Assert.Same(first.NoAsks[1], second.NoAsks[1]);                   // 0.60 x 10
        Assert.Equal(6m, second.YesBids[0].Size);
        Assert.Equal(0.58m, second.NoAsks[0].Price);
        Assert.Equal(6m, second.NoAsks[0].Size);
        Assert.Equal(5m, first.YesBids[0].Size);                          // the earlier book is untouched
        Assert.Equal(5m, first.NoAsks[0].Size);

        var third = t.OnDelta("MKT", 3, "yes", 0.45m, 2m, T0).Book!;      // a new best level
        Assert.Equal(new[] { 0.45m, 0.42m, 0.40m }, third.YesBids.Select(l => l.Price));
        Assert.Equal(new[] { 0.55m, 0.58m, 0.60m }, third.NoAsks.Select(l => l.Price));
        var fourth = t.OnDelta("MKT", 4, "yes", 0.40m, -10m, T0).Book!;   // a level removed
        Assert.Equal(new[] { 0.45m, 0.42m }, fourth.YesBids.Select(l => l.Price));
        Assert.Equal(new[] { 0.55m, 0.58m }, fourth.NoAsks.Select(l => l.Price));
        Assert.Equal(new[] { 0.45m, 0.42m, 0.40m }, third.YesBids.Select(l => l.Price));
    }

    [Fact]
    public void A_limited_depth_publishes_only_the_best_levels_and_follows_changes_below_the_cut()
    {
        var t = new OrderbookTracker(new[] { "MKT" }, depth: 2);
        var book = t.OnSnapshot("MKT", 1, L((0.40m, 10m), (0.42m, 5m), (0.38m, 1m)), L((0.55m, 7m)), T0).Book!;
        Assert.Equal(new[] { 0.42m, 0.40m }, book.YesBids.Select(l => l.Price));
        book = t.OnDelta("MKT", 2, "yes", 0.42m, -5m, T0).Book!;          // the third level moves up into view
        Assert.Equal(new[] { 0.40m, 0.38m }, book.YesBids.Select(l => l.Price));
        Assert.Equal(new[] { 0.60m, 0.62m }, book.NoAsks.Select(l => l.Price));
    }
}
