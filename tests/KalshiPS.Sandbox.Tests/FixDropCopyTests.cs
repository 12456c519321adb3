using KalshiPS.Fix;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>KalshiDC: execution reports resent by ExecID range from the last 3 hours, or EventResendReject.</summary>
public sealed class FixDropCopyTests
{
    [Fact]
    public async Task A_range_resends_the_users_reports_in_order_with_new_sequence_numbers_then_completes()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        var t = FixTestOrders.AddQuietMarket(s);
        using var oe = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        await oe.SendAsync(FixTestOrders.Order("dc-a", t, FixSide.Buy, 20, 1));
        var a = await oe.ExecutionAsync(FixExecType.New);
        await oe.SendAsync(FixTestOrders.Order("dc-b", t, FixSide.Buy, 21, 1));
        var b = await oe.ExecutionAsync(FixExecType.New);
        await oe.SendAsync(new FixOrderCancelRequest { ClOrdId = "dc-a2", OrigClOrdId = "dc-a", Symbol = t, Side = FixSide.Buy }.ToMessage());
        var c = await oe.ExecutionAsync(FixExecType.Canceled);
        await oe.SendAsync(FixTestOrders.Order("dc-a", t, FixSide.Buy, 20, 1)); // a reject: never in drop copy
        await oe.ExecutionAsync(FixExecType.Rejected);

        using var dc = await FixTestClient.LogonAsync(s, FixSessionKind.DropCopy);
        var refSeq = await dc.SendAsync(new FixEventResendRequest { BeginExecId = a.ExecId }.ToMessage());
        var resent = new List<FixExecutionReport>();
        for (var i = 0; i < 3; i++)
        {
            var m = await dc.ReceiveAsync();
            Assert.True(FixExecutionReport.TryParse(m, out var er, out var error), error);
            resent.Add(er);
        }
        Assert.Equal(new[] { a.ExecId, b.ExecId, c.ExecId }, resent.Select(r => r.ExecId));
        Assert.Equal(new[] { "dc-a", "dc-b", "dc-a2" }, resent.Select(r => r.ClOrdId));
        Assert.True(FixEventResendComplete.TryParse(await dc.ReceiveAsync(), out var done, out _));
        Assert.Equal(refSeq, done.RefSeqNum);
        Assert.Equal(3, done.ResentEventCount);

        await dc.SendAsync(new FixEventResendRequest { BeginExecId = b.ExecId, EndExecId = b.ExecId }.ToMessage());
        Assert.Equal(b.ExecId, (await dc.ExecutionAsync(FixExecType.New)).ExecId);
        Assert.True(FixEventResendComplete.TryParse(await dc.ReceiveAsync(), out var one, out _));
        Assert.Equal(1, one.ResentEventCount);
    }

    [Fact]
    public async Task A_report_lost_on_order_entry_is_recovered_from_drop_copy()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        var t = FixTestOrders.AddQuietMarket(s);
        using var oe = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        await oe.SendAsync(FixTestOrders.Order("lost-0", t, FixSide.Buy, 19, 1));
        var before = await oe.ExecutionAsync(FixExecType.New);
        s.Faults.FixLoseNextExecutionReports = 1;
        await oe.SendAsync(FixTestOrders.Order("lost-1", t, FixSide.Buy, 20, 1)); // its New never arrives
        await oe.SendAsync(FixTestOrders.Order("lost-2", t, FixSide.Buy, 21, 1));
        Assert.Equal("lost-2", (await oe.ExecutionAsync(FixExecType.New)).ClOrdId);
        Assert.Contains(oe.Log, l => l.Contains("were missed"));

        using var dc = await FixTestClient.LogonAsync(s, FixSessionKind.DropCopy);
        await dc.SendAsync(new FixEventResendRequest { BeginExecId = before.ExecId }.ToMessage());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await dc.ExecutionAsync(FixExecType.New)).ClOrdId);
        Assert.Equal(new[] { "lost-0", "lost-1", "lost-2" }, ids);
    }

    [Fact]
    public async Task An_end_beyond_the_latest_report_is_rejected_with_reason_4()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        using var dc = await FixTestClient.LogonAsync(s, FixSessionKind.DropCopy);
        var refSeq = await dc.SendAsync(new FixEventResendRequest { BeginExecId = "1;1", EndExecId = "999999;1" }.ToMessage());
        Assert.True(FixEventResendReject.TryParse(await dc.ReceiveAsync(FixAppMsgTypes.EventResendReject), out var reject, out _));
        Assert.Equal(FixEventResendRejectReason.EndTooLarge, reject.Reason);
        Assert.Equal(refSeq, reject.RefSeqNum);
        await dc.SendAsync(new FixEventResendRequest { BeginExecId = "garbage" }.ToMessage());
        Assert.Contains("BeginExecID", (await dc.ReceiveAsync(FixAppMsgTypes.BusinessMessageReject)).Get(FixTags.Text));
    }

    [Fact]
    public async Task A_begin_older_than_three_hours_on_the_exchange_clock_is_rejected_with_reason_3()
    {
        var clock = new ShiftedClock { Offset = TimeSpan.FromHours(-4) };
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false, Clock = clock });
        var t = FixTestOrders.AddQuietMarket(s);
        using var oe = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        await oe.SendAsync(FixTestOrders.Order("old", t, FixSide.Buy, 20, 1));
        var old = await oe.ExecutionAsync(FixExecType.New);
        clock.Offset = TimeSpan.Zero;
        await oe.SendAsync(FixTestOrders.Order("recent", t, FixSide.Buy, 21, 1));
        var recent = await oe.ExecutionAsync(FixExecType.New);

        using var dc = await FixTestClient.LogonAsync(s, FixSessionKind.DropCopy);
        await dc.SendAsync(new FixEventResendRequest { BeginExecId = old.ExecId }.ToMessage());
        Assert.True(FixEventResendReject.TryParse(await dc.ReceiveAsync(FixAppMsgTypes.EventResendReject), out var reject, out _));
        Assert.Equal(FixEventResendRejectReason.BeginOutsideWindow, reject.Reason);
        Assert.Contains("3-hour window", reject.Text);
        await dc.SendAsync(new FixEventResendRequest { BeginExecId = recent.ExecId }.ToMessage());
        Assert.Equal("recent", (await dc.ExecutionAsync(FixExecType.New)).ClOrdId);
        Assert.True(FixEventResendComplete.TryParse(await dc.ReceiveAsync(), out var done, out _));
        Assert.Equal(1, done.ResentEventCount);
    }
}
