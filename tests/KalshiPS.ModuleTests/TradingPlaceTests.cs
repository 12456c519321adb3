using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

public class TradingPlaceTests
{
    [Fact]
    public async Task Buy_yes_rests_as_bid_and_reports_result()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 10 -Price 0.45");
        Assert.Empty(r.Errors);
        var res = r.One();
        Assert.Equal("Resting", res.S("Status"));
        Assert.Equal(10m, res.D("RemainingCount"));
        Assert.Equal(0m, res.D("FilledCount"));
        Assert.False(string.IsNullOrEmpty(res.S("ClientOrderId")));
        Assert.True(Guid.TryParse(res.S("ClientOrderId"), out _));
        var o = s.Ex.GetOrder(res.S("OrderId")!)!;
        Assert.Equal(OrderSide.Bid, o.Side);
        Assert.Equal(0.45m, o.YesPrice);
        Assert.Equal(res.S("ClientOrderId"), o.ClientOrderId);
        Assert.Equal(9995.5m, s.Ex.GetBalance(s.User)); // 10 x 0.45 reserved
    }

    [Theory]
    [InlineData("Yes", "Sell", "0.60", OrderSide.Ask, "0.60")]
    [InlineData("No", "Buy", "0.30", OrderSide.Ask, "0.70")]
    [InlineData("No", "Sell", "0.30", OrderSide.Bid, "0.70")]
    public async Task Side_and_action_map_to_book_side_and_yes_price(string side, string action, string price, OrderSide book, string yes)
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side {side} -Action {action} -Count 2 -Price {price}");
        Assert.Empty(r.Errors);
        var res = r.One();
        var o = s.Ex.GetOrder(res.S("OrderId")!)!;
        Assert.Equal(book, o.Side);
        Assert.Equal(decimal.Parse(yes, System.Globalization.CultureInfo.InvariantCulture), o.YesPrice);
        Assert.Equal(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), res.D("Price"));
        Assert.Equal(TimeInForce.GoodTillCanceled, o.TimeInForce);
        Assert.Equal(SelfTradePrevention.TakerAtCross, o.SelfTradePrevention);
    }

    [Fact]
    public async Task Cross_partial_and_full_fills_move_balance_and_position()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.40m, 10); // someone sells 10 Yes at 0.40
        var start = s.Ex.GetBalance(s.User);

        var full = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 4 -Price 0.40").One();
        Assert.Equal("Executed", full.S("Status"));
        Assert.Equal(4m, full.D("FilledCount"));
        Assert.Equal(0.40m, full.D("AverageFillPrice"));
        Assert.Equal(start - 1.60m, s.Ex.GetBalance(s.User));

        // 6 left at 0.40: a buy of 10 at 0.42 fills 6 at 0.40 (price improvement) and rests 4 at 0.42.
        var part = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 10 -Price 0.42").One();
        Assert.Equal("Resting", part.S("Status"));
        Assert.Equal(6m, part.D("FilledCount"));
        Assert.Equal(4m, part.D("RemainingCount"));
        Assert.Equal(start - 1.60m - 2.40m - 1.68m, s.Ex.GetBalance(s.User));

        var pos = s.Run($"Get-KalshiPosition -Ticker {t}").One();
        Assert.Equal("Yes", pos.S("Side"));
        Assert.Equal(10m, pos.D("Contracts"));
        Assert.Equal(4.00m, pos.D("Exposure"));

        var bal = s.Run("Get-KalshiBalance").One();
        Assert.Equal(s.Ex.GetBalance(s.User), bal.D("Balance"));

        var fills = s.Run($"Get-KalshiFill -Ticker {t}").Output.ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(10m, fills.Sum(f => f.D("Count")));
        Assert.Single(s.Run($"Get-KalshiFill -OrderId {full.S("OrderId")}").Output);
    }

    [Fact]
    public async Task Immediate_or_cancel_remainder_is_canceled_and_fill_or_kill_kills()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.50m, 3);
        var ioc = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 5 -Price 0.50 -TimeInForce ImmediateOrCancel").One();
        Assert.Equal(3m, ioc.D("FilledCount"));
        Assert.Equal(0m, ioc.D("RemainingCount"));
        Assert.Equal("Canceled", ioc.S("Status"));
        s.Counter(t, OrderSide.Ask, 0.50m, 3);
        var fok = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 5 -Price 0.50 -TimeInForce FillOrKill").One();
        Assert.Equal(0m, fok.D("FilledCount"));
        Assert.Equal("Canceled", fok.S("Status"));
    }

    [Fact]
    public async Task Given_client_order_id_is_sent_and_a_duplicate_is_an_error_not_a_second_order()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var first = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId my-id-1");
        Assert.Equal("my-id-1", first.One().S("ClientOrderId"));
        var dup = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId my-id-1");
        Assert.Empty(dup.Output);
        Assert.Single(dup.Errors);
        Assert.Equal("KalshiConflict", dup.Errors[0].FullyQualifiedErrorId.Split(',')[0]);
        Assert.Single(s.MyOrders);
    }
}
