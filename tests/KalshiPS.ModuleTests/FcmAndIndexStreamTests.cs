using System.Diagnostics;
using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// FCM subtraders, caps, orders and positions; the index value stream; and -TickerSource changing a running stream's
/// markets on the same connection. A fresh sandbox per test.
/// </summary>
[Collection("Streaming")]
public sealed class FcmAndIndexStreamTests : ConnectedSandboxTest
{
    public FcmAndIndexStreamTests(ITestOutputHelper log) : base(log) { }

    private int Seen(string method, string path) => _s.RequestLog.Count(r => r.Method == method && r.Path == "/trade-api/v2" + path);

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"{what}: not within {timeout}");
            Thread.Sleep(20);
        }
    }

    private static long TotalConnects()
    {
        var asm = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "KalshiPS");
        return (long)asm.GetType("KalshiPS.Streaming.KalshiStreamDiagnostics")!.GetProperty("TotalConnects")!.GetValue(null)!;
    }

    [Fact]
    public void Subtraders_are_listed_created_and_capped_with_true_outcomes()
    {
        var listed = _host.Run("Get-KalshiSubtrader");
        Ps.Assert(listed);
        Assert.Equal(new[] { _s.UserId + "_desk1", _s.UserId + "_desk2" }, listed.Output.Select(o => o.S("SubtraderId")));
        Assert.Equal("KalshiPS.Models.KalshiSubtrader", listed.Output[0].TypeName());

        int posts = Seen("POST", "/fcm/subtraders");
        var made = _host.Run("New-KalshiSubtrader -Suffix ops7").One();
        Assert.Equal(_s.UserId + "_ops7", made.S("SubtraderId"));
        Assert.Contains(_s.Exchange.Subtraders(_s.UserId), s => s.SubtraderId == _s.UserId + "_ops7");
        Assert.Single(_host.Run("New-KalshiSubtrader -Suffix 'Ops 7'").Errors);  // refused before sending
        Ps.Assert(_host.Run("New-KalshiSubtrader -Suffix ops8 -WhatIf"));
        Assert.Equal(1, Seen("POST", "/fcm/subtraders") - posts);
        var dup = _host.Run("New-KalshiSubtrader -Suffix ops7");
        Assert.Contains("suffix exists", Assert.Single(dup.Errors).Exception.Message);  // the exchange's refusal, not an unknown outcome
        Assert.Empty(dup.Output);

        var desk = _s.UserId + "_desk1";
        Assert.Single(_host.Run($"Get-KalshiSubtraderCap -SubtraderId {desk}").Errors);  // no cap yet: not found
        int puts = Seen("PUT", "/fcm/subtraders/event_contract_daily_cap");
        Ps.Assert(_host.Run($"Set-KalshiSubtraderCap -SubtraderId {desk} -Limit 99 -WhatIf"));
        Assert.Equal(0, Seen("PUT", "/fcm/subtraders/event_contract_daily_cap") - puts);
        var cap = _host.Run($"Set-KalshiSubtraderCap -SubtraderId {desk} -Limit 250.5 -PassThru").One();
        Assert.Equal(250.5m, cap.D("Limit"));
        var (limit, executed, resting, _) = _s.Exchange.DailyCap(_s.UserId, desk);
        Assert.Equal(250.5m, limit);
        Assert.Equal(executed, cap.D("ExecutedUtilization"));
        Assert.Equal(resting, cap.D("RestingOrderUtilization"));
        Assert.Equal(limit - executed - resting, cap.D("Available"));
        Assert.Equal(1, Seen("PUT", "/fcm/subtraders/event_contract_daily_cap") - puts);
        Assert.Single(_host.Run($"Set-KalshiSubtraderCap -SubtraderId {desk} -Limit 0.00001").Errors); // refused before sending
        Assert.Equal(1, Seen("PUT", "/fcm/subtraders/event_contract_daily_cap") - puts);

        Ps.Assert(_host.Run($"Remove-KalshiSubtraderCap -SubtraderId {desk} -Confirm:$false"));
        Assert.Equal(1, Seen("DELETE", "/fcm/subtraders/event_contract_daily_cap"));
        Assert.Throws<ExchangeException>(() => _s.Exchange.DailyCap(_s.UserId, desk));
    }

    [Fact]
    public void Subtrader_orders_and_positions_read_like_your_own()
    {
        var desk = _s.Exchange.Subtraders(_s.UserId)[0].SubtraderId;
        var orders = _host.Run($"Get-KalshiSubtrader | Select-Object -First 1 | Get-KalshiFcmOrder");
        Ps.Assert(orders);
        Assert.Equal(_s.Exchange.GetOrders(desk).Select(o => o.OrderId).OrderBy(x => x), orders.Output.Select(o => o.S("OrderId")).OrderBy(x => x));
        Assert.All(orders.Output, o => Assert.Equal("KalshiPS.Models.KalshiOrder", o.TypeName()));
        Assert.Single(_host.Run($"Get-KalshiFcmOrder -SubtraderId {desk} -Status Resting").Output);
        Assert.Equal("seed-rest", _host.Run("Get-KalshiFcmOrder -ClientOrderId seed-rest").One().S("ClientOrderId"));
        Assert.Single(_host.Run("Get-KalshiFcmOrder").Errors);          // neither a subtrader nor client order ids: refused before sending
        Assert.Equal(3, Seen("GET", "/fcm/orders"));

        var positions = _host.Run($"Get-KalshiFcmPosition -SubtraderId {desk}");
        Ps.Assert(positions);
        var p = Assert.Single(positions.Output);
        Assert.Equal("KalshiPS.Models.KalshiPosition", p.TypeName());
        var held = _s.Exchange.GetOrCreateAccount(desk).Positions.Values.Single(x => x.Quantity != 0);
        Assert.Equal(held.Ticker, p.S("Ticker"));
        Assert.Equal("KalshiPS.Models.KalshiEventPosition", _host.Run($"Get-KalshiFcmPosition -SubtraderId {desk} -ByEvent").One().TypeName());
        Assert.Single(_host.Run($"Get-KalshiFcmPosition -SubtraderId {_s.UserId}_nobody").Errors); // another subtrader: 404
    }

    [Fact]
    public void Index_values_stream_from_each_source_with_decimal_values()
    {
        var pyth = _host.Run("Watch-KalshiIndexValue -IndexId 'Metal.XAU/USD' -Source Pyth -First 1 -Duration 5").One();
        Assert.Equal("KalshiPS.Models.KalshiIndexValue", pyth.TypeName());
        Assert.Equal("pyth_value", pyth.S("Channel"));
        Assert.Equal("Metal.XAU/USD", pyth.S("IndexId"));
        Assert.IsType<decimal>(pyth.Properties["Value"].Value);

        var fast = _host.Run("Watch-KalshiIndexValue -IndexId BRTI -Source CfBenchmarks5Hz -First 2 -Duration 5");
        Ps.Assert(fast);
        Assert.Equal(2, fast.Output.Count);
        Assert.All(fast.Output, o => Assert.Equal("BRTI", o.S("IndexId")));

        // The 1-second channel carries the value only in the relayed frame, and the 60-second average beside it.
        var output = new PSDataCollection<PSObject>();
        using (var ps = _host.Begin("Watch-KalshiIndexValue -IndexId ETHUSD_RTI -First 1 -Duration 5", output))
        {
            WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(5), "subscribed");
            IndexFeed.Publish(_s.Exchange, "cfbenchmarks_value", "ETHUSD_RTI", 3651.25m);
            WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(10), "done");
        }
        var v = Assert.Single(output);
        Assert.Equal("cfbenchmarks_value", v.S("Channel"));
        Assert.NotNull(v.DN("Value"));
        Assert.NotNull(v.DN("Average60s"));
        Assert.NotNull(v.Properties["SourceTime"].Value);
        Assert.Single(_host.Run("Watch-KalshiIndexValue -IndexId 'BR TI' -Duration 1").Errors); // refused before connecting
    }

    [Fact]
    public void A_market_added_to_the_ticker_source_streams_without_a_reconnect()
    {
        var markets = _s.Exchange.Markets.Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled)
            .Where(m => _s.Exchange.GetBook(m.Ticker).No.Count > 0).Take(2).ToList();
        _s.Exchange.GetOrCreateAccount("taker");
        // (A ticker set is a collection: written to the pipeline it would be enumerated, so it is handed over whole.)
        var set = _host.Run($"$set = [KalshiPS.Streaming.KalshiTickerSet]::new([string[]]'{markets[0].Ticker}'); Write-Output -NoEnumerate $set").Output.Single().BaseObject;
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin("Watch-KalshiTrade -TickerSource $set -Duration 10 -Verbose", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1 && ps.Streams.Verbose.Any(v => v.Message.Contains("subscribed to trade")), TimeSpan.FromSeconds(10), "subscribed");
        long connects = TotalConnects();

        // A Yes buy at the best No bid's complement crosses it: one trade on that market.
        void Trade(Market m) => _s.Exchange.PlaceOrder("taker", new OrderRequest
        {
            Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - _s.Exchange.GetBook(m.Ticker).No.Max(l => l.Price),
            Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel,
        });
        void Change(string method, string ticker) => set.GetType().GetMethod(method)!.Invoke(set, new object[] { ticker });

        Trade(markets[1]);                                              // not watched yet: not written
        Change("Add", markets[1].Ticker);
        WaitFor(() => ps.Streams.Verbose.Any(v => v.Message.Contains("now also watches " + markets[1].Ticker)), TimeSpan.FromSeconds(5), "update sent");
        Thread.Sleep(300);                                              // the sandbox applies the update on receipt
        Trade(markets[1]);
        WaitFor(() => output.Any(o => o.S("Ticker") == markets[1].Ticker), TimeSpan.FromSeconds(5), "a trade of the added market");

        Change("Remove", markets[0].Ticker);
        WaitFor(() => ps.Streams.Verbose.Any(v => v.Message.Contains("no longer watches " + markets[0].Ticker)), TimeSpan.FromSeconds(5), "delete sent");
        Thread.Sleep(300);
        int before = output.Count;
        Trade(markets[0]);
        Trade(markets[1]);
        WaitFor(() => output.Count > before, TimeSpan.FromSeconds(5), "a trade after the delete");
        Thread.Sleep(300);
        ps.Stop();

        Assert.Equal(connects, TotalConnects());                       // same connection throughout
        Assert.Single(output, o => o.S("Ticker") == markets[1].Ticker && output.IndexOf(o) < before);
        Assert.DoesNotContain(output.Skip(before), o => o.S("Ticker") == markets[0].Ticker);
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("sent update_subscription"));
        Assert.Empty(ps.Streams.Warning);
    }
}
