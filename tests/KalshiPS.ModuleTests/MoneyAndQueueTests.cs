using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Get-KalshiQueuePosition, Get-KalshiDeposit, Get-KalshiWithdrawal, Get-KalshiBalance -IncludeRestingOrderValue and
/// Get-KalshiPosition -IncludeMarketValue end to end: the objects written and the requests the sandbox saw.
/// </summary>
public class MoneyAndQueueTests : IAsyncLifetime
{
    private TradingSandbox _s = null!;
    public async Task InitializeAsync() => _s = await TradingSandbox.StartAsync(markets: 260);
    public async ValueTask DisposeAsyncCore() => await _s.DisposeAsync();
    Task IAsyncLifetime.DisposeAsync() => DisposeAsyncCore().AsTask();

    private List<(string Method, string Path, string Query)> Asked(string path) =>
        _s.Server.RequestDetails.Where(d => d.Path == "/trade-api/v2" + path).ToList();

    [Fact]
    public void Queue_positions_by_piped_order_and_for_a_market_in_one_request()
    {
        var ticker = _s.Market();
        _s.Ex.PlaceOrder(TradingSandbox.Other, new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = 0.04m, Count = 7 });
        var r = _s.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 2 -Price 0.04 | Get-KalshiQueuePosition");
        var one = r.One();
        Assert.Equal("KalshiPS.Models.KalshiQueuePosition", one.TypeName());
        Assert.Equal((ticker, 7m), (one.S("Ticker"), one.D("QueuePosition")));
        var mine = _s.MyOrders.Single(o => o.Status == KalshiPS.Sandbox.OrderStatus.Resting);
        Assert.Equal(mine.OrderId, one.S("OrderId"));
        Assert.Single(Asked($"/portfolio/orders/{mine.OrderId}/queue_position"));

        var other = _s.Market(skip: 1);
        _s.Ex.PlaceOrder(_s.User, new OrderRequest { Ticker = other, Side = OrderSide.Ask, Price = 0.97m, Count = 1 });
        _s.Server.ResetRequestLog();
        var batch = _s.Run($"Get-KalshiQueuePosition -Ticker {ticker},{other}");
        Ps.Assert(batch);
        Assert.Equal(new[] { (mine.OrderId, ticker, 7m), (_s.MyOrders.Last().OrderId, other, 0m) },
            batch.Output.Select(o => (o.S("OrderId")!, o.S("Ticker")!, o.D("QueuePosition"))).OrderBy(x => x.Item2 == ticker ? 0 : 1));
        var asked = Assert.Single(Asked("/portfolio/orders/queue_positions"));
        Assert.Equal($"?market_tickers={ticker}%2C{other}", asked.Query);

        var all = _s.Run("Get-KalshiQueuePosition");
        Ps.Assert(all);
        Assert.Equal(2, all.Output.Count);

        var bad = _s.Run("Get-KalshiQueuePosition -OrderId '../balance'");
        Assert.Single(bad.Errors);
        Assert.Equal(2, _s.Server.RequestDetails.Count); // the bad id was refused before anything was sent
    }

    [Fact]
    public void Deposits_and_withdrawals_are_listed_newest_first_in_dollars()
    {
        _s.Ex.RecordMovement(_s.User, "deposit", 250.75m, "wire", "pending");
        _s.Ex.RecordMovement(_s.User, "withdrawal", 40m, "ach", "applied", 1.5m);
        var deposits = _s.Run("Get-KalshiDeposit");
        Ps.Assert(deposits);
        Assert.Equal(2, deposits.Output.Count);
        var (pending, opening) = (deposits.Output[0], deposits.Output[1]);
        Assert.Equal("KalshiPS.Models.KalshiDeposit", pending.TypeName());
        Assert.Equal(("Pending", "Wire", 250.75m), (pending.S("Status"), pending.S("Method"), pending.D("Amount")));
        Assert.Null(pending.Properties["FinalizedTime"].Value);
        Assert.Equal(("Applied", 10000m), (opening.S("Status"), opening.D("Amount")));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)opening.Properties["CreatedTime"].Value).Kind);

        var withdrawal = _s.Run("Get-KalshiWithdrawal").One();
        Assert.Equal(("KalshiPS.Models.KalshiWithdrawal", 40m, 1.5m), (withdrawal.TypeName(), withdrawal.D("Amount"), withdrawal.D("Fee")));
        Assert.Equal("?limit=200", Assert.Single(Asked("/portfolio/withdrawals")).Query);

        var paged = _s.Run("Get-KalshiDeposit -PageSize 1 -First 1");
        Ps.Assert(paged);
        Assert.Single(paged.Output);
        Assert.Equal(2, Asked("/portfolio/deposits").Count); // the first listing, then one page of one
        Assert.Single(_s.Run("Get-KalshiDeposit -PageSize 501").Errors);
    }

    [Fact]
    public void Balance_adds_the_resting_order_value_only_when_asked()
    {
        var ticker = _s.Market();
        _s.Ex.PlaceOrder(_s.User, new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = 0.05m, Count = 4 });
        _s.Ex.PlaceOrder(_s.User, new OrderRequest { Ticker = ticker, Side = OrderSide.Ask, Price = 0.90m, Count = 2 }); // buys No at 0.10
        var plain = _s.Run("Get-KalshiBalance").One();
        Assert.Null(plain.Properties["RestingOrderValue"].Value);
        Assert.Empty(Asked("/portfolio/summary/total_resting_order_value"));

        var with = _s.Run("Get-KalshiBalance -IncludeRestingOrderValue").One();
        Assert.Equal(0.40m, with.D("RestingOrderValue")); // 4 x 0.05 + 2 x 0.10
        Assert.Equal(_s.Ex.GetBalance(_s.User), with.D("Balance"));
        Assert.Single(Asked("/portfolio/summary/total_resting_order_value"));
    }

    [Fact]
    public void Positions_are_marked_to_market_with_one_batched_lookup_per_100_markets()
    {
        var markets = _s.Ex.Markets.Where(m => m.Status == "active").Take(150).ToList();
        Assert.Equal(150, markets.Count);
        for (int i = 0; i < markets.Count; i++)
        {
            var t = markets[i].Ticker;
            var yes = i % 3 != 0; // every third holding is No
            _s.Ex.PlaceOrder(TradingSandbox.Other, new OrderRequest { Ticker = t, Side = yes ? OrderSide.Ask : OrderSide.Bid, Price = yes ? 0.99m : 0.01m, Count = 3 });
            _s.Ex.PlaceOrder(_s.User, new OrderRequest { Ticker = t, Side = yes ? OrderSide.Bid : OrderSide.Ask, Price = yes ? 0.99m : 0.01m, Count = 3, TimeInForce = TimeInForce.ImmediateOrCancel });
        }
        _s.Server.ResetRequestLog();

        var r = _s.Run("Get-KalshiPosition -IncludeMarketValue -PageSize 60");

        Ps.Assert(r);
        Assert.Equal(150, r.Output.Count);
        Assert.Equal(3, Asked("/portfolio/positions").Count);
        var lookups = Asked("/markets");
        Assert.Equal(2, lookups.Count); // 150 held markets over 3 pages: 100 + 50
        var asked = lookups.Select(l => Uri.UnescapeDataString(l.Query.Split("tickers=")[1].Split('&')[0]).Split(',')).ToList();
        Assert.Equal(new[] { 100, 50 }, asked.Select(a => a.Length));
        Assert.Equal(markets.Select(m => m.Ticker).OrderBy(x => x), asked.SelectMany(a => a).OrderBy(x => x));
        foreach (var row in r.Output)
        {
            var m = _s.Ex.GetMarket(row.S("Ticker")!)!;
            var p = _s.Ex.GetPositionDetails(_s.User, m.Ticker)!;
            decimal contracts = Math.Abs(p.Quantity);
            decimal bid;
            lock (_s.Ex.Gate) bid = p.Quantity > 0 ? Exchange.BestYesBid(m)?.Price ?? 0m : Exchange.BestYesAsk(m) is { } ask ? 1m - ask.Price : 0m;
            Assert.Equal("KalshiPS.Models.KalshiPosition#MarketValue", row.TypeNames[0]);
            Assert.Equal(p.Cost / contracts, row.D("AveragePrice"));
            Assert.Equal(bid, row.D("CurrentPrice"));
            Assert.Equal(contracts * bid, row.D("MarketValue"));
            Assert.Equal(contracts * bid - p.Cost, row.D("UnrealizedPnl"));
        }
        Assert.Contains(r.Output, o => o.S("Side") == "No");

        var csv = _s.Run("Get-KalshiPosition -IncludeMarketValue -First 1 | ConvertTo-Csv -NoTypeInformation");
        Ps.Assert(csv);
        Assert.Contains("\"UnrealizedPnl\"", csv.Output[0].ToString());

        var refused = _s.Run("Get-KalshiPosition -IncludeMarketValue -ByEvent");
        Assert.Single(refused.Errors);
    }
}
