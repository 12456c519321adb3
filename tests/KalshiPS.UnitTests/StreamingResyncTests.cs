using System.Text;
using System.Text.Json;
using KalshiPS.Models;
using KalshiPS.Streaming;

using static KalshiPS.UnitTests.StreamFrames;

namespace KalshiPS.UnitTests;

/// <summary>The order book handler's resync protocol, driven message by message with a fake connection and clock.</summary>
public class StreamingResyncTests
{


    private static StreamMessage Snapshot(int sid, long seq, string ticker, decimal yes) =>
        M($"{{\"type\":\"orderbook_snapshot\",\"sid\":{sid},\"seq\":{seq},\"msg\":{{\"market_ticker\":\"{ticker}\",\"yes_dollars_fp\":[[\"{yes:0.0000}\",\"10.00\"]]}}}}");
    private static StreamMessage Delta(int sid, long seq, string ticker, decimal price, decimal delta) =>
        M($"{{\"type\":\"orderbook_delta\",\"sid\":{sid},\"seq\":{seq},\"msg\":{{\"market_ticker\":\"{ticker}\",\"price_dollars\":\"{price:0.0000}\",\"delta_fp\":\"{delta:0.00}\",\"side\":\"yes\"}}}}");
    private static StreamMessage Subscribed(long id, int sid) => M($"{{\"id\":{id},\"type\":\"subscribed\",\"msg\":{{\"channel\":\"orderbook_delta\",\"sid\":{sid}}}}}");

    [Fact]
    public async Task A_get_snapshot_that_is_never_answered_ends_in_a_resubscribe_within_the_timeout()
    {
        var ctx = new FakeStreamContext();
        var books = new List<KalshiOrderbook>();
        var h = new OrderbookHandler(new[] { "A", "B" }, 0, books.Add, TimeSpan.FromSeconds(5));
        await h.OnConnectedAsync(ctx, false, default);
        await h.OnMessageAsync(ctx, Subscribed(ctx.LastId, 1), default);
        await h.OnMessageAsync(ctx, Snapshot(1, 1, "A", 0.40m), default);
        await h.OnMessageAsync(ctx, Snapshot(1, 2, "B", 0.30m), default);
        await h.OnMessageAsync(ctx, Delta(1, 4, "A", 0.41m, 1), default); // seq 3 lost
        Assert.Equal("update_subscription", ctx.Sent.Last().Cmd);
        Assert.Contains("get_snapshot", ctx.Sent.Last().Params);
        int published = books.Count;

        // More gaps while the snapshot is pending do not flood the server with get_snapshot.
        await h.OnMessageAsync(ctx, Delta(1, 6, "B", 0.31m, 1), default);
        Assert.Single(ctx.Sent, s => s.Cmd == "update_subscription");

        ctx.UtcNow += TimeSpan.FromSeconds(4);
        await h.OnTickAsync(ctx, default);
        Assert.DoesNotContain(ctx.Sent, s => s.Cmd == "unsubscribe");
        ctx.UtcNow += TimeSpan.FromSeconds(2);                              // past the deadline, still no snapshot
        await h.OnTickAsync(ctx, default);
        Assert.Equal(new[] { "unsubscribe", "subscribe" }, ctx.Sent.TakeLast(2).Select(s => s.Cmd));
        Assert.Contains(ctx.Warnings, w => w.Contains("no order book snapshot"));
        Assert.Equal(1, h.SnapshotTimeouts);
        Assert.Equal(published, books.Count);                               // nothing emitted while untrusted

        // Late data on the old sid is ignored; the new subscription's snapshots bring the books back.
        await h.OnMessageAsync(ctx, Delta(1, 7, "A", 0.41m, 1), default);
        Assert.Equal(published, books.Count);
        await h.OnMessageAsync(ctx, Subscribed(ctx.LastId, 2), default);
        await h.OnMessageAsync(ctx, Snapshot(2, 1, "A", 0.45m), default);
        await h.OnMessageAsync(ctx, Snapshot(2, 2, "B", 0.35m), default);
        Assert.Equal(0.45m, books[^2].BestYesBid);
        Assert.Equal(0.35m, books[^1].BestYesBid);
        ctx.UtcNow += TimeSpan.FromMinutes(5);
        await h.OnTickAsync(ctx, default);
        Assert.Equal(1, h.SnapshotTimeouts);                                // answered: no further resubscribe
    }

    [Fact]
    public async Task A_subscribe_whose_snapshot_never_comes_is_retried_with_a_growing_wait()
    {
        var ctx = new FakeStreamContext();
        var h = new OrderbookHandler(new[] { "A" }, 0, _ => { }, TimeSpan.FromSeconds(5));
        await h.OnConnectedAsync(ctx, false, default);
        await h.OnMessageAsync(ctx, Subscribed(ctx.LastId, 1), default);
        ctx.UtcNow += TimeSpan.FromSeconds(6);
        await h.OnTickAsync(ctx, default);
        Assert.Equal(1, h.SnapshotTimeouts);
        await h.OnMessageAsync(ctx, Subscribed(ctx.LastId, 2), default);
        ctx.UtcNow += TimeSpan.FromSeconds(6);                              // the second wait is 10 s
        await h.OnTickAsync(ctx, default);
        Assert.Equal(1, h.SnapshotTimeouts);
        ctx.UtcNow += TimeSpan.FromSeconds(5);
        await h.OnTickAsync(ctx, default);
        Assert.Equal(2, h.SnapshotTimeouts);
    }

    private static StreamMessage Refused(long id, string ticker) =>
        M($"{{\"id\":{id},\"type\":\"error\",\"msg\":{{\"code\":11,\"msg\":\"Invalid parameter: unknown market ticker {ticker}\",\"market_ticker\":\"{ticker}\"}}}}");

    [Fact]
    public async Task A_market_refused_by_name_is_reported_and_dropped_and_the_others_go_on()
    {
        var ctx = new FakeStreamContext();
        var books = new List<KalshiOrderbook>();
        var h = new OrderbookHandler(new[] { "A", "NOPE" }, 0, books.Add, TimeSpan.FromSeconds(5));
        await h.OnConnectedAsync(ctx, false, default);
        long subscribe = ctx.LastId;
        await h.OnMessageAsync(ctx, Refused(subscribe, "NOPE"), default);
        var refusal = Assert.IsType<StreamRefusal>(Assert.Single(ctx.Notices));
        Assert.Equal("NOPE", refusal.Ticker);
        Assert.False(refusal.NothingLeft);
        Assert.Contains("unknown market ticker NOPE", refusal.Text);
        Assert.Equal(new[] { "A" }, h.Tickers);

        await h.OnMessageAsync(ctx, Subscribed(subscribe, 1), default);
        await h.OnMessageAsync(ctx, Snapshot(1, 1, "A", 0.40m), default);
        Assert.Single(books);
        ctx.UtcNow += TimeSpan.FromMinutes(1);
        await h.OnTickAsync(ctx, default);
        Assert.Equal(0, h.SnapshotTimeouts);                                 // no snapshot is awaited for the refused market
        await h.OnMessageAsync(ctx, Delta(1, 3, "A", 0.41m, 1), default);    // a gap: only A is resynced
        Assert.Contains("[\"A\"]", ctx.Sent.Last().Params);

        // A reconnect subscribes the remaining market only.
        await h.OnConnectedAsync(ctx, true, default);
        Assert.Contains("\"market_tickers\":[\"A\"]", ctx.Sent.Last().Params);
    }

    [Fact]
    public async Task When_every_market_is_refused_nothing_is_left_and_nothing_is_resubscribed()
    {
        var ctx = new FakeStreamContext();
        var h = new OrderbookHandler(new[] { "X" }, 0, _ => { }, TimeSpan.FromSeconds(5));
        await h.OnConnectedAsync(ctx, false, default);
        await h.OnMessageAsync(ctx, Refused(ctx.LastId, "X"), default);
        Assert.True(Assert.IsType<StreamRefusal>(Assert.Single(ctx.Notices)).NothingLeft);
        int sent = ctx.Sent.Count;
        await h.OnConnectedAsync(ctx, true, default);                       // an empty filter must never mean "all markets"
        Assert.Equal(sent, ctx.Sent.Count);
    }

    [Fact]
    public async Task A_subscribe_error_naming_no_market_of_ours_still_ends_the_stream()
    {
        var ctx = new FakeStreamContext();
        var h = new OrderbookHandler(new[] { "A" }, 0, _ => { }, TimeSpan.FromSeconds(5));
        await h.OnConnectedAsync(ctx, false, default);
        await Assert.ThrowsAsync<KalshiStreamException>(() => h.OnMessageAsync(ctx, Refused(ctx.LastId, "OTHER"), default));
    }
}
