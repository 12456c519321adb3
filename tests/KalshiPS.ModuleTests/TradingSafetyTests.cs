using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Idempotent creates, -WhatIf and validation before any write.</summary>
public class TradingSafetyTests
{
    [Theory]
    [InlineData(AfterCommitFailure.ServiceUnavailable)]
    [InlineData(AfterCommitFailure.ConnectionReset)]
    public async Task Exactly_one_order_after_a_failure_once_the_create_was_committed(AfterCommitFailure mode)
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.AfterCommitMode = mode;
        s.Server.Faults.FailNextCreateAfterCommit = 1;
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 3 -Price 0.20 -Verbose");
        var res = r.One();
        Assert.Equal("True", res.S("AlreadyExisted"));
        Assert.Equal(2, s.Server.RequestCount("POST", "/portfolio/events/orders"));
        var mine = s.MyOrders;
        Assert.Single(mine);
        Assert.Equal(mine[0].OrderId, res.S("OrderId"));
        Assert.Equal(mine[0].ClientOrderId, res.S("ClientOrderId"));
        Assert.Equal("Resting", res.S("Status"));
        Assert.Contains(r.Verbose, v => v.Contains("already placed"));
    }

    [Fact]
    public async Task Retry_of_a_given_client_order_id_after_commit_resolves_too()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.FailNextCreateAfterCommit = 1;
        var res = s.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Buy -Count 2 -Price 0.35 -ClientOrderId fixed-7").One();
        Assert.Equal("fixed-7", res.S("ClientOrderId"));
        Assert.Single(s.MyOrders);
    }

    [Fact]
    public async Task Batch_retried_after_commit_places_each_order_once()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.AfterCommitMode = AfterCommitFailure.ConnectionReset;
        s.Server.Faults.FailNextCreateAfterCommit = 1;
        var r = s.Run($"1..3 | ForEach-Object {{ [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price=('0.1' + $_) }} }} | New-KalshiOrder");
        Ps.Assert(r);
        Assert.Equal(3, r.Output.Count);
        Assert.Equal(3, s.MyOrders.Count);
        Assert.Equal(2, s.Server.RequestCount("POST", "/portfolio/events/orders/batched"));
        Assert.All(r.Output, o => Assert.Equal("True", o.S("AlreadyExisted")));
    }

    [Fact]
    public async Task Transient_5xx_before_processing_is_retried_with_the_same_client_order_id()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.FailNextRequests = 1;
        var res = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.15").One();
        Assert.Single(s.MyOrders);
        Assert.Equal("False", res.S("AlreadyExisted"));
    }

    [Fact]
    public async Task WhatIf_sends_no_write()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var placed = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.11").One().S("OrderId");
        s.Server.ResetRequestLog();
        var r = s.Run($@"
            New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.12 -WhatIf
            Set-KalshiOrder -OrderId {placed} -Price 0.13 -WhatIf
            Set-KalshiOrder -OrderId {placed} -DecreaseTo 0 -WhatIf
            Remove-KalshiOrder -OrderId {placed} -WhatIf
            Remove-KalshiOrder -Ticker {t} -WhatIf
            Remove-KalshiOrder -All -WhatIf");
        Ps.Assert(r);
        Assert.Empty(r.Output);
        Assert.Equal(0, s.Writes);
        Assert.Single(s.MyOrders);
        Assert.Equal(OrderStatus.Resting, s.MyOrders[0].Status);
    }

    [Theory]
    [InlineData("-Price 0", "outside (0, 1)")]
    [InlineData("-Price 1", "outside (0, 1)")]
    [InlineData("-Price 1.5", "outside (0, 1)")]
    [InlineData("-Price 0.455", "0.45 or 0.46")]
    [InlineData("-Count 0", "greater than 0")]
    [InlineData("-Count -3", "greater than 0")]
    [InlineData("-Count 1.5", "whole number")]
    [InlineData("-ReduceOnly", "requires -TimeInForce ImmediateOrCancel")]
    [InlineData("-ReduceOnly -TimeInForce FillOrKill", "requires -TimeInForce ImmediateOrCancel")]
    [InlineData("-PostOnly -TimeInForce ImmediateOrCancel", "PostOnly cannot be combined")]
    [InlineData("-PostOnly -TimeInForce FillOrKill", "PostOnly cannot be combined")]
    [InlineData("-TimeInForce ImmediateOrCancel -ExpirationTime ([DateTime]::UtcNow.AddHours(1))", "only GoodTillCanceled orders can expire")]
    [InlineData("-TimeInForce FillOrKill -ExpirationTime ([DateTime]::UtcNow.AddHours(1))", "only GoodTillCanceled orders can expire")]
    [InlineData("-ExpirationTime ([DateTime]::UtcNow.AddMinutes(-1))", "not in the future")]
    public async Task Invalid_orders_fail_before_any_write(string args, string message)
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var defaults = new Dictionary<string, string> { ["-Price"] = "-Price 0.45", ["-Count"] = "-Count 10" };
        var rest = string.Join(" ", defaults.Where(kv => !args.Contains(kv.Key + " ")).Select(kv => kv.Value));
        s.Server.ResetRequestLog();
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy {rest} {args}");
        Assert.Empty(r.Output);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiOrderInvalid", e.FullyQualifiedErrorId);
        Assert.Contains(message, e.Exception.Message);
        Assert.Equal(0, s.Writes);
        Assert.Empty(s.MyOrders);
    }

    [Fact]
    public async Task Sub_penny_grid_names_nearest_prices_in_the_users_side()
    {
        await using var s = await TradingSandbox.StartAsync(120);
        var deci = s.Market(PriceLevelStructure.DeciCent);
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {deci} -Side Yes -Action Buy -Count 1 -Price 0.455"));
        var tapered = s.Market(PriceLevelStructure.TaperedDeciCent);
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {tapered} -Side Yes -Action Buy -Count 1 -Price 0.055"));
        s.Server.ResetRequestLog();
        var r = s.Run($"New-KalshiOrder -Ticker {tapered} -Side No -Action Buy -Count 1 -Price 0.555");
        var e = Assert.Single(r.Errors);
        Assert.Contains("0.55 or 0.56", e.Exception.Message);
        var r2 = s.Run($"New-KalshiOrder -Ticker {tapered} -Side Yes -Action Buy -Count 1 -Price 0.0555");
        Assert.Contains("0.055 or 0.056", Assert.Single(r2.Errors).Exception.Message);
        Assert.Equal(0, s.Writes);
    }

    [Fact]
    public async Task Fractional_market_accepts_hundredths_and_rejects_finer()
    {
        await using var s = await TradingSandbox.StartAsync(60);
        var t = s.Market(PriceLevelStructure.LinearCent, fractional: true);
        Assert.Equal(2.5m, s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2.5 -Price 0.10").One().D("Count"));
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2.505 -Price 0.10");
        Assert.Contains("multiple of 0.01", Assert.Single(r.Errors).Exception.Message);
    }

    [Fact]
    public async Task Unknown_market_is_a_per_item_error_without_a_write()
    {
        await using var s = await TradingSandbox.StartAsync();
        s.Server.ResetRequestLog();
        var r = s.Run("New-KalshiOrder -Ticker NOPE-1 -Side Yes -Action Buy -Count 1 -Price 0.5");
        Assert.Single(r.Errors);
        Assert.Equal(0, s.Writes);
    }
}
