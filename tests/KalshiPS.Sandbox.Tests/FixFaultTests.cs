using System.Net.Http;
using System.Text;
using KalshiPS.Fix;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>FIX faults: sequence gaps, dropped connections, suppressed heartbeats; and the Thursday maintenance window.</summary>
public sealed class FixFaultTests
{
    [Fact]
    public async Task A_gap_on_KalshiRT_is_recovered_with_ResendRequest_and_GapFill_and_a_reconnect_continues_the_sequence()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        var t = FixTestOrders.AddQuietMarket(s);
        var store = new FixMemorySequenceStore();
        var rt = await FixTestClient.LogonAsync(s, FixSessionKind.Retransmit, store: store);
        s.Faults.FixSkipSeqNext = 3;
        await rt.SendAsync(FixTestOrders.Order("gap-1", t, FixSide.Buy, 20, 1));
        Assert.Equal("gap-1", (await rt.ExecutionAsync(FixExecType.New)).ClOrdId); // not lost: it came after the gap fill
        Assert.Contains(rt.Log, l => l.Contains("requesting a resend"));
        var server = Assert.Single(s.FixGateway!.Sessions).Session;
        Assert.Equal(server.SequenceNumbers.NextOutgoing, rt.Session.SequenceNumbers.NextIncoming);
        await rt.Session.LogoutAsync("see you", FixTestClient.Soon);
        var expected = store.Load(FixSessionOptions.SessionIdOf(FixVersions.FixT11, s.ApiKeyId, "KalshiRT"));
        Assert.True(expected.NextOutgoing > 2 && expected.NextIncoming > 6);
        rt.Dispose();

        using var again = await FixTestClient.LogonAsync(s, FixSessionKind.Retransmit, store: store); // no 141=Y: numbers go on
        Assert.Equal(expected.NextOutgoing + 1, again.Session.SequenceNumbers.NextOutgoing);
        Assert.Equal(expected.NextIncoming + 1, again.Session.SequenceNumbers.NextIncoming);
        await again.SendAsync(FixTestOrders.Order("gap-2", t, FixSide.Buy, 21, 1));
        Assert.Equal("gap-2", (await again.ExecutionAsync(FixExecType.New)).ClOrdId);
    }

    [Fact]
    public async Task A_gap_on_KalshiNR_is_logged_and_skipped_and_the_next_report_still_arrives()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        var t = FixTestOrders.AddQuietMarket(s);
        using var nr = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        s.Faults.FixSkipSeqNext = 2;
        await nr.SendAsync(FixTestOrders.Order("nr-gap", t, FixSide.Buy, 20, 1));
        Assert.Equal("nr-gap", (await nr.ExecutionAsync(FixExecType.New)).ClOrdId);
        Assert.Contains(nr.Log, l => l.Contains("messages 2..3 were missed"));
        Assert.Equal(0, s.Faults.FixSkipSeqNext);
    }

    [Fact]
    public async Task The_connection_drops_without_Logout_after_the_next_N_application_messages()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        var t = FixTestOrders.AddQuietMarket(s);
        using var nr = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        s.Faults.FixDropAfterMessages = 1;
        await nr.SendAsync(FixTestOrders.Order("drop-1", t, FixSide.Buy, 20, 1));
        Assert.Equal("drop-1", (await nr.ExecutionAsync(FixExecType.New)).ClOrdId);
        var reason = await nr.Session.Closed.WaitAsync(FixTestClient.Wait);
        Assert.DoesNotContain("logged out", reason);
        Assert.Equal(0, s.Faults.FixDropAfterMessages);
    }

    [Fact]
    public async Task The_control_endpoint_drops_the_connections_of_one_kind_now()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false });
        using var nr = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        using var rt = await FixTestClient.LogonAsync(s, FixSessionKind.Retransmit);
        using var http = new HttpClient();
        var resp = await http.PostAsync(s.ControlUri + "/fix/drop", new StringContent("{\"kind\":\"KalshiNR\"}", Encoding.UTF8, "application/json"));
        Assert.Contains("\"dropped\":1", await resp.Content.ReadAsStringAsync());
        await nr.Session.Closed.WaitAsync(FixTestClient.Wait);
        Assert.Equal(FixSessionState.Active, rt.Session.State);
    }

    [Fact]
    public async Task Suppressed_heartbeats_make_the_clients_TestRequest_fire_and_its_answer_still_comes()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false, Clock = clock });
        using var nr = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry, configure: o => o.HeartbeatIntervalSeconds = 5);
        var server = Assert.Single(s.FixGateway!.Sessions);
        s.Faults.FixSuppressHeartbeats = true;
        clock.Advance(TimeSpan.FromSeconds(5)); // a heartbeat is due both ways; the server's is numbered, never written
        await server.Log.WhenLogged(l => l.StartsWith("FIX out: ") && l.Contains("|35=0|")).WaitAsync(FixTestClient.Wait);
        clock.Advance(TimeSpan.FromSeconds(1.5)); // 5 s + 20 % without a word from the server: the client asks
        await nr.WhenLogged(l => l.StartsWith("FIX out: ") && l.Contains("|35=1|"));
        await nr.WhenLogged(l => l.Contains("were missed")); // the answer came after the suppressed heartbeat's number
        Assert.Equal(FixSessionState.Active, nr.Session.State);
    }

    [Fact]
    public async Task A_held_heartbeat_blocks_the_answer_to_the_clients_TestRequest_so_the_client_gives_up()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false, Clock = clock });
        using var nr = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry, configure: o => o.HeartbeatIntervalSeconds = 5);
        var server = Assert.Single(s.FixGateway!.Sessions);
        s.Faults.FixHeartbeatDelayMs = 600_000; // held far longer than the test: everything after it waits too
        clock.Advance(TimeSpan.FromSeconds(5));
        await server.Log.WhenLogged(l => l.StartsWith("FIX out: ") && l.Contains("|35=0|")).WaitAsync(FixTestClient.Wait);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await nr.WhenLogged(l => l.StartsWith("FIX out: ") && l.Contains("|35=1|"));
        clock.Advance(TimeSpan.FromSeconds(5)); // one interval without the answer
        Assert.Contains("did not answer TestRequest", await nr.Session.Closed.WaitAsync(FixTestClient.Wait));
    }

    [Fact]
    public async Task The_Thursday_window_logs_sessions_out_refuses_logons_and_then_KalshiRT_starts_again_at_1()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 7, 30, 0, TimeSpan.Zero)); // Thursday 02:30 ET
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 3, RfqDesk = false, Clock = clock });
        var t = FixTestOrders.AddQuietMarket(s);
        var store = new FixMemorySequenceStore();
        var rt = await FixTestClient.LogonAsync(s, FixSessionKind.Retransmit, store: store);
        using var nr = await FixTestClient.LogonAsync(s, FixSessionKind.OrderEntry);
        await rt.SendAsync(FixTestOrders.Order("thu-1", t, FixSide.Buy, 20, 1));
        await rt.ExecutionAsync(FixExecType.New);

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 8, 30, 0, TimeSpan.Zero)); // 03:30 ET
        s.FixGateway!.CheckMaintenance();
        Assert.Contains("Thursday maintenance", await rt.Session.Closed.WaitAsync(FixTestClient.Wait));
        Assert.Contains("Thursday maintenance", await nr.Session.Closed.WaitAsync(FixTestClient.Wait));
        rt.Dispose();
        var during = await FixTestClient.ConnectAsync(s, FixSessionKind.OrderEntry, FixTestClient.StartupKey(s), s.ApiKeyId);
        Assert.Contains("maintenance window", await FixTestClient.RefusedAsync(during));

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 10, 5, 0, TimeSpan.Zero)); // 05:05 ET
        s.FixGateway.CheckMaintenance();
        var stale = await FixTestClient.ConnectAsync(s, FixSessionKind.Retransmit, FixTestClient.StartupKey(s), s.ApiKeyId, store: store);
        Assert.Contains("were reset in the Thursday maintenance window", await FixTestClient.RefusedAsync(stale));
        using var fresh = await FixTestClient.LogonAsync(s, FixSessionKind.Retransmit, configure: o => o.ResetSeqNumOnLogon = true, store: store);
        Assert.Equal(new FixSequenceNumbers(2, 2).ToString(), fresh.Session.SequenceNumbers.ToString());
        await fresh.SendAsync(FixTestOrders.Order("thu-2", t, FixSide.Buy, 21, 1));
        Assert.Equal("thu-2", (await fresh.ExecutionAsync(FixExecType.New)).ClOrdId);
    }
}
