using System.Text.Json;
using KalshiPS.Fix;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>Order entry over FIX on the one engine REST and WebSocket use: reports, unsolicited reports, refusals.</summary>
public sealed class FixOrderEntryTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private string _t = "";

    public async Task InitializeAsync()
    {
        _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 5, RfqDesk = false });
        _t = FixTestOrders.AddQuietMarket(_s);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private object RestOrder(string side, string price, int count, string tif = "good_till_canceled", string? cid = null) => new
    {
        ticker = _t, side, price, count = count + ".00", time_in_force = tif, self_trade_prevention_type = "taker_at_cross", client_order_id = cid,
    };

    [Fact]
    public async Task A_new_order_single_is_reported_new_and_is_the_same_order_over_REST()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-new-1", _t, FixSide.Buy, 42, 5));
        var er = await fix.ExecutionAsync(FixExecType.New);
        Assert.Equal("cl-new-1", er.ClOrdId);
        Assert.Equal(FixOrdStatus.New, er.OrdStatus);
        Assert.Equal(42m, er.PriceCents);
        Assert.Equal(5m, er.LeavesQty);
        Assert.Equal(0m, er.CumQty);
        Assert.Equal(_t, er.Symbol);
        Assert.True(FixExecId.TryParse(er.ExecId, out _, out _));

        using var rest = new TestClient(_s);
        var (status, body) = await rest.GetAsync("/portfolio/orders/" + er.OrderId);
        Assert.Equal(200, status);
        var order = body.GetProperty("order");
        Assert.Equal("cl-new-1", order.GetProperty("client_order_id").GetString());
        Assert.Equal("0.4200", order.GetProperty("yes_price_dollars").GetString());
        Assert.Equal("resting", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_sell_is_a_yes_ask_so_it_rests_as_a_no_bid()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-sell", _t, FixSide.Sell, 60, 3));
        var er = await fix.ExecutionAsync(FixExecType.New);
        Assert.Equal(FixSide.Sell, er.Side);
        var o = _s.Exchange.GetOrder(er.OrderId)!;
        Assert.Equal(OrderSide.Ask, o.Side);
        Assert.Equal(0.60m, o.YesPrice);
        Assert.Equal(0.40m, Assert.Single(_s.Exchange.GetBook(_t).No).Price);
    }

    [Fact]
    public async Task A_crossing_REST_order_from_someone_else_fills_the_FIX_order_visible_over_FIX_REST_and_WebSocket()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        using var ws = await SandboxSocket.ConnectAsync(_s);
        await SandboxSocket.SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "fill" } } });
        Assert.Equal("subscribed", (await SandboxSocket.ReceiveAsync(ws)).GetProperty("type").GetString());

        await fix.SendAsync(FixTestOrders.Order("cl-maker", _t, FixSide.Buy, 40, 5));
        var placed = await fix.ExecutionAsync(FixExecType.New);

        using var other = TestClient.NewUser(_s);
        var (st, _) = await other.PostAsync("/portfolio/events/orders", RestOrder("ask", "0.4000", 3));
        Assert.Equal(201, st);

        var trade = await fix.ExecutionAsync(FixExecType.Trade);
        Assert.Equal(placed.OrderId, trade.OrderId);
        Assert.Equal("cl-maker", trade.ClOrdId);
        Assert.Equal(3m, trade.LastQty);
        Assert.Equal(40m, trade.LastPxCents);
        Assert.Equal(3m, trade.CumQty);
        Assert.Equal(2m, trade.LeavesQty);
        Assert.Equal(FixOrdStatus.PartiallyFilled, trade.OrdStatus);
        Assert.Equal(40m, trade.AvgPxCents);

        using var rest = new TestClient(_s);
        var (_, fills) = await rest.GetAsync("/portfolio/fills?order_id=" + placed.OrderId);
        var fill = Assert.Single(fills.GetProperty("fills").EnumerateArray());
        Assert.Equal("3.00", fill.GetProperty("count_fp").GetString());
        Assert.Equal("0.4000", fill.GetProperty("yes_price_dollars").GetString());

        var wsFill = await SandboxSocket.ReceiveAsync(ws);
        Assert.Equal("fill", wsFill.GetProperty("type").GetString());
        Assert.Equal(placed.OrderId, wsFill.GetProperty("msg").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task A_taker_order_that_fills_at_once_is_reported_new_then_trade_and_IOC_leftovers_canceled()
    {
        _s.Exchange.PlaceOrder(Exchange.HouseUserId, new OrderRequest { Ticker = _t, Side = OrderSide.Ask, Price = 0.55m, Count = 2 });
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-ioc", _t, FixSide.Buy, 56, 5, FixTimeInForce.ImmediateOrCancel));
        var first = await fix.ExecutionAsync(FixExecType.New);
        var trade = await fix.ExecutionAsync(FixExecType.Trade);
        Assert.Equal(55m, trade.LastPxCents); // at the resting order's price
        Assert.Equal(2m, trade.LastQty);
        var canceled = await fix.ExecutionAsync(FixExecType.Canceled);
        Assert.Equal(first.OrderId, canceled.OrderId);
        Assert.Equal(0m, canceled.LeavesQty);
        Assert.Equal(2m, canceled.CumQty);
        Assert.True(FixExecId.Compare(first.ExecId, trade.ExecId) < 0 && FixExecId.Compare(trade.ExecId, canceled.ExecId) < 0);
    }

    [Fact]
    public async Task An_order_placed_over_FIX_and_canceled_over_REST_is_reported_canceled_unsolicited()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.Retransmit);
        await fix.SendAsync(FixTestOrders.Order("cl-rest-cancel", _t, FixSide.Buy, 30, 4));
        var placed = await fix.ExecutionAsync(FixExecType.New);
        using var rest = new TestClient(_s);
        var (st, _) = await rest.DeleteAsync("/portfolio/events/orders/" + placed.OrderId);
        Assert.Equal(200, st);
        var canceled = await fix.ExecutionAsync(FixExecType.Canceled);
        Assert.Equal(placed.OrderId, canceled.OrderId);
        Assert.Equal("cl-rest-cancel", canceled.ClOrdId);
        Assert.Equal(FixOrdStatus.Canceled, canceled.OrdStatus);
    }

    [Fact]
    public async Task Every_order_entry_session_of_the_user_gets_the_reports()
    {
        using var nr = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        using var rt = await FixTestClient.LogonAsync(_s, FixSessionKind.Retransmit);
        await nr.SendAsync(FixTestOrders.Order("cl-both", _t, FixSide.Buy, 20, 1));
        Assert.Equal("cl-both", (await nr.ExecutionAsync(FixExecType.New)).ClOrdId);
        Assert.Equal("cl-both", (await rt.ExecutionAsync(FixExecType.New)).ClOrdId);
    }

    [Fact]
    public async Task A_duplicate_ClOrdID_is_rejected_and_never_becomes_a_second_order()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-dup", _t, FixSide.Buy, 25, 1));
        await fix.ExecutionAsync(FixExecType.New);
        await fix.SendAsync(FixTestOrders.Order("cl-dup", _t, FixSide.Buy, 26, 1));
        var rejected = await fix.ExecutionAsync(FixExecType.Rejected);
        Assert.Equal(FixOrdStatus.Rejected, rejected.OrdStatus);
        Assert.Equal("cl-dup", rejected.ClOrdId);
        Assert.Equal(6, rejected.OrdRejReason);
        Assert.Contains("Duplicate ClOrdID", rejected.Text);
        Assert.Single(_s.Exchange.GetOrders(_s.UserId), o => o.ClientOrderId == "cl-dup");
    }

    [Fact]
    public async Task Invalid_orders_get_the_same_refusals_as_REST_as_rejected_reports()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-nomarket", "NOPE-1", FixSide.Buy, 25, 1));
        var unknown = await fix.ExecutionAsync(FixExecType.Rejected);
        Assert.Equal(1, unknown.OrdRejReason);
        Assert.Contains("market_not_found", unknown.Text);
        _s.Exchange.SetBalance(_s.UserId, 0.10m);
        await fix.SendAsync(FixTestOrders.Order("cl-poor", _t, FixSide.Buy, 50, 10));
        Assert.Contains("insufficient_balance", (await fix.ExecutionAsync(FixExecType.Rejected)).Text);
        await fix.SendAsync(FixTestOrders.Order("bad id with spaces", _t, FixSide.Buy, 5, 1));
        Assert.Contains("ClOrdID", (await fix.ExecutionAsync(FixExecType.Rejected)).Text);
        Assert.DoesNotContain(_s.Exchange.GetOrders(_s.UserId), o => o.ClientOrderId is "cl-nomarket" or "cl-poor");
    }

    [Fact]
    public async Task Post_only_crossing_the_book_is_rejected_and_post_only_resting_is_new()
    {
        _s.Exchange.PlaceOrder(Exchange.HouseUserId, new OrderRequest { Ticker = _t, Side = OrderSide.Ask, Price = 0.50m, Count = 1 });
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        var cross = new FixNewOrderSingle { ClOrdId = "cl-po-x", Symbol = _t, Side = FixSide.Buy, PriceCents = 50, Quantity = 1, PostOnly = true }.ToMessage();
        await fix.SendAsync(cross);
        Assert.Contains("post_only_cross", (await fix.ExecutionAsync(FixExecType.Rejected)).Text);
        var rest = new FixNewOrderSingle { ClOrdId = "cl-po-ok", Symbol = _t, Side = FixSide.Buy, PriceCents = 49, Quantity = 1, PostOnly = true }.ToMessage();
        await fix.SendAsync(rest);
        Assert.True(_s.Exchange.GetOrder((await fix.ExecutionAsync(FixExecType.New)).OrderId)!.PostOnly);
    }

    [Fact]
    public async Task Cancel_replace_changes_price_and_size_then_cancel_ends_it_and_late_requests_get_cancel_rejects()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-a", _t, FixSide.Buy, 30, 5));
        var placed = await fix.ExecutionAsync(FixExecType.New);

        await fix.SendAsync(new FixOrderCancelReplaceRequest { ClOrdId = "cl-b", OrigClOrdId = "cl-a", Symbol = _t, Side = FixSide.Buy, Quantity = 8, PriceCents = 33 }.ToMessage());
        var replaced = await fix.ExecutionAsync(FixExecType.Replaced);
        Assert.Equal(placed.OrderId, replaced.OrderId);
        Assert.Equal("cl-b", replaced.ClOrdId);
        Assert.Equal("cl-a", replaced.OrigClOrdId);
        Assert.Equal(33m, replaced.PriceCents);
        Assert.Equal(8m, replaced.OrderQty);
        Assert.Equal(0.33m, _s.Exchange.GetOrder(placed.OrderId)!.YesPrice);

        // Unchanged price and size still answers Replaced (the client waits for it).
        await fix.SendAsync(new FixOrderCancelReplaceRequest { ClOrdId = "cl-c", OrigClOrdId = "cl-b", Symbol = _t, Side = FixSide.Buy, Quantity = 8, PriceCents = 33 }.ToMessage());
        Assert.Equal("cl-c", (await fix.ExecutionAsync(FixExecType.Replaced)).ClOrdId);

        await fix.SendAsync(new FixOrderCancelRequest { ClOrdId = "cl-d", OrigClOrdId = "cl-c", Symbol = _t, Side = FixSide.Buy }.ToMessage());
        var canceled = await fix.ExecutionAsync(FixExecType.Canceled);
        Assert.Equal("cl-d", canceled.ClOrdId);
        Assert.Equal("cl-c", canceled.OrigClOrdId);
        Assert.Equal(OrderStatus.Canceled, _s.Exchange.GetOrder(placed.OrderId)!.Status);

        await fix.SendAsync(new FixOrderCancelRequest { ClOrdId = "cl-e", OrderId = placed.OrderId, Symbol = _t, Side = FixSide.Buy }.ToMessage());
        Assert.True(FixOrderCancelReject.TryParse(await fix.ReceiveAsync(FixAppMsgTypes.OrderCancelReject), out var late, out _));
        Assert.False(late.ForReplace);
        Assert.Equal(0, late.Reason);
        Assert.Equal(FixOrdStatus.Canceled, late.OrdStatus);

        await fix.SendAsync(new FixOrderCancelReplaceRequest { ClOrdId = "cl-f", OrigClOrdId = "never-placed", Symbol = _t, Side = FixSide.Buy, Quantity = 1, PriceCents = 10 }.ToMessage());
        Assert.True(FixOrderCancelReject.TryParse(await fix.ReceiveAsync(FixAppMsgTypes.OrderCancelReject), out var unknown, out _));
        Assert.True(unknown.ForReplace);
        Assert.Equal(1, unknown.Reason);
        Assert.Contains("Unknown order", unknown.Text);
    }

    [Fact]
    public async Task A_replace_the_engine_refuses_gets_a_cancel_reject_and_changes_nothing()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-r1", _t, FixSide.Buy, 30, 5));
        var placed = await fix.ExecutionAsync(FixExecType.New);
        await fix.SendAsync(new FixOrderCancelReplaceRequest { ClOrdId = "cl-r2", OrigClOrdId = "cl-r1", Symbol = _t, Side = FixSide.Sell, Quantity = 5, PriceCents = 30 }.ToMessage());
        Assert.True(FixOrderCancelReject.TryParse(await fix.ReceiveAsync(FixAppMsgTypes.OrderCancelReject), out var reject, out _));
        Assert.True(reject.ForReplace);
        Assert.Contains("Side (54)", reject.Text);
        Assert.Equal(0.30m, _s.Exchange.GetOrder(placed.OrderId)!.YesPrice);
        // The order still answers to its old ClOrdID.
        await fix.SendAsync(new FixOrderCancelRequest { ClOrdId = "cl-r3", OrigClOrdId = "cl-r1", Symbol = _t, Side = FixSide.Buy }.ToMessage());
        Assert.Equal("cl-r1", (await fix.ExecutionAsync(FixExecType.Canceled)).OrigClOrdId);
    }

    [Fact]
    public async Task An_expired_good_till_date_order_is_reported_expired()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        var gtd = new FixNewOrderSingle
        {
            ClOrdId = "cl-gtd", Symbol = _t, Side = FixSide.Buy, PriceCents = 11, Quantity = 1,
            TimeInForce = FixTimeInForce.GoodTillDate, ExpireTime = DateTimeOffset.UtcNow.AddSeconds(2),
        }.ToMessage();
        await fix.SendAsync(gtd);
        var placed = await fix.ExecutionAsync(FixExecType.New);
        Assert.NotNull(_s.Exchange.GetOrder(placed.OrderId)!.ExpirationTime);
        var expired = await fix.ExecutionAsync(FixExecType.Expired); // the sandbox sweeps expiries every 0.5 s
        Assert.Equal(FixOrdStatus.Expired, expired.OrdStatus);
    }

    [Fact]
    public async Task AllocAccount_places_the_order_for_that_subaccount_and_an_unknown_one_is_refused()
    {
        var sub = _s.Exchange.CreateSubaccount(_s.UserId);
        _s.Exchange.SetBalance(_s.UserId, 50m, sub);
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(new FixNewOrderSingle { ClOrdId = "cl-sub", Symbol = _t, Side = FixSide.Buy, PriceCents = 10, Quantity = 1, Subaccount = sub }.ToMessage());
        var placed = await fix.ExecutionAsync(FixExecType.New);
        Assert.Equal(sub, placed.Subaccount);
        Assert.Equal(sub, _s.Exchange.GetOrder(placed.OrderId)!.Subaccount);
        await fix.SendAsync(new FixNewOrderSingle { ClOrdId = "cl-sub-x", Symbol = _t, Side = FixSide.Buy, PriceCents = 10, Quantity = 1, Subaccount = 63 }.ToMessage());
        Assert.Contains("invalid_subaccount", (await fix.ExecutionAsync(FixExecType.Rejected)).Text);
    }

    [Fact]
    public async Task A_day_order_expires_at_the_next_midnight_eastern_time()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(FixTestOrders.Order("cl-day", _t, FixSide.Buy, 11, 1, FixTimeInForce.Day));
        var o = _s.Exchange.GetOrder((await fix.ExecutionAsync(FixExecType.New)).OrderId)!;
        var et = TimeZoneInfo.ConvertTime(o.ExpirationTime!.Value, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(TimeSpan.Zero, et.TimeOfDay);
        Assert.InRange(o.ExpirationTime.Value - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(25));
        Assert.Equal(OrderEntryHandler.EndOfEasternDay(new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero)),   // Tue 23:00 EST
            new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        Assert.Equal(OrderEntryHandler.EndOfEasternDay(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)),   // EDT
            new DateTimeOffset(2026, 7, 2, 4, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Order_group_trigger_cancels_are_reported_unsolicited()
    {
        var group = _s.Exchange.CreateOrderGroup(_s.UserId, 10m);
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        var nos = new FixNewOrderSingle { ClOrdId = "cl-grp", Symbol = _t, Side = FixSide.Buy, PriceCents = 12, Quantity = 2, OrderGroupId = group.Id }.ToMessage();
        await fix.SendAsync(nos);
        var placed = await fix.ExecutionAsync(FixExecType.New);
        Assert.Equal(group.Id, _s.Exchange.GetOrder(placed.OrderId)!.OrderGroupId);
        _s.Exchange.TriggerOrderGroup(_s.UserId, group.Id);
        var canceled = await fix.ExecutionAsync(FixExecType.Canceled);
        Assert.Equal("OrderGroupCancel", canceled.Text);
    }

    [Fact]
    public async Task CancelOrdersOnDisconnect_cancels_the_orders_placed_over_that_session_when_it_drops()
    {
        using var keep = await FixTestClient.LogonAsync(_s, FixSessionKind.Retransmit);
        var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry, configure: o => o.LogonFields.Add(new FixField(FixTags.CancelOrdersOnDisconnect, "Y")));
        await fix.SendAsync(FixTestOrders.Order("cl-cod", _t, FixSide.Buy, 15, 1));
        var placed = await fix.ExecutionAsync(FixExecType.New);
        var rested = _s.Exchange.PlaceOrder(_s.UserId, new OrderRequest { Ticker = _t, Side = OrderSide.Bid, Price = 0.14m, Count = 1, ClientOrderId = "rest-keeps" });
        var canceled = FixTestOrders.WhenEvent(_s, e => e is OrderUpdateEvent u && u.Order.OrderId == placed.OrderId && u.Order.Status == OrderStatus.Canceled);
        fix.Dispose(); // the connection drops without Logout
        await canceled;
        Assert.Equal(OrderStatus.Resting, _s.Exchange.GetOrder(rested.Order.OrderId)!.Status); // placed over REST: kept
        Assert.Equal(placed.OrderId, (await keep.ExecutionAsync(FixExecType.Canceled)).OrderId); // the other session hears of it
    }

    [Fact]
    public async Task Order_mass_cancel_and_other_messages_get_a_business_reject()
    {
        using var fix = await FixTestClient.LogonAsync(_s, FixSessionKind.OrderEntry);
        await fix.SendAsync(new FixMessage("q").Add(11, "mass-1").Add(530, "7"));
        var reject = await fix.ReceiveAsync(FixAppMsgTypes.BusinessMessageReject);
        Assert.Equal("3", reject.Get(FixAppTags.BusinessRejectReason));
        Assert.Equal("q", reject.Get(FixTags.RefMsgType));
    }
}
