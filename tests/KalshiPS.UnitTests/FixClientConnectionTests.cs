using System.Security.Cryptography;
using System.Text;
using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Cmdlets;
using KalshiPS.Fix;
using KalshiPS.Fix.Client;
using KalshiPS.Http;
using KalshiPS.Models;
using Microsoft.Extensions.Time.Testing;

namespace KalshiPS.UnitTests;

/// <summary>
/// The client connection layer against an in-process acceptor (the engine's FixSession over an in-memory pipe) on a
/// fake clock: logon, fan-out, answers, timeouts, and order entry with its outcome rules. No sleeps: time only moves
/// when a test advances it.
/// </summary>
public sealed class FixClientConnectionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RequestSigner _signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
    private readonly FixPipe _pipe = new();
    private FixSession? _server;

    public void Dispose()
    {
        _server?.Dispose();
        _signer.Dispose();
    }

    private static string? Verify(FixMessage logon)
    {
        var sig = logon.Get(FixTags.RawData);
        if (sig == null) return "RawData (96) missing";
        return Keys.Rsa.VerifyData(Encoding.UTF8.GetBytes(FixLogonSignature.PreHash(logon)), Convert.FromBase64String(sig), HashAlgorithmName.SHA256, RSASignaturePadding.Pss)
            ? null : "Invalid signature";
    }

    private FixConnectionSettings Settings(KalshiFixSessionType kind = KalshiFixSessionType.OrderEntry, bool cancelOnDisconnect = false) => new()
    {
        Kind = kind,
        CancelOnDisconnect = cancelOnDisconnect,
        SenderCompId = Keys.KeyId,
        Endpoint = new FixEndpoint("gateway.test", 8228, FixEndpoints.TargetFor(kind, false)),
        ResponseTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Connects a client to a fresh acceptor; returns the client connection and the server session.</summary>
    private async Task<(KalshiFixConnection Client, FixSession Server, FixTrace Trace)> ConnectAsync(FixConnectionSettings? settings = null, Action<FixMessage>? observe = null)
    {
        settings ??= Settings();
        _server = new FixSession(_pipe.Server, new FixSessionOptions { SenderCompId = settings.Endpoint.TargetCompId }, new FixMemorySequenceStore(), _time, acceptor: true);
        FixMessage? seenLogon = null;
        var accepted = _server.AcceptLogonAsync(m => { seenLogon = m; return Verify(m); }, FixPeer.Soon);
        var trace = new FixTrace();
        var client = await KalshiFixConnection.ConnectAsync(settings, _ => Task.FromResult(_pipe.Client), FixLogonSigning.For(_signer),
            new FixMemorySequenceStore(), _time, trace, FixPeer.Soon, observe);
        await accepted;
        Assert.NotNull(seenLogon);
        return (client, _server, trace);
    }

    private static FixMessage Report(string clOrdId, FixExecType type, FixOrdStatus status, string orderId = "ord-1", string execId = "10;1", decimal leaves = 5, decimal cum = 0, string? text = null) =>
        new FixExecutionReport
        {
            OrderId = orderId, ClOrdId = clOrdId, ExecId = execId, ExecType = type, OrdStatus = status, Symbol = "KXTEST-1", Side = FixSide.Buy,
            OrderQty = leaves + cum, CumQty = cum, LeavesQty = leaves, PriceCents = 42, AvgPxCents = cum > 0 ? 42 : 0, Text = text,
            TransactTime = new DateTimeOffset(2026, 5, 1, 12, 0, 1, TimeSpan.Zero),
        }.ToMessage();

    private static OrderSpec Spec(KalshiSide side = KalshiSide.Yes, KalshiAction action = KalshiAction.Buy, decimal price = 0.42m, string? id = null) => new()
    {
        Ticker = "KXTEST-1", Side = side, Action = action, Count = 5, Price = price, ClientOrderId = id ?? Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task A_signed_logon_makes_an_active_connection_whose_view_shows_no_key_material()
    {
        var (client, server, trace) = await ConnectAsync(Settings(cancelOnDisconnect: true));
        using var _ = client;
        Assert.Equal(KalshiFixState.Active, client.State);
        Assert.Equal(Keys.KeyId, server.TargetCompId);
        var info = client.Info;
        Assert.Equal(KalshiFixState.Active, info.State);
        Assert.Equal("KalshiNR", info.TargetCompId);
        Assert.True(info.CancelOnDisconnect);
        Assert.Equal(2, info.NextOutgoingSeqNum);
        var shown = string.Join("\n", typeof(KalshiFixConnectionInfo).GetProperties().Select(p => p.Name + "=" + p.GetValue(info)));
        foreach (var line in Keys.BodyLines(Keys.Pkcs1Pem)) Assert.DoesNotContain(line, shown);
    }

    [Fact]
    public async Task The_logon_carries_reset_and_cancel_on_disconnect_and_its_trace_line_hides_the_signature()
    {
        var trace = new FixTrace();
        using var buffer = trace.Attach();
        _server = new FixSession(_pipe.Server, new FixSessionOptions { SenderCompId = "KalshiNR" }, new FixMemorySequenceStore(), _time, acceptor: true);
        FixMessage? logon = null;
        var accepted = _server.AcceptLogonAsync(m => { logon = m; return Verify(m); }, FixPeer.Soon);
        using var client = await KalshiFixConnection.ConnectAsync(Settings(cancelOnDisconnect: true), _ => Task.FromResult(_pipe.Client), FixLogonSigning.For(_signer),
            new FixMemorySequenceStore(), _time, trace, FixPeer.Soon);
        await accepted;
        Assert.Equal("Y", logon!.Get(FixTags.ResetSeqNumFlag));
        Assert.Equal("Y", logon.Get(FixTags.CancelOrdersOnDisconnect));
        var lines = buffer.Drain();
        var outLogon = Assert.Single(lines, l => l.StartsWith("FIX out:") && l.Contains("35=A"));
        Assert.DoesNotContain(logon.Get(FixTags.RawData)!, string.Join("\n", lines));
        Assert.Contains("96=<redacted>", outLogon);
    }

    [Fact]
    public async Task A_slow_subscriber_loses_messages_counted_while_the_others_and_the_session_go_on()
    {
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        using var fast = client.Subscribe();
        using var slow = client.Subscribe(capacity: 2);
        for (int i = 1; i <= 5; i++) await server.SendAsync(Report("cl-" + i, FixExecType.New, FixOrdStatus.New, execId: i + ";1"), FixPeer.Soon);
        for (int i = 1; i <= 5; i++) Assert.Equal("cl-" + i, (await fast.TakeAsync(FixPeer.Soon)).Message.Get(FixAppTags.ClOrdID));
        var first = await slow.TakeAsync(FixPeer.Soon);
        var second = await slow.TakeAsync(FixPeer.Soon);
        Assert.Equal(("cl-1", 0L), (first.Message.Get(11), first.DroppedBefore));
        Assert.Equal("cl-2", second.Message.Get(11));
        Assert.Equal(3, slow.Dropped);
        Assert.Equal(3, client.MessagesDropped);
        Assert.Equal(5, client.MessagesReceived);
        // After a drop, the next delivery says how many it missed right before it.
        await server.SendAsync(Report("cl-6", FixExecType.New, FixOrdStatus.New, execId: "6;1"), FixPeer.Soon);
        var sixth = await slow.TakeAsync(FixPeer.Soon);
        Assert.Equal(("cl-6", 3L), (sixth.Message.Get(11), sixth.DroppedBefore));
    }

    [Fact]
    public async Task A_filter_picks_what_a_subscriber_sees_and_unsubscribing_stops_delivery()
    {
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        using var one = client.Subscribe(m => m.Get(FixAppTags.ClOrdID) == "b");
        var other = client.Subscribe();
        other.Dispose();
        await server.SendAsync(Report("a", FixExecType.New, FixOrdStatus.New), FixPeer.Soon);
        await server.SendAsync(Report("b", FixExecType.New, FixOrdStatus.New), FixPeer.Soon);
        Assert.Equal("b", (await one.TakeAsync(FixPeer.Soon)).Message.Get(11));
        Assert.True((await other.TakeAsync(FixPeer.Soon)).IsEnd);
    }

    [Fact]
    public async Task When_the_connection_closes_subscribers_end_with_the_reason_and_it_is_not_reopened()
    {
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        using var sub = client.Subscribe();
        await server.LogoutAsync("maintenance", FixPeer.Soon);
        var end = await sub.TakeAsync(FixPeer.Soon);
        Assert.True(end.IsEnd);
        Assert.Contains("maintenance", sub.EndReason);
        await client.Closed.WaitAsync(FixPeer.Soon);
        Assert.Equal(KalshiFixState.Closed, client.State);
        Assert.Contains("maintenance", client.ClosedReason);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(new FixMessage(FixAppMsgTypes.NewOrderSingle).Add(11, "x"), FixPeer.Soon));
        Assert.True(client.Subscribe().TakeAsync(FixPeer.Soon).Result.IsEnd);
    }

    [Fact]
    public async Task An_order_goes_out_in_Kalshi_terms_and_its_report_becomes_the_result()
    {
        var set = new FixConnectionSet();
        var (client, server, _) = await ConnectAsync(observe: m => FixExecutionRecorder.Observe(set, m, true));
        using var c = client;
        var entry = new FixOrderEntry(client, set);
        var spec = Spec(KalshiSide.No, KalshiAction.Buy, 0.40m);
        var placing = entry.PlaceAsync(spec, null!, FixPeer.Soon);
        var d = (await server.ReceiveAsync(FixPeer.Soon))!;
        Assert.True(FixNewOrderSingle.TryParse(d, out var nos, out var error), error);
        Assert.Equal((FixSide.Sell, 60, spec.ClientOrderId, 5m), (nos.Side, nos.PriceCents, nos.ClOrdId, nos.Quantity)); // buy No 0.40 = Yes ask 60
        Assert.Equal(FixTimeInForce.GoodTillCancel, nos.TimeInForce);
        await server.SendAsync(Report(spec.ClientOrderId, FixExecType.Trade, FixOrdStatus.PartiallyFilled, leaves: 3, cum: 2), FixPeer.Soon);
        var result = await placing;
        Assert.Equal(("ord-1", spec.ClientOrderId, KalshiSide.No, 0.40m, 2m, 3m, KalshiOrderStatus.Resting),
            (result.OrderId, result.ClientOrderId, result.Side, result.Price, result.FilledCount, result.RemainingCount, result.Status));
        Assert.Equal(0.58m, result.AverageFillPrice); // Yes 0.42 seen from the No side
        Assert.Equal(spec.ClientOrderId, set.Orders.Find("ord-1")!.ClOrdId);
    }

    [Theory]
    [InlineData(KalshiSide.Yes, KalshiAction.Buy, 0.30, '1', 30)]
    [InlineData(KalshiSide.Yes, KalshiAction.Sell, 0.30, '2', 30)]
    [InlineData(KalshiSide.No, KalshiAction.Buy, 0.30, '2', 70)]
    [InlineData(KalshiSide.No, KalshiAction.Sell, 0.30, '1', 70)]
    public void Side_and_price_map_to_the_Yes_book(KalshiSide side, KalshiAction action, double price, char fixSide, int cents)
    {
        var nos = FixOrderTranslation.ToNewOrderSingle(Spec(side, action, (decimal)price));
        Assert.Equal(((FixSide)fixSide, cents), (nos.Side, nos.PriceCents));
    }

    [Fact]
    public void What_FIX_cannot_carry_is_refused_before_anything_is_sent()
    {
        Assert.Contains("whole cent", Assert.Throws<OrderValidationException>(() => FixOrderTranslation.ToNewOrderSingle(Spec(price: 0.425m))).Message);
        Assert.Contains("-Via Rest", Assert.Throws<OrderValidationException>(() => FixOrderTranslation.CheckFixLimits(Spec(price: 0.005m))).Message);
        var reduce = Spec(); reduce.ReduceOnly = true;
        Assert.Contains("ReduceOnly", Assert.Throws<OrderValidationException>(() => FixOrderTranslation.CheckFixLimits(reduce)).Message);
        Assert.Contains("64", Assert.Throws<OrderValidationException>(() => FixOrderTranslation.CheckFixLimits(Spec(id: new string('a', 65)))).Message);
        Assert.Contains("letters", Assert.Throws<OrderValidationException>(() => FixOrderTranslation.CheckFixLimits(Spec(id: "a b"))).Message);
        var gtd = Spec(); gtd.ExpirationTime = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var nos = FixOrderTranslation.ToNewOrderSingle(gtd);
        Assert.Equal((FixTimeInForce.GoodTillDate, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), (nos.TimeInForce, nos.ExpireTime));
    }

    [Fact]
    public async Task A_reject_report_is_not_done_with_Kalshis_text()
    {
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        var spec = Spec();
        var placing = new FixOrderEntry(client, new FixConnectionSet()).PlaceAsync(spec, null!, FixPeer.Soon);
        await server.ReceiveAsync(FixPeer.Soon);
        await server.SendAsync(Report(spec.ClientOrderId, FixExecType.Rejected, FixOrdStatus.Rejected, execId: "-1;-1", leaves: 0, text: "insufficient balance"), FixPeer.Soon);
        var e = await Assert.ThrowsAsync<KalshiFixException>(() => placing);
        Assert.IsNotType<KalshiOutcomeUnknownException>(e);
        Assert.Equal(KalshiErrorKind.InvalidRequest, e.Kind);
        Assert.Contains("insufficient balance", e.Message);
    }

    [Fact]
    public async Task No_report_in_time_is_an_unknown_outcome_with_the_command_that_settles_it()
    {
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        var spec = Spec();
        var placing = new FixOrderEntry(client, new FixConnectionSet()).PlaceAsync(spec, null!, FixPeer.Soon);
        await server.ReceiveAsync(FixPeer.Soon); // it went out; the gateway stays silent
        Assert.False(placing.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(11));
        var e = await Assert.ThrowsAsync<KalshiOutcomeUnknownException>(() => placing);
        Assert.Equal(spec.ClientOrderId, e.ClientOrderId);
        Assert.Equal($"Get-KalshiOrder -Ticker KXTEST-1 -ClientOrderId {spec.ClientOrderId}", e.SettleCommand);
        Assert.Contains("unknown", e.Message);
    }

    [Fact]
    public async Task A_ClOrdID_is_never_sent_twice_by_one_session()
    {
        var set = new FixConnectionSet();
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        var entry = new FixOrderEntry(client, set);
        var spec = Spec(id: "my-order-1");
        var placing = entry.PlaceAsync(spec, null!, FixPeer.Soon);
        await server.ReceiveAsync(FixPeer.Soon);
        await server.SendAsync(Report("my-order-1", FixExecType.New, FixOrdStatus.New), FixPeer.Soon);
        await placing;
        var again = await Assert.ThrowsAsync<KalshiFixException>(() => entry.PlaceAsync(Spec(id: "my-order-1"), null!, FixPeer.Soon));
        Assert.Equal(KalshiErrorKind.Conflict, again.Kind);
        Assert.Contains("nothing was sent", again.Message);
        // The next thing the gateway receives is the probe, not a second order.
        await client.SendAsync(new FixMessage(FixAppMsgTypes.OrderCancelRequest).Add(11, "probe").Add(41, "x").Add(55, "KXTEST-1").Add(54, "1"), FixPeer.Soon);
        Assert.Equal("probe", (await server.ReceiveAsync(FixPeer.Soon))!.Get(11));
    }

    [Fact]
    public async Task A_connection_that_drops_after_the_order_went_out_leaves_it_unknown()
    {
        var (client, server, _) = await ConnectAsync();
        using var c = client;
        var spec = Spec();
        var placing = new FixOrderEntry(client, new FixConnectionSet()).PlaceAsync(spec, null!, FixPeer.Soon);
        await server.ReceiveAsync(FixPeer.Soon);
        server.Dispose(); // the gateway vanishes without answering
        var e = await Assert.ThrowsAsync<KalshiOutcomeUnknownException>(() => placing);
        Assert.Contains("connection closed", e.Message);
    }

    [Fact]
    public async Task A_cancel_reject_is_not_done_and_a_canceled_report_is_the_cancellation()
    {
        var set = new FixConnectionSet();
        var (client, server, _) = await ConnectAsync(observe: m => FixExecutionRecorder.Observe(set, m, true));
        using var c = client;
        var entry = new FixOrderEntry(client, set);
        var spec = Spec(id: "orig-1");
        var placing = entry.PlaceAsync(spec, null!, FixPeer.Soon);
        await server.ReceiveAsync(FixPeer.Soon);
        await server.SendAsync(Report("orig-1", FixExecType.New, FixOrdStatus.New, leaves: 5), FixPeer.Soon);
        await placing;

        var refused = entry.CancelAsync("ord-1", null, null, FixPeer.Soon);
        var f1 = (await server.ReceiveAsync(FixPeer.Soon))!;
        Assert.True(FixOrderCancelRequest.TryParse(f1, out var cancel1, out _));
        Assert.Equal(("orig-1", "ord-1", "KXTEST-1", FixSide.Buy), (cancel1.OrigClOrdId, cancel1.OrderId, cancel1.Symbol, cancel1.Side));
        await server.SendAsync(new FixOrderCancelReject { ClOrdId = cancel1.ClOrdId, OrigClOrdId = "orig-1", OrderId = "ord-1", OrdStatus = FixOrdStatus.Filled, Reason = 0, Text = "too late to cancel" }.ToMessage(), FixPeer.Soon);
        Assert.Contains("too late to cancel", (await Assert.ThrowsAsync<KalshiFixException>(() => refused)).Message);

        var canceling = entry.CancelAsync("ord-1", null, null, FixPeer.Soon);
        var f2 = (await server.ReceiveAsync(FixPeer.Soon))!;
        Assert.True(FixOrderCancelRequest.TryParse(f2, out var cancel2, out _));
        await server.SendAsync(Report(cancel2.ClOrdId, FixExecType.Canceled, FixOrdStatus.Canceled, leaves: 0), FixPeer.Soon);
        var done = await canceling;
        Assert.Equal(("ord-1", "orig-1", "KXTEST-1", 5m), (done.OrderId, done.ClientOrderId, done.Ticker, done.ReducedBy));
    }

    [Fact]
    public async Task An_amend_names_the_latest_ClOrdID_and_a_replaced_report_is_the_order_after()
    {
        var set = new FixConnectionSet();
        var (client, server, _) = await ConnectAsync(observe: m => FixExecutionRecorder.Observe(set, m, true));
        using var c = client;
        var entry = new FixOrderEntry(client, set);
        var before = new KalshiOrder { OrderId = "ord-1", ClientOrderId = "rest-id", Ticker = "KXTEST-1", Side = "Yes", Action = "Buy", BookSide = "bid", YesPrice = 0.42m, Price = 0.42m };
        var amending = entry.ReplaceAsync(before, "KXTEST-1", 0.45m, 8m, FixPeer.Soon);
        var g = (await server.ReceiveAsync(FixPeer.Soon))!;
        Assert.True(FixOrderCancelReplaceRequest.TryParse(g, out var replace, out var error), error);
        Assert.Equal(("rest-id", 45, 8m, FixSide.Buy), (replace.OrigClOrdId, replace.PriceCents, replace.Quantity, replace.Side));
        var er = new FixExecutionReport
        {
            OrderId = "ord-1", ClOrdId = replace.ClOrdId, OrigClOrdId = "rest-id", ExecId = "11;2", ExecType = FixExecType.Replaced, OrdStatus = FixOrdStatus.New,
            Symbol = "KXTEST-1", Side = FixSide.Buy, OrderQty = 8, CumQty = 0, LeavesQty = 8, PriceCents = 45,
        };
        await server.SendAsync(er.ToMessage(), FixPeer.Soon);
        var after = await amending;
        Assert.Equal((0.45m, 8m, "rest-id"), (after.Price, after.RemainingCount, after.ClientOrderId)); // the order's id, as REST shows it
        Assert.Equal(replace.ClOrdId, set.Orders.Find("ord-1")!.ClOrdId); // the next cancel or amend names this one
    }

    [Fact]
    public void Endpoints_come_from_parameters_then_variables_then_the_table()
    {
        var none = new Dictionary<string, string>();
        string? Var(Dictionary<string, string> d, string n) => d.TryGetValue(n, out var v) ? v : null;
        var prod = FixEndpoints.Resolve(KalshiFixSessionType.OrderEntry, false, KalshiEnvironment.Production, null, null, n => Var(none, n));
        Assert.Equal(("fix.elections.kalshi.com", 8228, "KalshiNR"), (prod.Host, prod.Port, prod.TargetCompId));
        var rt = FixEndpoints.Resolve(KalshiFixSessionType.OrderEntry, true, KalshiEnvironment.Demo, null, null, n => Var(none, n));
        Assert.Equal(("fix.demo.kalshi.co", 8230, "KalshiRT"), (rt.Host, rt.Port, rt.TargetCompId));
        Assert.Equal((8229, "KalshiDC"), (FixEndpoints.Resolve(KalshiFixSessionType.DropCopy, false, KalshiEnvironment.Demo, null, null, null).Port, "KalshiDC"));
        var vars = new Dictionary<string, string> { ["KALSHI_FIX_HOST"] = "127.0.0.1", ["KALSHI_FIX_DROP_COPY_PORT"] = "40129" };
        var sandbox = FixEndpoints.Resolve(KalshiFixSessionType.DropCopy, false, KalshiEnvironment.Custom, null, null, n => Var(vars, n));
        Assert.Equal(("127.0.0.1", 40129), (sandbox.Host, sandbox.Port));
        var given = FixEndpoints.Resolve(KalshiFixSessionType.DropCopy, false, KalshiEnvironment.Custom, "fix.example", 9000, n => Var(vars, n));
        Assert.Equal(("fix.example", 9000), (given.Host, given.Port));
        Assert.Contains("-HostName", Assert.Throws<ArgumentException>(() => FixEndpoints.Resolve(KalshiFixSessionType.OrderEntry, false, KalshiEnvironment.Custom, null, null, n => Var(none, n))).Message);
        var bad = new Dictionary<string, string> { ["KALSHI_FIX_ORDER_ENTRY_PORT"] = "eighty" };
        Assert.Contains("KALSHI_FIX_ORDER_ENTRY_PORT", Assert.Throws<ArgumentException>(() => FixEndpoints.Resolve(KalshiFixSessionType.OrderEntry, false, KalshiEnvironment.Production, null, null, n => Var(bad, n))).Message);
    }

    [Fact]
    public void Drop_copy_Since_maps_to_the_oldest_ExecID_seen_at_or_after_it()
    {
        var log = new FixExecutionLog();
        var t0 = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        log.Record("5;1", t0.AddMinutes(5));
        log.Record("3;1", t0.AddMinutes(3));
        log.Record("9;2", t0.AddMinutes(9));
        log.Record("3;1", t0.AddMinutes(30)); // the same report resent later keeps its first time
        Assert.Equal("3;1", log.OldestAtOrAfter(t0));
        Assert.Equal("5;1", log.OldestAtOrAfter(t0.AddMinutes(4)));
        Assert.Null(log.OldestAtOrAfter(t0.AddMinutes(10)));
    }

    [Fact]
    public void A_trace_buffer_never_blocks_and_says_how_many_lines_it_dropped()
    {
        var trace = new FixTrace();
        trace.Write("before anyone listens");
        using var buffer = trace.Attach(capacity: 2);
        for (int i = 0; i < 5; i++) trace.Write("line " + i);
        Assert.Equal(new[] { "line 0", "line 1", "FIX: 3 trace lines were not shown (the command wrote them more slowly than they came)." }, buffer.Drain());
        buffer.Dispose();
        trace.Write("after");
        Assert.Empty(buffer.Drain());
    }

    [Fact]
    public async Task A_market_data_subscription_takes_its_tickers_and_counts_what_it_missed()
    {
        var (client, server, _) = await ConnectAsync(Settings(KalshiFixSessionType.MarketData));
        using var c = client;
        using var sub = FixMarketDataSubscription.Open(client, new[] { "KXA-1" }, capacity: 1);
        using var everything = client.Subscribe(); // offered each message after sub: once it has the third, so has sub
        await sub.SendAsync(new FixMarketDataRequest { Type = FixSubscriptionType.SnapshotAndUpdates, Symbols = { "KXA-1" } }.ToMessage(), FixPeer.Soon);
        Assert.Equal("V", (await server.ReceiveAsync(FixPeer.Soon))!.MsgType);
        Snapshot(server, "KXB-1");               // another ticker: not this reader's
        Snapshot(server, "KXA-1");
        Snapshot(server, "KXA-1");               // the queue (1) is full: lost for this reader
        for (int i = 0; i < 3; i++) await everything.TakeAsync(FixPeer.Soon);
        Assert.Equal("KXA-1", (await sub.ReceiveAsync(FixPeer.Soon))!.Get(FixAppTags.Symbol));
        Assert.Equal(1, sub.Missed);
        Assert.False(FixMarketDataSubscription.Filter(new[] { "KXA-1" })(new FixMessage(FixAppMsgTypes.ExecutionReport).Add(55, "KXA-1")));
        Assert.True(FixMarketDataSubscription.Filter(new[] { "KXA-1" })(new FixMessage(FixAppMsgTypes.MarketDataIncrementalRefresh).Add(268, 1).Add(279, "0").Add(55, "kxa-1")));
        await server.LogoutAsync(null, FixPeer.Soon);
        Assert.Null(await sub.ReceiveAsync(FixPeer.Soon));
    }

    private static void Snapshot(FixSession server, string ticker) =>
        server.SendAsync(new FixMarketDataSnapshot { Symbol = ticker, Entries = { new FixMdEntry { Type = FixMdEntryType.Bid, PriceDollars = 0.35m, Size = 10 } } }.ToMessage(), FixPeer.Soon).GetAwaiter().GetResult();

    [Fact]
    public void KalshiRT_restarts_its_sequence_numbers_once_a_Thursday_window_passed_since_they_were_used()
    {
        var folder = Directory.CreateTempSubdirectory("kalships-fix-seq-").FullName;
        try
        {
            var store = new FixFileSequenceStore(folder);
            var rt = Settings(); rt.Retransmit = true; rt.Endpoint = new FixEndpoint("gateway.test", 8230, "KalshiRT");
            var id = FixSessionOptions.SessionIdOf(FixVersions.FixT11, Keys.KeyId, "KalshiRT");
            var thursday = new DateTimeOffset(2026, 4, 30, 7, 0, 0, TimeSpan.Zero); // 03:00 EDT
            Assert.False(FixConnector.MaintenancePassed(rt, store, thursday.AddHours(3))); // nothing stored yet
            store.Save(id, new FixSequenceNumbers(40, 31));
            File.SetLastWriteTimeUtc(store.PathFor(id), thursday.UtcDateTime.AddHours(-1));
            Assert.True(FixConnector.MaintenancePassed(rt, store, thursday.AddHours(3)));
            Assert.False(FixConnector.MaintenancePassed(rt, store, thursday.AddHours(-0.5)));
            Assert.False(FixConnector.MaintenancePassed(Settings(), store, thursday.AddHours(3))); // KalshiNR resets on every logon anyway
            rt.ResetSequenceNumbers = true;
            Assert.True(rt.ToSessionOptions().ResetSeqNumOnLogon);
            Assert.True(rt.ToSessionOptions().PeerRetransmits);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
