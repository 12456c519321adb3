using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>Engine orders as FIX execution reports (Fix/Application's typed records; prices are Yes prices in cents).</summary>
internal static class FixReports
{
    public static FixSide SideOf(OrderSide side) => side == OrderSide.Bid ? FixSide.Buy : FixSide.Sell;
    public static OrderSide SideOf(FixSide side) => side == FixSide.Buy ? OrderSide.Bid : OrderSide.Ask;

    /// <summary>Dollars as cents without trailing zeros (0.42 → 42, 0.425 → 42.5).</summary>
    public static decimal Cents(decimal dollars) => dollars * 100m / 1.000000000000000000000000000000000m;

    /// <summary>Average Yes price of the order's fills in cents (0 before any fill).</summary>
    public static decimal AvgPxCents(Order o)
    {
        if (o.FillCount <= 0) return 0m;
        decimal avgSide = (o.TakerFillCost + o.MakerFillCost) / o.FillCount;
        return Math.Round(Cents(o.Side == OrderSide.Bid ? avgSide : 1m - avgSide), 4);
    }

    public static FixTimeInForce TimeInForceOf(Order o) => o.TimeInForce switch
    {
        TimeInForce.ImmediateOrCancel => FixTimeInForce.ImmediateOrCancel,
        TimeInForce.FillOrKill => FixTimeInForce.FillOrKill,
        _ => o.ExpirationTime is null ? FixTimeInForce.GoodTillCancel : FixTimeInForce.GoodTillDate,
    };

    public static FixMessage Execution(Order o, string execId, FixExecType execType, FixOrdStatus status, string clOrdId, string? origClOrdId,
        decimal cum, decimal leaves, string? text, Fill? fill, DateTimeOffset now) =>
        new FixExecutionReport
        {
            OrderId = o.OrderId, ClOrdId = clOrdId, OrigClOrdId = origClOrdId, ExecId = execId, ExecType = execType, OrdStatus = status,
            Symbol = o.Ticker, Side = SideOf(o.Side), OrderQty = cum + leaves, CumQty = cum, LeavesQty = leaves,
            PriceCents = Cents(o.YesPrice), AvgPxCents = AvgPxCents(o),
            LastPxCents = fill is null ? null : Cents(fill.YesPrice), LastQty = fill?.Count,
            TimeInForce = TimeInForceOf(o), Subaccount = o.Subaccount == 0 ? null : o.Subaccount, Text = text, TransactTime = now,
        }.ToMessage();

    /// <summary>
    /// ExecutionReport Rejected (39=8, 150=8) for a NewOrderSingle the exchange refused: no order exists, so OrderID is
    /// "NONE" and the ExecID Kalshi gives reports outside its sequence ("-1;-1", which drop copy never returns).
    /// </summary>
    public static FixMessage Rejected(FixMessage request, string text, int ordRejReason, DateTimeOffset now)
    {
        FixValues.TryChar<FixSide>(request.Get(FixAppTags.Side) ?? "", out var side);
        FixValues.TryDecimal(request.Get(FixAppTags.OrderQty) ?? "", out var qty);
        FixValues.TryDecimal(request.Get(FixAppTags.Price) ?? "", out var price);
        return new FixExecutionReport
        {
            OrderId = "NONE", ClOrdId = request.Get(FixAppTags.ClOrdID) ?? "NONE", ExecId = "-1;-1", ExecType = FixExecType.Rejected,
            OrdStatus = FixOrdStatus.Rejected, Symbol = request.Get(FixAppTags.Symbol) ?? "NONE", Side = side == default ? FixSide.Buy : side,
            OrderQty = Math.Max(0m, qty), CumQty = 0m, LeavesQty = 0m, PriceCents = price > 0 ? price : null, AvgPxCents = 0m,
            OrdRejReason = ordRejReason, Text = text, TransactTime = now,
        }.ToMessage();
    }

    /// <summary>OrdRejReason (103) for an engine error code.</summary>
    public static int RejectReasonOf(string code) => code switch
    {
        "market_not_found" => 1,       // unknown symbol
        "market_closed" or "trading_paused" => 2, // exchange closed
        "order_already_exists" => 6,   // duplicate order
        "invalid_count" => 13,         // incorrect quantity
        "invalid_price" => 18,         // invalid price increment
        _ => 99,
    };
}
