using System.Net.Http;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>The engine keeps cash, positions and orders per (user, subaccount); transfers move cash atomically.</summary>
public class SubaccountEngineTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Exchange _ex;
    private const string T = "TEST-26NOV24-X";

    public SubaccountEngineTests()
    {
        _ex = new Exchange(_clock, seed: 1, startingBalance: 1000m);
        _ex.AddMarket(new Market
        {
            Ticker = T, EventTicker = "TEST-26NOV24", SeriesTicker = "TEST", Title = "t", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.LinearCent, CloseTime = _clock.GetUtcNow().AddDays(1),
        });
    }

    private PlaceResult Place(string user, OrderSide side, decimal price, decimal count, int subaccount = 0, TimeInForce tif = TimeInForce.GoodTillCanceled) =>
        _ex.PlaceOrder(user, new OrderRequest { Ticker = T, Side = side, Price = price, Count = count, TimeInForce = tif, Subaccount = subaccount });

    [Fact]
    public void Subaccounts_are_numbered_from_one_and_start_with_no_cash()
    {
        Assert.Equal(1, _ex.CreateSubaccount("a"));
        Assert.Equal(2, _ex.CreateSubaccount("a"));
        Assert.Equal(1, _ex.CreateSubaccount("b")); // numbering is per user
        Assert.Equal(new[] { 0, 1, 2 }, _ex.Subaccounts("a").Select(x => x.Subaccount));
        Assert.Equal(1000m, _ex.GetBalance("a"));
        Assert.Equal(0m, _ex.GetBalance("a", 1));
        var e = Assert.Throws<ExchangeException>(() => _ex.GetBalance("a", 3));
        Assert.Equal("invalid_subaccount", e.Code);
    }

    [Fact]
    public void Transfer_moves_cash_between_accounts_and_a_repeated_client_id_applies_once()
    {
        _ex.CreateSubaccount("a");
        var t = _ex.TransferBetweenSubaccounts("a", "c-1", 0, 1, 12_345);
        Assert.Equal(1000m - 123.45m, _ex.GetBalance("a"));
        Assert.Equal(123.45m, _ex.GetBalance("a", 1));
        Assert.Same(t, _ex.TransferBetweenSubaccounts("a", "c-1", 0, 1, 12_345)); // a retry: the same transfer, no second move
        Assert.Equal(123.45m, _ex.GetBalance("a", 1));
        Assert.Equal(409, Assert.Throws<ExchangeException>(() => _ex.TransferBetweenSubaccounts("a", "c-1", 0, 1, 1)).Status);
        Assert.Equal("insufficient_balance", Assert.Throws<ExchangeException>(() => _ex.TransferBetweenSubaccounts("a", "c-2", 1, 0, 12_346)).Code);
        Assert.Equal(123.45m, _ex.GetBalance("a", 1));
        Assert.Single(_ex.Transfers("a"));
    }

    [Fact]
    public void An_order_in_a_subaccount_uses_its_cash_and_position_and_leaves_the_primary_alone()
    {
        _ex.CreateSubaccount("a");
        _ex.TransferBetweenSubaccounts("a", "fund", 0, 1, 10_000); // $100 to subaccount 1
        Place("maker", OrderSide.Ask, 0.40m, 10);

        var r = Place("a", OrderSide.Bid, 0.40m, 5, subaccount: 1);

        Assert.Equal(5m, r.FillCount);
        Assert.Equal(1, r.Order.Subaccount);
        Assert.Equal(100m - 2.00m, _ex.GetBalance("a", 1));
        Assert.Equal(900m, _ex.GetBalance("a"));       // the primary paid nothing
        Assert.Equal(5m, _ex.GetPosition("a", T, 1));
        Assert.Equal(0m, _ex.GetPosition("a", T));
        var fill = Assert.Single(_ex.FillsOf("a", 1));
        Assert.Equal(1, fill.Subaccount);
        Assert.Empty(_ex.FillsOf("a", 0));
        Assert.Single(_ex.FillsOf("a", null));
    }

    [Fact]
    public void A_subaccount_without_cash_cannot_buy_and_a_resting_order_reserves_its_own_cash()
    {
        _ex.CreateSubaccount("a");
        Assert.Equal("insufficient_balance", Assert.Throws<ExchangeException>(() => Place("a", OrderSide.Bid, 0.10m, 1, subaccount: 1)).Code);
        _ex.TransferBetweenSubaccounts("a", "fund", 0, 1, 500);
        var o = Place("a", OrderSide.Bid, 0.10m, 20, subaccount: 1).Order;
        Assert.Equal(3m, _ex.GetBalance("a", 1));
        Assert.Equal(995m, _ex.GetBalance("a"));
        // Cancels name the account: the primary's cancel does not find a subaccount's order.
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => _ex.CancelOrder("a", o.OrderId, 0)).Status);
        _ex.CancelOrder("a", o.OrderId, 1);
        Assert.Equal(5m, _ex.GetBalance("a", 1));
    }

    [Fact]
    public void Cancel_all_of_one_subaccount_keeps_the_others_orders()
    {
        _ex.CreateSubaccount("a");
        _ex.TransferBetweenSubaccounts("a", "fund", 0, 1, 500);
        Place("a", OrderSide.Bid, 0.10m, 1);
        Place("a", OrderSide.Bid, 0.10m, 1, subaccount: 1);
        Assert.Equal(1, _ex.CancelAll("a", subaccount: 1));
        Assert.Equal(new[] { 0 }, _ex.GetOrders("a").Where(o => o.Status == OrderStatus.Resting).Select(o => o.Subaccount));
    }

    [Fact]
    public void Settlement_pays_each_account_its_own_position()
    {
        _ex.CreateSubaccount("a");
        _ex.TransferBetweenSubaccounts("a", "fund", 0, 1, 10_000);
        Place("maker", OrderSide.Ask, 0.40m, 10);
        Place("a", OrderSide.Bid, 0.40m, 3, subaccount: 1);
        Place("a", OrderSide.Bid, 0.40m, 2);
        _ex.SettleMarket(T, "yes");
        Assert.Equal(100m - 1.20m + 3m, _ex.GetBalance("a", 1));
        Assert.Equal(900m - 0.80m + 2m, _ex.GetBalance("a"));
        Assert.Equal(3m, Assert.Single(_ex.SettlementsOf("a", 1)).YesCount);
        Assert.Equal(2, _ex.SettlementsOf("a", null).Count);
    }

    [Fact]
    public void Netting_is_stored_per_account_and_allocation_must_total_100()
    {
        _ex.CreateSubaccount("a");
        _ex.SetNetting("a", 1, false);
        Assert.Equal(new[] { (0, true), (1, false) }, _ex.Netting("a"));
        Assert.Throws<ExchangeException>(() => _ex.SetNetting("a", 2, true));
        Assert.Throws<ExchangeException>(() => _ex.SetBalanceAllocation("a", new[] { (0, 60m), (1, 30m) }, "sum"));
        _ex.SetBalanceAllocation("a", new[] { (0, 60m), (1, 40m) }, "max");
        Assert.Equal("max", _ex.GetBalanceAllocation("a").RestingMarginReservation);
        Assert.Equal(2, _ex.GetBalanceAllocation("a").Allocations.Count);
    }

    [Fact]
    public void Instance_transfers_move_cash_to_the_margined_instance_and_between_subaccounts()
    {
        _ex.CreateSubaccount("a");
        var t = _ex.TransferBetweenInstances("a", "event_contract", "margined", 1_234_500); // centicents: $123.45
        Assert.Equal(123.45m, t.Amount);
        Assert.Equal(123.45m, _ex.MarginedBalance("a"));
        Assert.Equal(1000m - 123.45m, _ex.GetBalance("a"));
        _ex.TransferBetweenInstances("a", "event_contract", "event_contract", 100_000, sourceSubaccount: 0, destinationSubaccount: 1);
        Assert.Equal(10m, _ex.GetBalance("a", 1));
        Assert.Single(_ex.Transfers("a")); // a same-instance move shows in the subaccount history too
        Assert.Throws<ExchangeException>(() => _ex.TransferBetweenInstances("a", "margined", "event_contract", 1, sourceSubaccount: 1));
    }
}

/// <summary>The REST routes of subaccounts and the subaccount parameter of portfolio reads and order writes.</summary>
public class SubaccountRestTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    public async Task InitializeAsync() { _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 40 }); _c = new TestClient(_s); }
    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    [Fact]
    public async Task Create_fund_trade_and_read_back_per_subaccount()
    {
        var (st, created) = await _c.PostAsync("/portfolio/subaccounts", new { });
        Assert.Equal(201, st);
        Assert.Equal(1, created.GetProperty("subaccount_number").GetInt32());
        var (tst, _) = await _c.PostAsync("/portfolio/subaccounts/transfer", new { client_transfer_id = "t-1", from_subaccount = 0, to_subaccount = 1, amount_cents = 2500 });
        Assert.Equal(200, tst);

        var (_, balances) = await _c.GetAsync("/portfolio/subaccounts/balances");
        var rows = balances.GetProperty("subaccount_balances").EnumerateArray().ToList();
        Assert.Equal(new[] { 0, 1 }, rows.Select(r => r.GetProperty("subaccount_number").GetInt32()));
        Assert.Equal("25.0000", rows[1].GetProperty("balance").GetString());
        var (_, bal1) = await _c.GetAsync("/portfolio/balance?subaccount=1");
        Assert.Equal(2500, bal1.GetProperty("balance").GetInt64());

        var m = _s.Exchange.Markets.First(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled);
        var (ost, order) = await _c.PostAsync("/portfolio/events/orders", new
        {
            ticker = m.Ticker, side = "bid", price = "0.0100", count = "10.00", time_in_force = "good_till_canceled",
            self_trade_prevention_type = "taker_at_cross", client_order_id = "o-1", subaccount = 1,
        });
        Assert.Equal(201, ost);
        var id = order.GetProperty("order_id").GetString();
        var (_, mine) = await _c.GetAsync("/portfolio/orders?status=resting&subaccount=1");
        var listed = Assert.Single(mine.GetProperty("orders").EnumerateArray());
        Assert.Equal(1, listed.GetProperty("subaccount_number").GetInt32());
        var (_, primary) = await _c.GetAsync("/portfolio/orders?status=resting&subaccount=0");
        Assert.DoesNotContain(primary.GetProperty("orders").EnumerateArray(), o => o.GetProperty("order_id").GetString() == id);
        Assert.Equal(404, (await _c.DeleteAsync($"/portfolio/events/orders/{id}")).Status); // subaccount omitted = primary
        Assert.Equal(200, (await _c.DeleteAsync($"/portfolio/events/orders/{id}?subaccount=1")).Status);

        var (_, transfers) = await _c.GetAsync("/portfolio/subaccounts/transfers");
        var t = Assert.Single(transfers.GetProperty("transfers").EnumerateArray());
        Assert.Equal(2500, t.GetProperty("amount_cents").GetInt64());
        Assert.Equal(400, (await _c.GetAsync("/portfolio/balance?subaccount=64")).Status);
        Assert.Equal(400, (await _c.GetAsync("/portfolio/positions?subaccount=5")).Status);
    }

    [Fact]
    public async Task Netting_allocation_and_instance_transfer_routes_answer_in_the_spec_shapes()
    {
        await _c.PostAsync("/portfolio/subaccounts", new { });
        Assert.Equal(200, (await _c.SendAsync(HttpMethod.Put, "/portfolio/subaccounts/netting", new { subaccount_number = 1, enabled = false })).Status);
        var (_, netting) = await _c.GetAsync("/portfolio/subaccounts/netting");
        var configs = netting.GetProperty("netting_configs").EnumerateArray().ToList();
        Assert.False(configs.Single(c => c.GetProperty("subaccount_number").GetInt32() == 1).GetProperty("enabled").GetBoolean());

        Assert.Equal(200, (await _c.PostAsync("/portfolio/target_balance_allocation", new { allocations = new[] { new { exchange_index = 0, percent = 100 } }, resting_margin_reservation = "max" })).Status);
        var (_, alloc) = await _c.GetAsync("/portfolio/target_balance_allocation");
        Assert.Equal("max", alloc.GetProperty("resting_margin_reservation").GetString());
        Assert.Equal(400, (await _c.PostAsync("/portfolio/target_balance_allocation", new { allocations = new[] { new { exchange_index = 0, percent = 50 } } })).Status);

        var (ist, made) = await _c.PostAsync("/portfolio/intra_exchange_instance_transfer", new { source = "event_contract", destination = "margined", amount = 50_000 });
        Assert.Equal(200, ist);
        var id = made.GetProperty("transfer_id").GetString();
        var (_, one) = await _c.GetAsync("/portfolio/intra_exchange_instance_transfers/" + id);
        Assert.Equal("5.0000", one.GetProperty("transfer").GetProperty("amount").GetString());
        Assert.Equal("complete", one.GetProperty("transfer").GetProperty("status").GetString());
        var (_, all) = await _c.GetAsync("/portfolio/intra_exchange_instance_transfers");
        Assert.Single(all.GetProperty("transfers").EnumerateArray());
        Assert.Equal(404, (await _c.GetAsync("/portfolio/intra_exchange_instance_transfers/" + Guid.NewGuid())).Status);
    }
}
