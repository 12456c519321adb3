using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Get/Set/Remove-KalshiOrder, batches and the issue's "Done when" ladder.</summary>
public class TradingManageTests
{
    [Fact]
    public async Task Get_by_id_from_pipeline_and_list_by_status()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2 -Price 0.21 | Get-KalshiOrder");
        var o = r.One();
        Assert.Equal("KalshiPS.Models.KalshiOrder", o.TypeName());
        Assert.Equal("Resting", o.S("Status"));
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.22 -TimeInForce ImmediateOrCancel"));
        Assert.Single(s.Run($"Get-KalshiOrder -Ticker {t} -Status Resting").Output);
        Assert.Single(s.Run($"Get-KalshiOrder -Ticker {t} -Status Canceled").Output);
        Assert.Equal(2, s.Run($"Get-KalshiOrder -Ticker {t}").Output.Count);
        Assert.Equal(2, s.Run($"Get-KalshiOrder -Ticker {t} -PageSize 1").Output.Count); // paginated
        Assert.Single(s.Run($"Get-KalshiOrder -Ticker {t} -First 1").Output);
    }

    [Fact]
    public async Task Amend_price_and_total_count_then_decrease()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.30m, 2);
        var id = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 10 -Price 0.30").One().S("OrderId")!;
        // 2 filled, 8 rest. New total 12 => 10 resting at 0.28.
        var amended = s.Run($"Get-KalshiOrder -OrderId {id} | Set-KalshiOrder -Price 0.28 -Count 12 -PassThru").One();
        var o = s.Ex.GetOrder(id)!;
        Assert.Equal(0.28m, o.YesPrice);
        Assert.Equal(10m, o.RemainingCount);
        Assert.Equal(10m, amended.D("RemainingCount"));
        Ps.Assert(s.Run($"Set-KalshiOrder -OrderId {id} -DecreaseBy 3"));
        Assert.Equal(7m, s.Ex.GetOrder(id)!.RemainingCount);
        Ps.Assert(s.Run($"Set-KalshiOrder -OrderId {id} -DecreaseTo 5"));
        Assert.Equal(5m, s.Ex.GetOrder(id)!.RemainingCount);
        var bad = s.Run($"Set-KalshiOrder -OrderId {id} -Price 0.285");
        Assert.StartsWith("KalshiOrderInvalid", Assert.Single(bad.Errors).FullyQualifiedErrorId);
        var low = s.Run($"Set-KalshiOrder -OrderId {id} -Count 2");
        Assert.Contains("already filled", Assert.Single(low.Errors).Exception.Message);
        Assert.Equal(5m, s.Ex.GetOrder(id)!.RemainingCount);
    }

    [Fact]
    public async Task Remove_by_piped_ids_uses_one_batch_and_reports_each()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($@"
            $o = 1..3 | ForEach-Object {{ New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price ('0.0' + $_) }}
            $o | Remove-KalshiOrder -Confirm:$false -PassThru");
        Ps.Assert(r);
        Assert.Equal(3, r.Output.Count);
        Assert.Equal(1, s.Server.RequestCount("DELETE", "/portfolio/events/orders/batched"));
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
        var again = s.Run($"Remove-KalshiOrder -OrderId {s.MyOrders[0].OrderId} -Confirm:$false");
        Assert.Single(again.Errors);
    }

    [Fact]
    public async Task Remove_by_ticker_and_all()
    {
        await using var s = await TradingSandbox.StartAsync();
        var a = s.Market(); var b = s.Market(skip: 1);
        Ps.Assert(s.Run($@"
            New-KalshiOrder -Ticker {a} -Side Yes -Action Buy -Count 1 -Price 0.05
            New-KalshiOrder -Ticker {a} -Side No -Action Buy -Count 1 -Price 0.05
            New-KalshiOrder -Ticker {b} -Side Yes -Action Buy -Count 1 -Price 0.05"));
        Ps.Assert(s.Run($"Remove-KalshiOrder -Ticker {a} -Confirm:$false"));
        Assert.Equal(2, s.MyOrders.Count(o => o.Status == OrderStatus.Canceled));
        Assert.Equal(OrderStatus.Resting, s.MyOrders.Single(o => o.Ticker == b).Status);
        Ps.Assert(s.Run("Remove-KalshiOrder -All -Confirm:$false"));
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
        Assert.Equal(1, s.Server.RequestCount("DELETE", "/portfolio/events/orders?") + s.Server.RequestLog.Count(x => x.Method == "DELETE" && x.Path.EndsWith("/portfolio/events/orders")));
        Assert.Equal(10000m, s.Ex.GetBalance(s.User)); // reservations released
    }

    [Fact]
    public async Task Pipeline_batches_with_one_result_or_error_per_item_in_order()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Ex.SetBalance(s.User, 1.00m);
        var r = s.Run($@"
            @(
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.10'; ClientOrderId='a' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.105'; ClientOrderId='b' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='50'; Price='0.50'; ClientOrderId='c' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='No'; Action='Buy'; Count='1'; Price='0.20'; ClientOrderId='d' }}
            ) | New-KalshiOrder");
        Assert.Equal(new[] { "a", "d" }, r.Output.Select(o => o.S("ClientOrderId")).ToArray());
        Assert.Equal(2, r.Errors.Count);
        Assert.StartsWith("KalshiOrderInvalid", r.Errors[0].FullyQualifiedErrorId); // b: off grid, never sent
        Assert.Contains("insufficient", r.Errors[1].ToString());                     // c: refused by the exchange
        Assert.Contains("50 Yes @ 0.50", r.Errors[1].TargetObject?.ToString());
        Assert.Equal(1, s.Server.RequestCount("POST", "/portfolio/events/orders/batched"));
        Assert.Equal(0, s.Server.RequestCount("POST", "/portfolio/events/orders") - s.Server.RequestCount("POST", "/portfolio/events/orders/batched"));
    }

    [Fact]
    public async Task More_than_a_chunk_of_pipeline_records_go_in_chunks_of_20()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($"1..45 | ForEach-Object {{ [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.01' }} }} | New-KalshiOrder");
        Ps.Assert(r);
        Assert.Equal(45, r.Output.Count);
        Assert.Equal(45, s.MyOrders.Count);
        Assert.Equal(3, s.Server.RequestCount("POST", "/portfolio/events/orders/batched"));
    }

    [Fact]
    public async Task String_only_rows_bind_every_parameter_including_switches_and_blanks()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($@"
            [pscustomobject]@{{ Ticker='{t}'; Side='No'; Action='Sell'; Count='2'; Price='0.25'; TimeInForce='GoodTillCanceled';
               ExpirationTime=''; PostOnly='true'; ReduceOnly='false'; SelfTradePrevention='Maker'; ClientOrderId='row-1';
               OrderGroupId=''; CancelOnPause='1' }} | New-KalshiOrder");
        var res = r.One();
        var o = s.Ex.GetOrder(res.S("OrderId")!)!;
        Assert.True(o.PostOnly);
        Assert.False(o.ReduceOnly);
        Assert.True(o.CancelOrderOnPause);
        Assert.Equal(SelfTradePrevention.Maker, o.SelfTradePrevention);
        Assert.Equal(OrderSide.Bid, o.Side);      // sell No 0.25 = bid Yes 0.75
        Assert.Equal(0.75m, o.YesPrice);
        Assert.Null(o.ExpirationTime);
    }

    [Fact]
    public async Task Done_when_ladder_whatif_then_real_then_flat_positions()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.40m, 5); // one rung crosses
        var ladder = $@"
            $ladder = @(
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='5'; Price='0.40' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='10'; Price='0.38' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='15'; Price='0.36' }}
              [pscustomobject]@{{ Ticker='{t}'; Side='No'; Action='Buy'; Count='5'; Price='0.30' }}
            )";
        s.Server.ResetRequestLog();
        var dry = s.Run(ladder + "\n$ladder | New-KalshiOrder -WhatIf");
        Ps.Assert(dry);
        Assert.Empty(dry.Output);
        Assert.Equal(0, s.Writes);
        Assert.Empty(s.MyOrders);

        var real = s.Run(ladder + "\n$ladder | New-KalshiOrder");
        Ps.Assert(real);
        Assert.Equal(4, real.Output.Count);
        Assert.Equal(4, s.MyOrders.Count);
        Assert.Equal("Executed", real.Output[0].S("Status"));

        var rows = s.Run("Get-KalshiPosition");
        var row = rows.One();
        Assert.Equal(t, row.S("Ticker"));
        Assert.Equal(5m, row.D("Contracts"));
        AssertFlat(row);
        var byEvent = s.Run("Get-KalshiPosition -ByEvent");
        Assert.Equal("KalshiPS.Models.KalshiEventPosition", byEvent.One().TypeName());
        AssertFlat(byEvent.One());
        AssertFlat(s.Run("Get-KalshiBalance").One());
        foreach (var f in s.Run("Get-KalshiFill").Output) AssertFlat(f);
        foreach (var o in s.Run("Get-KalshiOrder").Output) AssertFlat(o);
        foreach (var o in real.Output) AssertFlat(o);
    }

    [Fact]
    public async Task Positions_hide_closed_markets_unless_asked_and_settlements_list()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.40m, 2);
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2 -Price 0.40"));
        s.Counter(t, OrderSide.Bid, 0.45m, 2);
        var sold = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Sell -Count 2 -Price 0.45").One();
        Assert.Equal("Executed", sold.S("Status"));
        Assert.Empty(s.Run("Get-KalshiPosition").Output);
        var closed = s.Run("Get-KalshiPosition -IncludeClosed").One();
        Assert.Equal("Flat", closed.S("Side"));
        Assert.Equal(0.10m, closed.D("RealizedPnl"));

        var u = s.Market(skip: 1);
        s.Counter(u, OrderSide.Ask, 0.60m, 3);
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {u} -Side Yes -Action Buy -Count 3 -Price 0.60"));
        var before = s.Ex.GetBalance(s.User);
        s.Ex.SettleMarket(u, "yes");
        Assert.Equal(before + 3m, s.Ex.GetBalance(s.User));
        var st = s.Run($"Get-KalshiSettlement -Ticker {u}").One();
        Assert.Equal("Yes", st.S("Result"));
        Assert.Equal(3m, st.D("Revenue"));
        AssertFlat(st);
    }

    internal static void AssertFlat(System.Management.Automation.PSObject o)
    {
        foreach (var p in o.Properties.Where(p => p.MemberType == System.Management.Automation.PSMemberTypes.Property))
        {
            var v = p.Value;
            if (v == null) continue;
            var ty = v.GetType();
            Assert.True(ty == typeof(string) || ty == typeof(decimal) || ty == typeof(int) || ty == typeof(bool) || ty == typeof(DateTime) || ty.IsEnum,
                $"{o.TypeName()}.{p.Name} is {ty.FullName}, not a scalar");
        }
    }
}
