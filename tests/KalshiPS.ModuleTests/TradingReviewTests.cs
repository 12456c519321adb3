using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Issue 4 review: client-order-id collisions, confirmation design, Ctrl+C on portfolio listings, and gaps.</summary>
public class TradingReviewTests
{
    // ------------------------------------------------------------------ idempotency vs. collisions

    [Fact]
    public async Task Retry_that_meets_an_older_different_order_under_a_given_client_order_id_is_an_error()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var old = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId reused-1").One();
        s.Server.ResetRequestLog();
        s.Server.Faults.FailNextRequests = 1; // first attempt 503 before processing; the retry meets 409 for the OLD order
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2 -Price 0.20 -ClientOrderId reused-1");
        Assert.Empty(r.Output); // never reported as if the old order were this one
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiConflict", e.FullyQualifiedErrorId);
        Assert.Contains("different order " + old.S("OrderId"), e.Exception.Message);
        Assert.Contains("was not placed", e.Exception.Message);
        Assert.Single(s.MyOrders);
        Assert.Equal(2, s.Server.RequestCount("POST", "/portfolio/events/orders"));
    }

    [Fact]
    public async Task Create_without_an_answer_whose_id_belongs_to_an_older_different_order_is_an_error()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Buy -Count 1 -Price 0.30 -ClientOrderId reused-2"));
        s.Server.Faults.FailNextRequests = 4; // every attempt (1 + 3 retries) gets 503: the lookup then finds the old order
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Buy -Count 1 -Price 0.31 -ClientOrderId reused-2");
        Assert.Empty(r.Output);
        Assert.Contains("different order", Assert.Single(r.Errors).Exception.Message);
        Assert.Single(s.MyOrders);
    }

    [Fact]
    public async Task Create_without_an_answer_says_not_placed_only_when_the_lookup_worked()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10")); // market rules cached

        s.Server.Faults.FailNextRequests = 4; // the create's 4 attempts fail; the lookup works and finds nothing
        var placedNot = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.11").Errors);
        Assert.Contains("so it was not placed", placedNot.Exception.Message);

        s.Server.Faults.FailNextRequests = 1000; // the lookup fails too: nobody knows, and the user is told how to find out
        var unknown = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.12 -ClientOrderId maybe-1").Errors);
        Assert.DoesNotContain("not placed", unknown.Exception.Message);
        Assert.Contains("whether it was placed is unknown", unknown.Exception.Message);
        Assert.Contains("-ClientOrderId maybe-1", unknown.Exception.Message);

        var batch = s.Run($@"
            @(
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.13'; ClientOrderId='maybe-2' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.14'; ClientOrderId='maybe-3' }}
            ) | New-KalshiOrder");
        Assert.Equal(2, batch.Errors.Count);
        Assert.Contains("-ClientOrderId maybe-2", batch.Errors[0].Exception.Message);
        Assert.Contains("-ClientOrderId maybe-3", batch.Errors[1].Exception.Message);

        s.Server.Faults.FailNextRequests = 4;
        var batchNot = s.Run($@"
            @(
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.15' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.16' }}
            ) | New-KalshiOrder");
        Assert.Equal(2, batchNot.Errors.Count);
        Assert.All(batchNot.Errors, e => Assert.Contains("so it was not placed", e.Exception.Message));
        s.Server.Faults.FailNextRequests = 0;
        Assert.Single(s.MyOrders);
    }

    [Fact]
    public async Task Retry_that_finds_the_same_order_under_a_given_id_still_resolves()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.FailNextCreateAfterCommit = 1;
        var res = s.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Sell -Count 3 -Price 0.35 -ClientOrderId mine-3").One();
        Assert.Equal("True", res.S("AlreadyExisted"));
        Assert.Single(s.MyOrders);
    }

    [Fact]
    public async Task Batch_items_sharing_a_client_order_id_get_one_order_and_one_error_not_two_successes()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($@"
            @(
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.10'; ClientOrderId='same' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='2'; Price='0.11'; ClientOrderId='same' }}
            ) | New-KalshiOrder");
        var placed = Assert.Single(r.Output);
        Assert.Equal(0.10m, placed.D("Price"));
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiConflict", e.FullyQualifiedErrorId);
        Assert.Contains("2 Yes @ 0.11", e.TargetObject?.ToString());
        Assert.Single(s.MyOrders);
        Assert.Equal(placed.S("OrderId"), s.MyOrders[0].OrderId);
    }

    [Fact]
    public async Task Batch_retry_meeting_an_older_different_order_reports_that_item_as_an_error()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId old-b"));
        s.Server.Faults.FailNextRequests = 1;
        var r = s.Run($@"
            @(
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.20'; ClientOrderId='old-b' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.21'; ClientOrderId='new-b' }}
            ) | New-KalshiOrder");
        Assert.Equal(new[] { "new-b" }, r.Output.Select(o => o.S("ClientOrderId")).ToArray());
        Assert.Equal("False", r.Output[0].S("AlreadyExisted"));
        Assert.Contains("different order", Assert.Single(r.Errors).Exception.Message);
        Assert.Equal(2, s.MyOrders.Count);
    }

    // ------------------------------------------------------------------ validation details

    [Fact]
    public async Task Validation_errors_are_InvalidArgument_and_sub_penny_rules_are_exact()
    {
        await using var s = await TradingSandbox.StartAsync(120);
        var cent = s.Market();
        s.Server.ResetRequestLog();
        var r = s.Run($"New-KalshiOrder -Ticker {cent} -Side Yes -Action Buy -Count 1 -Price 0.005");
        var e = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("Nearest valid prices: 0.01", e.Exception.Message);
        Assert.Contains("0.00-1.00:0.01", e.Exception.Message); // names the grid
        var c = Assert.Single(s.Run($"New-KalshiOrder -Ticker {cent} -Side Yes -Action Buy -Count 1.5 -Price 0.05").Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, c.CategoryInfo.Category);
        Assert.Contains("valid: 1, 2, 3", c.Exception.Message);
        Assert.Equal(0, s.Writes);

        var deci = s.Market(PriceLevelStructure.DeciCent);
        var yes = s.Run($"New-KalshiOrder -Ticker {deci} -Side Yes -Action Buy -Count 1 -Price 0.045").One();
        Assert.Equal(0.045m, s.Ex.GetOrder(yes.S("OrderId")!)!.YesPrice);
        var no = s.Run($"New-KalshiOrder -Ticker {deci} -Side No -Action Buy -Count 1 -Price 0.045").One();
        var o = s.Ex.GetOrder(no.S("OrderId")!)!;
        Assert.Equal(OrderSide.Ask, o.Side);
        Assert.Equal(0.955m, o.YesPrice);
    }

    [Fact]
    public async Task Csv_like_rows_bind_case_insensitively_with_blank_cells_and_keep_input_order_in_one_batch()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($@"
            @(
              [pscustomobject]@{{ Ticker='{t.ToLowerInvariant()}'; Side='yes'; Action='BUY'; Count='1'; Price='0.12'; TimeInForce=''; ExpirationTime=''; PostOnly=''; ReduceOnly=''; SelfTradePrevention=''; ClientOrderId=''; OrderGroupId=''; CancelOnPause='' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='nO'; Action='sell'; Count='2'; Price='0.70'; TimeInForce='goodtillcanceled'; ExpirationTime=''; PostOnly='false'; ReduceOnly=''; SelfTradePrevention='maker'; ClientOrderId='r2'; OrderGroupId=''; CancelOnPause='' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Maybe'; Action='Buy'; Count='1'; Price='0.12'; TimeInForce=''; ExpirationTime=''; PostOnly=''; ReduceOnly=''; SelfTradePrevention=''; ClientOrderId='r3'; OrderGroupId=''; CancelOnPause='' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='YES'; Action='buy'; Count='3'; Price='0.13'; TimeInForce=''; ExpirationTime=''; PostOnly=''; ReduceOnly=''; SelfTradePrevention=''; ClientOrderId='r4'; OrderGroupId=''; CancelOnPause='' }}
            ) | New-KalshiOrder");
        Assert.Equal(3, r.Output.Count);
        Assert.Equal(new[] { 1m, 2m, 3m }, r.Output.Select(o => o.D("Count")).ToArray());
        Assert.Single(r.Errors); // the bad Side is a binding error for that row only
        Assert.Equal(1, s.Server.RequestCount("POST", "/portfolio/events/orders/batched"));
        var sellNo = s.Ex.GetOrder(r.Output[1].S("OrderId")!)!;
        Assert.Equal(OrderSide.Bid, sellNo.Side);
        Assert.Equal(0.30m, sellNo.YesPrice);
        Assert.Equal(SelfTradePrevention.Maker, sellNo.SelfTradePrevention);
    }

    // ------------------------------------------------------------------ Remove-KalshiOrder confirmation design

    [Fact]
    public async Task Remove_is_Medium_impact_so_cancel_by_id_runs_unprompted_under_the_default_preference()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var ids = s.Run($@"1..2 | ForEach-Object {{ (New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price ('0.0' + $_)).OrderId }}").Output.Select(o => o.ToString()).ToList();
        Assert.Equal("High", s.Run("$ConfirmPreference").One().ToString());
        var r = s.Run($"Remove-KalshiOrder -OrderId {ids[0]} -PassThru"); // a scheduled script: no -Confirm:$false, no host to prompt
        Ps.Assert(r);
        Assert.Equal(ids[0], r.One().S("OrderId"));
        Assert.Equal(OrderStatus.Canceled, s.Ex.GetOrder(ids[0])!.Status);
        Assert.Equal("Medium", s.Run("(Get-Command Remove-KalshiOrder).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact").One().ToString());

        // A lower preference makes the by-id cancel ask; this host cannot answer, so nothing is cancelled.
        s.Server.ResetRequestLog();
        var asked = s.Run($"$ConfirmPreference = 'Medium'; Remove-KalshiOrder -OrderId {ids[1]}; $ConfirmPreference = 'High'");
        Assert.NotEmpty(asked.Errors);
        Assert.Equal(0, s.Server.RequestCount("DELETE", "/portfolio/events/orders"));
        Assert.Equal(OrderStatus.Resting, s.Ex.GetOrder(ids[1])!.Status);
    }

    [Theory]
    [InlineData("-All")]
    [InlineData("-Ticker {0}")]
    public async Task Mass_cancel_is_High_impact_it_asks_unless_Confirm_false_or_preference_None(string args)
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05"));
        var call = "Remove-KalshiOrder " + string.Format(args, t);
        s.Server.ResetRequestLog();

        var asked = s.Run(call); // default $ConfirmPreference High: asks; the hosted engine cannot prompt
        Assert.NotEmpty(asked.Errors);
        Assert.Equal(0, s.Server.RequestCount("DELETE", "/portfolio/events/orders"));
        Assert.Equal(OrderStatus.Resting, s.MyOrders.Single().Status);

        Ps.Assert(s.Run(call + " -WhatIf"));
        Assert.Equal(0, s.Server.RequestCount("DELETE", "/portfolio/events/orders"));

        Ps.Assert(s.Run("$ConfirmPreference = 'None'; " + call + "; $ConfirmPreference = 'High'"));
        Assert.Equal(OrderStatus.Canceled, s.MyOrders.Single().Status);

        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.06"));
        Ps.Assert(s.Run(call + " -Confirm:$false"));
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    // ------------------------------------------------------------------ Set-KalshiOrder on a No order

    [Fact]
    public async Task Amend_of_a_No_order_converts_the_price_to_the_Yes_book()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var id = s.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Buy -Count 4 -Price 0.30").One().S("OrderId")!;
        Assert.Equal(0.70m, s.Ex.GetOrder(id)!.YesPrice);
        var after = s.Run($"Set-KalshiOrder -OrderId {id} -Price 0.25 -PassThru").One();
        Assert.Equal(0.75m, s.Ex.GetOrder(id)!.YesPrice);
        Assert.Equal(OrderSide.Ask, s.Ex.GetOrder(id)!.Side);
        Assert.Equal(0.25m, after.D("Price"));
        Assert.Equal(4m, s.Ex.GetOrder(id)!.RemainingCount);
        var bad = s.Run($"Set-KalshiOrder -OrderId {id} -DecreaseBy 0.5");
        Assert.Equal(ErrorCategory.InvalidArgument, Assert.Single(bad.Errors).CategoryInfo.Category);
        Assert.Equal(4m, s.Ex.GetOrder(id)!.RemainingCount);
    }

    // ------------------------------------------------------------------ portfolio

    [Fact]
    public async Task No_position_has_Side_No_positive_Contracts_and_balance_is_decimal_dollars()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Bid, 0.60m, 3); // someone buys Yes at 0.60 = sells No at 0.40
        var res = s.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Buy -Count 3 -Price 0.40").One();
        Assert.Equal("Executed", res.S("Status"));
        Assert.Equal(0.40m, res.D("AverageFillPrice"));
        var pos = s.Run($"Get-KalshiPosition -Ticker {t}").One();
        Assert.Equal("No", pos.S("Side"));
        Assert.Equal(3m, pos.D("Contracts"));
        Assert.Equal(-3m, pos.D("Position"));
        TradingManageTests.AssertFlat(pos);
        var bal = s.Run("Get-KalshiBalance").One();
        Assert.IsType<decimal>(bal.Properties["Balance"].Value);
        Assert.Equal(10000m - 1.20m, bal.D("Balance"));
        var fill = s.Run($"Get-KalshiFill -Ticker {t}").One();
        Assert.Equal("No", fill.S("Side"));
        Assert.Equal(0.40m, fill.D("Price"));
    }

    [Fact]
    public async Task Fill_Since_and_Until_filter_by_time()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.40m, 10);
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.40"));
        var first = DateTime.UtcNow;
        while (DateTime.UtcNow.Second == first.Second) Thread.Sleep(20); // the next fill lands in a later second
        var boundary = DateTime.UtcNow;
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2 -Price 0.40"));
        var vars = new Dictionary<string, object?> { ["since"] = boundary, ["until"] = boundary.AddSeconds(-1) };
        Assert.Equal(2m, s.Run("Get-KalshiFill -Since $since", vars).One().D("Count"));
        Assert.Equal(1m, s.Run("Get-KalshiFill -Until $until", vars).One().D("Count"));
        Assert.Empty(s.Run("Get-KalshiFill -Since $since -Until $until", vars).Output);
        Assert.Equal(2, s.Run("Get-KalshiFill").Output.Count);
    }

    // ------------------------------------------------------------------ Ctrl+C

    [Theory]
    [InlineData("Get-KalshiOrder -PageSize 1")]
    [InlineData("Get-KalshiFill -PageSize 1")]
    public async Task Stop_ends_a_long_portfolio_listing_promptly(string command)
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        const int n = 150;
        for (int i = 0; i < n; i++)
        {
            s.Counter(t, OrderSide.Ask, 0.50m, 1);
            s.Ex.PlaceOrder(s.User, new OrderRequest { Ticker = t, Side = OrderSide.Bid, Price = 0.50m, Count = 1 }); // one order, one fill
        }
        Assert.Equal(n, s.MyOrders.Count);
        s.Server.Faults.LatencyMs = 150; // each page takes a while: the whole listing would need > 20 s
        var output = new PSDataCollection<PSObject>();
        using var ps = s.Host.Begin(command, output);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (output.Count < 2 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.True(output.Count >= 2, "listing did not start");
        var started = DateTime.UtcNow;
        ps.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), $"Stop took {DateTime.UtcNow - started}");
        Assert.True(output.Count < n);
        s.Server.Faults.LatencyMs = 0;
    }
}
