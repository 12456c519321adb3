using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using KalshiPS.Fix;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>The FIX gateway's listeners, certificate, discovery and Logon verification.</summary>
public sealed class FixGatewayTests : IAsyncLifetime
{
    private SandboxServer _s = null!;

    public async Task InitializeAsync() => _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 5, RfqDesk = false });
    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Tls_connects_with_the_printed_pin_and_the_certificate_file_and_not_with_another_pin()
    {
        Assert.Equal("127.0.0.1", _s.FixHost);
        Assert.Equal(4, _s.FixPorts.Values.Distinct().Count());
        Assert.Matches("^[0-9a-f]{64}$", _s.FixCertificateSha256!);
        Assert.Contains("BEGIN CERTIFICATE", File.ReadAllText(_s.FixCertificatePath!));
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(_s.FixCertificatePath!));
        await using (var ok = await FixTestClient.ConnectTlsAsync(_s, FixSessionKind.OrderEntry)) Assert.True(ok.CanRead);
        await Assert.ThrowsAsync<AuthenticationException>(() => FixTestClient.ConnectTlsAsync(_s, FixSessionKind.OrderEntry, new string('0', 64)));
    }

    [Fact]
    public async Task Stopping_the_server_closes_the_listeners_and_removes_the_certificate_file()
    {
        var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 2, RfqDesk = false });
        var port = s.FixPorts[FixSessionKind.Retransmit];
        var cert = s.FixCertificatePath!;
        using var live = await FixTestClient.LogonAsync(s, FixSessionKind.Retransmit);
        await s.DisposeAsync();
        Assert.NotNull(await live.Session.Closed.WaitAsync(FixTestClient.Wait));
        Assert.False(File.Exists(cert));
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task A_signed_logon_is_accepted_on_every_listener_and_known_by_key_and_user()
    {
        foreach (var kind in FixSessionKinds.All)
        {
            using var c = await FixTestClient.LogonAsync(_s, kind);
            Assert.Equal(FixSessionState.Active, c.Session.State);
            var live = Assert.Single(_s.FixGateway!.Sessions, x => x.Kind == kind);
            Assert.Equal(_s.ApiKeyId, live.KeyId);
            Assert.Equal(_s.UserId, live.UserId);
            await c.Session.LogoutAsync("bye", FixTestClient.Soon);
        }
    }

    [Fact]
    public async Task A_logon_signed_with_another_key_is_refused_with_a_logout_that_says_so()
    {
        using var other = RSA.Create(2048);
        var c = await FixTestClient.ConnectAsync(_s, FixSessionKind.OrderEntry, other, _s.ApiKeyId);
        Assert.Contains("Invalid signature in RawData (96)", await FixTestClient.RefusedAsync(c));
        Assert.Empty(_s.FixGateway!.Sessions);
    }

    [Fact]
    public async Task A_logon_from_an_unknown_key_id_is_refused()
    {
        using var key = RSA.Create(2048);
        var c = await FixTestClient.ConnectAsync(_s, FixSessionKind.OrderEntry, key, Guid.NewGuid().ToString());
        Assert.Contains("Unknown API key", await FixTestClient.RefusedAsync(c));
    }

    [Fact]
    public async Task A_logon_to_the_wrong_target_is_refused_with_the_expected_target()
    {
        var c = await FixTestClient.ConnectAsync(_s, FixSessionKind.OrderEntry, FixTestClient.StartupKey(_s), _s.ApiKeyId, o => o.TargetCompId = "KalshiRT");
        Assert.Contains("TargetCompID (56) must be KalshiNR", await FixTestClient.RefusedAsync(c));
    }

    [Theory]
    [InlineData(FixSessionKind.OrderEntry)]
    [InlineData(FixSessionKind.DropCopy)]
    [InlineData(FixSessionKind.MarketData)]
    public async Task Sessions_without_retransmission_refuse_a_logon_without_ResetSeqNumFlag(FixSessionKind kind)
    {
        var c = await FixTestClient.ConnectAsync(_s, kind, FixTestClient.StartupKey(_s), _s.ApiKeyId, o => o.ResetSeqNumOnLogon = false);
        Assert.Contains("141=Y", await FixTestClient.RefusedAsync(c));
    }

    [Fact]
    public async Task The_retransmitting_session_accepts_a_logon_without_ResetSeqNumFlag()
    {
        using var c = await FixTestClient.LogonAsync(_s, FixSessionKind.Retransmit, configure: o => o.ResetSeqNumOnLogon = false);
        Assert.Equal(FixSessionState.Active, c.Session.State);
    }

    [Fact]
    public async Task A_logon_whose_SendingTime_is_more_than_30_seconds_off_is_refused()
    {
        var stale = new ManualTimeProvider(DateTimeOffset.UtcNow.AddSeconds(-45));
        var c = await FixTestClient.ConnectAsync(_s, FixSessionKind.OrderEntry, FixTestClient.StartupKey(_s), _s.ApiKeyId, clock: stale);
        Assert.Contains("SendingTime accuracy problem (SessionRejectReason 10)", await FixTestClient.RefusedAsync(c));
    }

    [Fact]
    public async Task A_heartbeat_interval_of_3_seconds_or_less_is_refused()
    {
        var c = await FixTestClient.ConnectAsync(_s, FixSessionKind.OrderEntry, FixTestClient.StartupKey(_s), _s.ApiKeyId, o => o.HeartbeatIntervalSeconds = 3);
        Assert.Contains("HeartBtInt (108)", await FixTestClient.RefusedAsync(c));
    }

    [Fact]
    public async Task A_second_logon_for_the_same_key_and_session_kind_is_refused_but_another_kind_is_fine()
    {
        using var first = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        var second = await FixTestClient.ConnectAsync(_s, FixSessionKind.OrderEntry, FixTestClient.StartupKey(_s), _s.ApiKeyId);
        Assert.Contains("already has a KalshiNR session", await FixTestClient.RefusedAsync(second));
        using var dc = await FixTestClient.LogonAsync(_s, FixSessionKind.DropCopy);
        Assert.Equal(FixSessionState.Active, first.Session.State);
        await first.Session.LogoutAsync(null!, FixTestClient.Soon);
        using var again = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry); // the slot is free once it logged out
        Assert.Equal(FixSessionState.Active, again.Session.State);
    }

    [Fact]
    public async Task Market_data_over_the_gateway_answers_a_subscription_with_a_snapshot_of_the_engines_book()
    {
        var t = FixTestOrders.AddQuietMarket(_s);
        _s.Exchange.PlaceOrder(Exchange.HouseUserId, new OrderRequest { Ticker = t, Side = OrderSide.Bid, Price = 0.31m, Count = 4 });
        using var c = await FixTestClient.LogonAsync(_s, FixSessionKind.MarketData);
        await c.SendAsync(new FixMarketDataRequest { MdReqId = "r1", Type = FixSubscriptionType.SnapshotAndUpdates, Symbols = { t } }.ToMessage());
        var snapshot = await c.ReceiveAsync(FixAppMsgTypes.MarketDataSnapshotFullRefresh);
        Assert.Equal(t, snapshot.Get(FixAppTags.Symbol));
        Assert.Equal("0.3100", snapshot.Get(FixAppTags.MDEntryPx));
    }
}
