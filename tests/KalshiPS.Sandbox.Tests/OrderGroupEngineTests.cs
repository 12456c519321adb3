using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>
/// Order groups in the engine, on a fake clock: the contracts limit is a rolling 15-second window of matched
/// contracts; reaching it (or a trigger) cancels the group's resting orders and refuses new ones until reset; delete
/// cancels them and removes the group.
/// </summary>
public class OrderGroupEngineTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Exchange _ex;
    private readonly List<ExchangeEvent> _events = new();
    private const string T = "TEST-26NOV24-X";
    private const string U = "trader";

    public OrderGroupEngineTests()
    {
        _ex = new Exchange(_clock, seed: 1, startingBalance: 1000m);
        _ex.AddMarket(new Market
        {
            Ticker = T, EventTicker = "TEST-26NOV24", SeriesTicker = "TEST", Title = "t", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.LinearCent, CloseTime = _clock.GetUtcNow().AddDays(1),
        });
        _ex.Events.Subscribe(e => _events.Add(e));
    }

    private PlaceResult Place(string user, OrderSide side, decimal price, decimal count, string? group = null, TimeInForce tif = TimeInForce.GoodTillCanceled) =>
        _ex.PlaceOrder(user, new OrderRequest { Ticker = T, Side = side, Price = price, Count = count, TimeInForce = tif, SelfTradePrevention = SelfTradePrevention.TakerAtCross, OrderGroupId = group });

    private List<string> GroupEvents(string id) => _events.OfType<OrderGroupEvent>().Where(e => e.OrderGroupId == id).Select(e => e.EventType).ToList();

    [Fact]
    public void A_taker_in_a_group_matches_up_to_the_limit_then_the_group_triggers_and_cancels_its_orders()
    {
        var g = _ex.CreateOrderGroup(U, 10m);
        var resting = Place(U, OrderSide.Bid, 0.10m, 5, g.Id).Order;      // far from the market, in the group
        Place("maker", OrderSide.Ask, 0.50m, 25);                          // 25 offered at 0.50

        var taker = Place(U, OrderSide.Bid, 0.50m, 20, g.Id);

        Assert.Equal(10m, taker.FillCount);                                  // never past the limit
        Assert.Equal(OrderStatus.Canceled, taker.Order.Status);              // its remainder is canceled by the trigger
        Assert.Equal(OrderStatus.Canceled, resting.Status);
        Assert.Equal("OrderGroupCancel", resting.LastUpdateReason);
        Assert.True(_ex.GetOrderGroup(U, g.Id).Triggered);
        Assert.Equal(new[] { "created", "triggered" }, GroupEvents(g.Id));
        Assert.Empty(_ex.GetBook(T).Yes);                                    // nothing of the group rests
        Assert.Equal(new[] { (0.50m, 15m) }, _ex.GetBook(T).No);              // the rest of the offer is untouched
    }

    [Fact]
    public void A_triggered_group_refuses_new_orders_until_reset()
    {
        var g = _ex.CreateOrderGroup(U, 10m);
        _ex.TriggerOrderGroup(U, g.Id);

        var refused = Assert.Throws<ExchangeException>(() => Place(U, OrderSide.Bid, 0.10m, 1, g.Id));
        Assert.Equal(400, refused.Status);
        Assert.Equal("order_group_triggered", refused.Code);
        Assert.Empty(_ex.GetOrders(U));                                      // nothing was placed

        _ex.ResetOrderGroup(U, g.Id);
        var placed = Place(U, OrderSide.Bid, 0.10m, 1, g.Id);
        Assert.Equal(OrderStatus.Resting, placed.Order.Status);
        Assert.Equal(new[] { "created", "triggered", "reset" }, GroupEvents(g.Id));
    }

    [Fact]
    public void Trigger_cancels_resting_orders_even_below_the_limit_and_leaves_other_orders_alone()
    {
        var g = _ex.CreateOrderGroup(U, 100m);
        var inGroup = Place(U, OrderSide.Bid, 0.10m, 3, g.Id).Order;
        var outside = Place(U, OrderSide.Bid, 0.11m, 3).Order;
        decimal cashBefore = _ex.GetBalance(U);

        _ex.TriggerOrderGroup(U, g.Id);

        Assert.Equal(OrderStatus.Canceled, inGroup.Status);
        Assert.Equal(OrderStatus.Resting, outside.Status);
        Assert.Equal(cashBefore + 0.30m, _ex.GetBalance(U));                  // the reservation came back
        Assert.Equal(new[] { (0.11m, 3m) }, _ex.GetBook(T).Yes);
    }

    [Fact]
    public void The_limit_counts_a_rolling_15_second_window()
    {
        var g = _ex.CreateOrderGroup(U, 10m);
        Place("maker", OrderSide.Ask, 0.50m, 100);

        Assert.Equal(6m, Place(U, OrderSide.Bid, 0.50m, 6, g.Id).FillCount);   // t = 0: 6 of 10
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3m, Place(U, OrderSide.Bid, 0.50m, 3, g.Id, TimeInForce.ImmediateOrCancel).FillCount); // t = 10: 9 of 10
        Assert.Equal(9m, _ex.MatchedInWindow(U, g.Id));
        Assert.False(_ex.GetOrderGroup(U, g.Id).Triggered);

        _clock.Advance(TimeSpan.FromSeconds(5));                              // t = 15: the first 6 leave the window
        Assert.Equal(3m, _ex.MatchedInWindow(U, g.Id));
        Assert.Equal(6m, Place(U, OrderSide.Bid, 0.50m, 6, g.Id, TimeInForce.ImmediateOrCancel).FillCount); // 9 of 10 again
        Assert.False(_ex.GetOrderGroup(U, g.Id).Triggered);

        var over = Place(U, OrderSide.Bid, 0.50m, 5, g.Id, TimeInForce.ImmediateOrCancel);  // only 1 fits
        Assert.Equal(1m, over.FillCount);
        Assert.True(_ex.GetOrderGroup(U, g.Id).Triggered);
    }

    [Fact]
    public void Resting_orders_of_a_group_count_as_makers_too()
    {
        var g = _ex.CreateOrderGroup(U, 4m);
        var a = Place(U, OrderSide.Bid, 0.40m, 3, g.Id).Order;
        var b = Place(U, OrderSide.Bid, 0.39m, 3, g.Id).Order;

        var taker = Place("other", OrderSide.Ask, 0.39m, 10, tif: TimeInForce.ImmediateOrCancel);

        Assert.Equal(4m, taker.FillCount);                                     // 3 from a, then only 1 from b
        Assert.Equal(3m, a.FillCount);
        Assert.Equal(1m, b.FillCount);
        Assert.Equal(OrderStatus.Canceled, b.Status);                          // the trigger canceled b's remainder
        Assert.True(_ex.GetOrderGroup(U, g.Id).Triggered);
        Assert.Equal(4m, _ex.GetPosition(U, T));
    }

    [Fact]
    public void Fill_or_kill_that_the_group_limit_cannot_fill_is_killed_whole()
    {
        var g = _ex.CreateOrderGroup(U, 5m);
        Place("maker", OrderSide.Ask, 0.50m, 20);

        var fok = Place(U, OrderSide.Bid, 0.50m, 8, g.Id, TimeInForce.FillOrKill);

        Assert.Equal(0m, fok.FillCount);
        Assert.Equal(OrderStatus.Canceled, fok.Order.Status);
        Assert.False(_ex.GetOrderGroup(U, g.Id).Triggered);
    }

    [Fact]
    public void Lowering_the_limit_below_what_the_window_matched_triggers_at_once()
    {
        var g = _ex.CreateOrderGroup(U, 10m);
        Place("maker", OrderSide.Ask, 0.50m, 20);
        Place(U, OrderSide.Bid, 0.50m, 6, g.Id);
        var resting = Place(U, OrderSide.Bid, 0.10m, 2, g.Id).Order;

        _ex.UpdateOrderGroupLimit(U, g.Id, 8m);                                // 6 < 8: still open
        Assert.False(_ex.GetOrderGroup(U, g.Id).Triggered);
        Assert.Equal(8m, _ex.GetOrderGroup(U, g.Id).ContractsLimit);

        _ex.UpdateOrderGroupLimit(U, g.Id, 5m);                                // 6 >= 5: triggered
        Assert.True(_ex.GetOrderGroup(U, g.Id).Triggered);
        Assert.Equal(OrderStatus.Canceled, resting.Status);
        Assert.Equal(new[] { "created", "limit_updated", "limit_updated", "triggered" }, GroupEvents(g.Id));
        Assert.Equal(5m, _events.OfType<OrderGroupEvent>().Last(e => e.EventType == "limit_updated").ContractsLimit);
    }

    [Fact]
    public void Reset_clears_the_window()
    {
        var g = _ex.CreateOrderGroup(U, 5m);
        Place("maker", OrderSide.Ask, 0.50m, 20);
        Place(U, OrderSide.Bid, 0.50m, 5, g.Id);
        Assert.True(_ex.GetOrderGroup(U, g.Id).Triggered);

        _ex.ResetOrderGroup(U, g.Id);

        Assert.Equal(0m, _ex.MatchedInWindow(U, g.Id));
        Assert.Equal(5m, Place(U, OrderSide.Bid, 0.50m, 5, g.Id).FillCount);   // a full limit again, without waiting
    }

    [Fact]
    public void Delete_cancels_the_orders_and_removes_the_group()
    {
        var g = _ex.CreateOrderGroup(U, 5m);
        var resting = Place(U, OrderSide.Bid, 0.10m, 2, g.Id).Order;

        Assert.Equal(1, _ex.DeleteOrderGroup(U, g.Id));

        Assert.Equal(OrderStatus.Canceled, resting.Status);
        Assert.Empty(_ex.GetOrderGroups(U));
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => _ex.GetOrderGroup(U, g.Id)).Status);
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => Place(U, OrderSide.Bid, 0.10m, 1, g.Id)).Status);
        Assert.Equal(new[] { "created", "deleted" }, GroupEvents(g.Id));
    }

    [Fact]
    public void Groups_belong_to_their_user_and_limits_must_be_whole_contracts_in_range()
    {
        var g = _ex.CreateOrderGroup(U, 5m);
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => _ex.TriggerOrderGroup("someone-else", g.Id)).Status);
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => Place("someone-else", OrderSide.Bid, 0.10m, 1, g.Id)).Status);
        Assert.Empty(_ex.GetOrderGroups("someone-else"));
        foreach (var bad in new[] { 0m, -1m, 2.5m, 1_000_001m })
            Assert.Equal(400, Assert.Throws<ExchangeException>(() => _ex.CreateOrderGroup(U, bad)).Status);
        Assert.Equal(1_000_000m, _ex.CreateOrderGroup(U, 1_000_000m).ContractsLimit);
    }
}
