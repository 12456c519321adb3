using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// KalshiNR / KalshiRT: NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest on the same engine, lock
/// and validation as REST's create, cancel and amend. Successful requests are answered by the execution reports the
/// engine's events produce (<see cref="FixExecutionFeed"/>), which every order entry session of the user receives;
/// refusals (ExecutionReport Rejected, OrderCancelReject) go to the requesting session only. Each request is checked
/// and carried out under the exchange lock, so a duplicate ClOrdID can never become a second order.
/// </summary>
internal sealed class OrderEntryHandler : IFixSessionHandler
{
    public async Task RunAsync(FixGatewaySession s, CancellationToken ct)
    {
        while (await s.Session.ReceiveAsync(ct) is { } m)
        {
            switch (m.MsgType)
            {
                case FixAppMsgTypes.NewOrderSingle: NewOrder(s, m); break;
                case FixAppMsgTypes.OrderCancelRequest: Cancel(s, m); break;
                case FixAppMsgTypes.OrderCancelReplaceRequest: Replace(s, m); break;
                case FixMsgTypes.Reject: break; // the client rejected one of ours: nothing to undo
                default:
                    s.Enqueue(FixGatewayReplies.BusinessReject(m, 3, $"MsgType {m.MsgType} is not supported on {s.Kind.CompId()} (order mass cancel is not in Kalshi's FIX documentation)"));
                    break;
            }
        }
    }

    private static void NewOrder(FixGatewaySession s, FixMessage m)
    {
        var ex = s.Exchange;
        var now = ex.Clock.GetUtcNow();
        if (!FixNewOrderSingle.TryParse(m, out var nos, out var error)) { s.Enqueue(FixReports.Rejected(m, error, 99, now)); return; }
        var request = ToOrderRequest(nos, now, out error);
        if (request == null) { s.Enqueue(FixReports.Rejected(m, error, 99, now)); return; }
        lock (ex.Gate)
        {
            if (s.Gateway.Executions.IsOpenClOrdId(s.UserId, nos.ClOrdId))
            {
                s.Enqueue(FixReports.Rejected(m, $"Duplicate ClOrdID {nos.ClOrdId}: an open order already has it; no second order was placed", 6, now));
                return;
            }
            try
            {
                var placed = ex.PlaceOrder(s.UserId, request);
                s.NotePlaced(placed.Order.OrderId);
            }
            catch (ExchangeException e)
            {
                var text = e.Code == "order_already_exists"
                    ? $"Duplicate ClOrdID {nos.ClOrdId}: an order with it already exists; no second order was placed (order_already_exists)"
                    : $"{e.Message} ({e.Code})";
                s.Enqueue(FixReports.Rejected(m, text, FixReports.RejectReasonOf(e.Code), now));
            }
        }
    }

    /// <summary>The REST order a NewOrderSingle means (FIX prices are Yes cents); null with the reason when FIX itself rules it out.</summary>
    internal static OrderRequest? ToOrderRequest(FixNewOrderSingle nos, DateTimeOffset now, out string error)
    {
        error = FixClOrdId.Problem(nos.ClOrdId) ?? "";
        if (error.Length > 0) return null;
        if (nos.MaxExecutionCost != null) { error = "MaxExecutionCost (21009) is not supported by the sandbox"; return null; }
        if (nos.Subaccount is < 0 or > 63) { error = "AllocAccount (79) is a subaccount number, 0 to 63"; return null; }
        var stp = nos.SelfTradePrevention switch
        {
            null or 1 => SelfTradePrevention.TakerAtCross,
            2 => SelfTradePrevention.Maker,
            _ => (SelfTradePrevention?)null,
        };
        if (stp == null) { error = "SelfTradePreventionType (2964) is 1 (taker at cross) or 2 (maker)"; return null; }
        var tif = TimeInForce.GoodTillCanceled;
        long? expiration = null;
        switch (nos.TimeInForce)
        {
            case null or FixTimeInForce.GoodTillCancel: break;
            case FixTimeInForce.ImmediateOrCancel: tif = TimeInForce.ImmediateOrCancel; break;
            case FixTimeInForce.FillOrKill: tif = TimeInForce.FillOrKill; break;
            case FixTimeInForce.Day: expiration = EndOfEasternDay(now); break;
            case FixTimeInForce.GoodTillDate:
                var at = (nos.ExpireTime!.Value.ToUnixTimeMilliseconds() + 999) / 1000;
                if (at <= now.ToUnixTimeSeconds()) tif = TimeInForce.ImmediateOrCancel; // Kalshi: a past GTD date is IOC
                else expiration = at;
                break;
        }
        return new OrderRequest
        {
            Ticker = nos.Symbol, Side = FixReports.SideOf(nos.Side), Price = nos.PriceCents / 100m, Count = nos.Quantity,
            TimeInForce = tif, ExpirationTime = expiration, SelfTradePrevention = stp.Value, ClientOrderId = nos.ClOrdId,
            PostOnly = nos.PostOnly, CancelOrderOnPause = nos.CancelOrderOnPause ?? false, OrderGroupId = nos.OrderGroupId,
            Subaccount = nos.Subaccount ?? 0,
        };
    }

    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Day orders expire at 11:59:59.999 pm ET: the next Eastern midnight, in Unix seconds.
    internal static long EndOfEasternDay(DateTimeOffset now)
    {
        var et = TimeZoneInfo.ConvertTime(now, Eastern);
        var midnight = et.Date.AddDays(1);
        return new DateTimeOffset(midnight, Eastern.GetUtcOffset(midnight)).ToUnixTimeSeconds();
    }

    private static void Cancel(FixGatewaySession s, FixMessage m)
    {
        if (!FixOrderCancelRequest.TryParse(m, out var r, out var error)) { s.Enqueue(FixGatewayReplies.CancelReject(m, null, false, 99, error)); return; }
        Change(s, m, forReplace: false, r.ClOrdId, r.OrderId, r.OrigClOrdId, r.Symbol, r.Side, o => s.Exchange.CancelOrder(s.UserId, o.OrderId, o.Subaccount));
    }

    private static void Replace(FixGatewaySession s, FixMessage m)
    {
        if (!FixOrderCancelReplaceRequest.TryParse(m, out var r, out var error)) { s.Enqueue(FixGatewayReplies.CancelReject(m, null, true, 99, error)); return; }
        Change(s, m, forReplace: true, r.ClOrdId, r.OrderId, r.OrigClOrdId, r.Symbol, r.Side, o =>
        {
            s.Exchange.AmendOrder(s.UserId, o.OrderId, r.PriceCents / 100m, r.Quantity, FixReports.SideOf(r.Side), null, o.Subaccount);
            if (!s.Gateway.Executions.PendingReported) s.Gateway.Executions.ReportUnchangedReplace(o);
        });
    }

    // A cancel or replace: find the order, check the new ClOrdID, then change it under the lock with the request
    // pending, so the engine's report carries the new ClOrdID; anything refused is an OrderCancelReject.
    private static void Change(FixGatewaySession s, FixMessage m, bool forReplace, string clOrdId, string? orderId, string? origClOrdId,
        string symbol, FixSide side, Action<Order> change)
    {
        var feed = s.Gateway.Executions;
        lock (s.Exchange.Gate)
        {
            var o = FindOrder(s, orderId, origClOrdId, symbol, side, out var problem, out var reason);
            var clash = problem == null ? NewClOrdIdProblem(s, clOrdId, o!) : null;
            if (o == null || problem != null || clash != null) { s.Enqueue(FixGatewayReplies.CancelReject(m, o, forReplace, clash != null ? 99 : reason, problem ?? clash!)); return; }
            feed.BeginRequest(o.OrderId, clOrdId);
            try { change(o); }
            catch (ExchangeException e) { s.Enqueue(FixGatewayReplies.CancelReject(m, o, forReplace, 99, $"{e.Message} ({e.Code})")); }
            finally { feed.EndRequest(); }
        }
    }

    // The order a cancel or replace names: by OrderID (37) when given, else by the ClOrdID it answers to now (41).
    private static Order? FindOrder(FixGatewaySession s, string? orderId, string? origClOrdId, string symbol, FixSide side, out string? problem, out int reason)
    {
        var ex = s.Exchange;
        problem = null; reason = 1;
        Order? o = null;
        if (!string.IsNullOrEmpty(orderId)) o = ex.GetOrder(orderId) is { } byId && byId.UserId == s.UserId ? byId : null;
        else if (!string.IsNullOrEmpty(origClOrdId))
        {
            var open = s.Gateway.Executions.OpenOrderIdOf(s.UserId, origClOrdId);
            o = open != null ? ex.GetOrder(open)
                : ex.GetOrders(s.UserId).Where(x => x.ClientOrderId == origClOrdId).OrderByDescending(x => x.Status == OrderStatus.Resting).FirstOrDefault();
        }
        if (o == null) { problem = $"Unknown order: no order of yours has {(string.IsNullOrEmpty(orderId) ? "ClOrdID " + origClOrdId : "OrderID " + orderId)}"; return null; }
        if (o.Status != OrderStatus.Resting) { problem = $"Too late: order {o.OrderId} is {WireNames.Of(o.Status)}"; reason = 0; return o; }
        if (o.Ticker != symbol) { problem = $"Symbol (55) {symbol} is not the order's market {o.Ticker}"; reason = 99; return o; }
        if (FixReports.SideOf(side) != o.Side) { problem = "Side (54) does not match the order's side; a side cannot change"; reason = 99; return o; }
        return o;
    }

    private static string? NewClOrdIdProblem(FixGatewaySession s, string clOrdId, Order target)
    {
        var problem = FixClOrdId.Problem(clOrdId);
        if (problem != null) return problem;
        var holder = s.Gateway.Executions.OpenOrderIdOf(s.UserId, clOrdId);
        return holder != null && holder != target.OrderId ? $"Duplicate ClOrdID {clOrdId}: another open order already has it" : null;
    }
}
