using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Remove-KalshiOrder -Ticker/-All -Force skips the mass-cancel question, as PowerShell users expect. The hosted
/// engine's default host cannot prompt, so without -Force the question fails and nothing is cancelled.
/// </summary>
public class TradingForceTests
{
    [Fact]
    public async Task Force_cancels_a_market_without_asking_and_WhatIf_still_wins()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"1..2 | ForEach-Object {{ New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.0$_ }}"));

        var asked = s.Run($"Remove-KalshiOrder -Ticker {t}");
        Assert.NotEmpty(asked.Errors); // the question could not be asked here
        Assert.Equal(2, s.MyOrders.Count(o => o.Status == OrderStatus.Resting));

        Ps.Assert(s.Run($"Remove-KalshiOrder -Ticker {t} -Force -WhatIf"));
        Assert.Equal(2, s.MyOrders.Count(o => o.Status == OrderStatus.Resting));

        var canceled = s.Run($"Remove-KalshiOrder -Ticker {t} -Force -PassThru");
        Ps.Assert(canceled);
        Assert.Equal(2, canceled.Output.Count);
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public async Task Force_cancels_every_resting_order_without_asking()
    {
        await using var s = await TradingSandbox.StartAsync();
        var (a, b) = (s.Market(), s.Market(skip: 1));
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {a} -Side Yes -Action Buy -Count 1 -Price 0.02; New-KalshiOrder -Ticker {b} -Side No -Action Buy -Count 1 -Price 0.03"));

        Assert.NotEmpty(s.Run("Remove-KalshiOrder -All").Errors);
        Assert.Equal(2, s.MyOrders.Count(o => o.Status == OrderStatus.Resting));

        Ps.Assert(s.Run("Remove-KalshiOrder -All -Force"));
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public async Task Force_is_not_offered_when_cancelling_by_id()
    {
        await using var s = await TradingSandbox.StartAsync();
        var r = s.Run("Remove-KalshiOrder -OrderId 'x' -Force");
        Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("AmbiguousParameterSet") || e.FullyQualifiedErrorId.StartsWith("NamedParameterNotFound") || e.FullyQualifiedErrorId.Contains("ParameterBinding"));
    }
}
