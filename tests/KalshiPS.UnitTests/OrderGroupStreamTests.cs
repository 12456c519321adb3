using System.Text;
using System.Text.Json;
using KalshiPS.Cmdlets;
using KalshiPS.Models;
using KalshiPS.Streaming;

using static KalshiPS.UnitTests.StreamFrames;

namespace KalshiPS.UnitTests;

/// <summary>Watch-KalshiOrderGroup's handler on order_group_updates, message by message with a fake connection.</summary>
public class OrderGroupStreamTests
{


    private static StreamMessage Update(int sid, long seq, string group, string type) =>
        M($"{{\"type\":\"order_group_updates\",\"sid\":{sid},\"seq\":{seq},\"msg\":{{\"event_type\":\"{type}\",\"order_group_id\":\"{group}\",\"ts_ms\":1764547200000}}}}");

    private const string A = "0f8fad5b-d9cb-469f-a165-70867728950e", B = "7d444840-9dc0-11d1-b245-5ffdce74fad2";

    [Fact]
    public async Task A_sequence_gap_is_a_warning_and_the_updates_still_arrive()
    {
        var ctx = new FakeStreamContext();
        var seen = new List<KalshiOrderGroupUpdate>();
        var h = WatchKalshiOrderGroupCommand.Handler(Array.Empty<string>(), seen.Add);
        await h.OnConnectedAsync(ctx, false, default);
        var (cmd, p) = Assert.Single(ctx.Sent);
        Assert.Equal("subscribe", cmd);
        Assert.Equal("""{"channels":["order_group_updates"]}""", p);
        await h.OnMessageAsync(ctx, M("""{"id":1,"type":"subscribed","msg":{"channel":"order_group_updates","sid":5}}"""), default);

        await h.OnMessageAsync(ctx, Update(5, 1, A, "created"), default);
        await h.OnMessageAsync(ctx, Update(5, 2, A, "limit_updated"), default);
        Assert.Empty(ctx.Warnings);
        await h.OnMessageAsync(ctx, Update(5, 4, A, "triggered"), default);  // seq 3 never came

        Assert.Contains(ctx.Warnings, w => w.Contains("order_group_updates") && w.Contains("gap") && w.Contains("seq 4"));
        Assert.Equal(new[] { "Created", "LimitUpdated", "Triggered" }, seen.Select(u => u.EventType));
        await h.OnMessageAsync(ctx, Update(9, 5, A, "reset"), default);       // another sid: not this subscription
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task Given_ids_filter_on_this_side_and_never_reach_the_subscribe_command()
    {
        var ctx = new FakeStreamContext();
        var seen = new List<KalshiOrderGroupUpdate>();
        var h = WatchKalshiOrderGroupCommand.Handler(new[] { A }, seen.Add);
        await h.OnConnectedAsync(ctx, false, default);
        Assert.DoesNotContain(A, ctx.Sent.Single().Params);
        await h.OnMessageAsync(ctx, M("""{"id":1,"type":"subscribed","msg":{"channel":"order_group_updates","sid":2}}"""), default);

        await h.OnMessageAsync(ctx, Update(2, 1, B, "triggered"), default);
        await h.OnMessageAsync(ctx, Update(2, 2, A.ToUpperInvariant(), "triggered"), default);

        var only = Assert.Single(seen);
        Assert.Equal(A.ToUpperInvariant(), only.OrderGroupId);
        Assert.Empty(ctx.Warnings); // the other group's message still counted in the sequence
    }
}
