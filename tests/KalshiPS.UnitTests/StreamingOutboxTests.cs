using KalshiPS.Models;
using KalshiPS.Streaming;
using Xunit;

namespace KalshiPS.UnitTests;

/// <summary>The hand-off between the receive loop and the pipeline thread; no sockets, no sleeps.</summary>
public class StreamingOutboxTests
{
    [Fact]
    public void Keyed_state_coalesces_so_a_slow_consumer_gets_the_latest()
    {
        var box = new StreamOutbox(10, TimeSpan.Zero);
        for (int i = 1; i <= 500; i++) box.Post("A", i);
        box.Post("B", "b1");
        box.Post("A", 501);
        Assert.Equal(2, box.Count);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var first));
        Assert.Equal(501, first);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var second));
        Assert.Equal("b1", second);
        Assert.Equal(TakeResult.Timeout, box.TryTake(TimeSpan.Zero, default, out _));
    }

    [Fact]
    public void Items_are_never_dropped_the_producer_blocks_when_full()
    {
        var box = new StreamOutbox(2, TimeSpan.Zero);
        box.Add(1, default);
        box.Add(2, default);
        using var cts = new CancellationTokenSource();
        var blocked = Task.Run(() => box.Add(3, cts.Token));
        Assert.False(blocked.Wait(100));                               // waits for room, does not drop
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var a));
        Assert.True(blocked.Wait(5000));
        Assert.Equal(1, a);
        box.TryTake(TimeSpan.Zero, default, out var b);
        box.TryTake(TimeSpan.Zero, default, out var c);
        Assert.Equal(new object[] { 2, 3 }, new[] { b, c });

        box.Add(4, default); box.Add(5, default);
        var cancelled = Task.Run(() => box.Add(6, cts.Token));
        cts.Cancel();                                                   // a stopping stream is released
        Assert.ThrowsAny<OperationCanceledException>(() => cancelled.GetAwaiter().GetResult());
    }

    [Fact]
    public void Interval_holds_a_key_back_and_complete_ends_the_consumer()
    {
        var box = new StreamOutbox(10, TimeSpan.FromHours(1));
        box.Post("A", 1);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var x));   // first is immediate
        Assert.Equal(1, x);
        box.Post("A", 2);
        box.Post("A", 3);
        box.Add("fill", default);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var y));   // items pass held books
        Assert.Equal("fill", y);
        Assert.Equal(TakeResult.Timeout, box.TryTake(TimeSpan.Zero, default, out _));    // A held for the interval
        box.Complete();
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var z));   // flushed on completion
        Assert.Equal(3, z);
        Assert.Equal(TakeResult.Completed, box.TryTake(TimeSpan.Zero, default, out _));
    }

    [Fact]
    public void Notices_never_block()
    {
        var box = new StreamOutbox(1, TimeSpan.Zero);
        box.Add(1, default);
        Assert.True(box.Notify(new StreamNotice(true, "w"), extra: 1));
        Assert.False(box.Notify(new StreamNotice(true, "w2"), extra: 1));
    }

    [Fact]
    public void Recent_id_set_dedupes_within_its_bound()
    {
        var set = new RecentIdSet(3);
        Assert.True(set.Add("a"));
        Assert.False(set.Add("a"));
        set.Add("b"); set.Add("c"); set.Add("d");
        Assert.Equal(3, set.Count);
        Assert.False(set.Contains("a"));
        Assert.True(set.Contains("d"));
    }

    [Fact]
    public void Fill_key_matches_between_stream_and_rest_shapes()
    {
        var ws = new KalshiFill { FillId = "t1", TradeId = "t1", OrderId = "o1" };
        var rest = new KalshiFill { FillId = "f9", TradeId = "t1", OrderId = "o1" };
        Assert.Equal(FillHandler.KeyOf(ws), FillHandler.KeyOf(rest));
    }

    [Fact]
    public void Items_not_taken_at_the_end_are_returned_with_the_refused_ones_and_notices_apart()
    {
        var box = new StreamOutbox(3, TimeSpan.Zero);
        box.Add("f1", default);
        box.Notify(new StreamNotice(true, "reconnecting"));
        box.Add("f2", default);
        box.Post("book", "b");
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var written));
        Assert.Equal("f1", written);
        box.Add("f3", default);
        using var cts = new CancellationTokenSource();
        var blocked = Task.Run(() => box.Add("f4", cts.Token));          // the queue is full: waits
        Assert.False(blocked.Wait(50));
        cts.Cancel();                                                       // the stream stops while it waits
        Assert.ThrowsAny<OperationCanceledException>(() => blocked.GetAwaiter().GetResult());
        box.Complete();
        box.Add("f5", default);                                             // after the end: not queued, still counted

        var left = box.TakeUnwritten(out var notices);
        Assert.Equal(new object[] { "f2", "f3", "f4", "f5" }, left);
        Assert.Equal("reconnecting", Assert.Single(notices).ToString());
        Assert.Equal(5, box.Received);                                      // 1 written + 4 not written
        Assert.Equal(TakeResult.Completed, box.TryTake(TimeSpan.Zero, default, out _));
    }

    [Fact]
    public void Deferred_state_reaches_the_consumer_at_the_end_of_the_burst_only()
    {
        var box = new StreamOutbox(10, TimeSpan.Zero) { HoldUntilFlush = true };
        for (int i = 1; i <= 100; i++) box.Post("A", i);
        box.Post("B", "b1");
        Assert.Equal(TakeResult.Timeout, box.TryTake(TimeSpan.Zero, default, out _));   // held by the producer
        box.Add("fill", default);                                                        // lossless items are not held
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var fill));
        Assert.Equal("fill", fill);

        box.Flush();
        Assert.Equal(2, box.Count);                                                      // one state per key and burst
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var a));
        Assert.Equal(100, a);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var b));
        Assert.Equal("b1", b);
        box.Flush();                                                                     // nothing new: nothing queued
        Assert.Equal(TakeResult.Timeout, box.TryTake(TimeSpan.Zero, default, out _));
    }

    [Fact]
    public void A_waiting_consumer_is_woken_by_the_flush()
    {
        var box = new StreamOutbox(10, TimeSpan.Zero) { HoldUntilFlush = true };
        object got = null;
        var consumer = Task.Run(() => box.TryTake(TimeSpan.FromSeconds(30), default, out got));
        box.Post("A", 1);
        box.Post("A", 2);
        Assert.Equal(0, box.Count);                                                      // nothing queued before the burst ends
        box.Flush();
        Assert.True(consumer.Wait(10000));
        Assert.Equal(TakeResult.Item, consumer.Result);
        Assert.Equal(2, got);
    }

    [Fact]
    public void The_producers_last_burst_is_delivered_when_it_completes_but_never_from_another_thread()
    {
        var box = new StreamOutbox(10, TimeSpan.Zero) { HoldUntilFlush = true };
        box.Post("A", 1);
        box.Complete(fromProducer: true);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var a));
        Assert.Equal(1, a);
        Assert.Equal(TakeResult.Completed, box.TryTake(TimeSpan.Zero, default, out _));

        var other = new StreamOutbox(10, TimeSpan.Zero) { HoldUntilFlush = true };
        other.Post("A", 1);
        other.Complete();                                                                // the consumer's side: held state stays held
        Assert.Equal(TakeResult.Completed, other.TryTake(TimeSpan.Zero, default, out _));
    }

    [Fact]
    public void Reposting_the_waiting_object_changes_nothing_and_a_new_one_replaces_it()
    {
        var box = new StreamOutbox(10, TimeSpan.Zero);
        var pending = new object();
        box.Post("A", pending);
        box.Post("A", pending);
        Assert.Equal(1, box.Count);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var first));
        Assert.Same(pending, first);
        box.Post("A", pending);                                                          // taken: queued again
        var newer = new object();
        box.Post("A", newer);
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var second));
        Assert.Same(newer, second);
        Assert.Equal(TakeResult.Timeout, box.TryTake(TimeSpan.Zero, default, out _));
    }
}
