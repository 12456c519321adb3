using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Subaccounts end to end through the engine: create, fund, trade, read and cancel per account; transfers, netting and
/// allocation; -WhatIf and bad numbers send nothing; writes whose answer was lost report what really happened.
/// </summary>
public class SubaccountTests
{
    private const string Api = "/trade-api/v2";

    private static int Sent(TradingSandbox s, string method, string path) =>
        s.Server.RequestDetails.Count(r => r.Method == method && r.Path == Api + path);

    private static bool SawQuery(TradingSandbox s, string method, string path, string query) =>
        s.Server.RequestDetails.Any(r => r.Method == method && r.Path == Api + path && r.Query.TrimStart('?').Split('&').Contains(query));

    /// <summary>Subaccount 1 with $100 in it, made straight in the engine.</summary>
    private static void Funded(TradingSandbox s, long cents = 10_000)
    {
        Assert.Equal(1, s.Ex.CreateSubaccount(s.User));
        s.Ex.TransferBetweenSubaccounts(s.User, "seed", 0, 1, cents);
    }

    [Fact]
    public async Task Create_and_fund_a_subaccount_then_read_each_accounts_cash()
    {
        await using var s = await TradingSandbox.StartAsync();
        decimal primary = s.Ex.GetBalance(s.User);

        var sub = s.Run("New-KalshiSubaccount").One();
        Assert.Equal("KalshiPS.Models.KalshiSubaccount", sub.TypeName());
        Assert.Equal(1, sub.Properties["Subaccount"].Value);
        Assert.Equal(0m, sub.D("Balance"));
        Assert.Equal(1, Sent(s, "POST", "/portfolio/subaccounts"));

        var t = s.Run("Move-KalshiBalance -Amount 12.34 -From 0 -To 1").One();
        Assert.Equal("KalshiPS.Models.KalshiTransfer", t.TypeName());
        Assert.Equal(12.34m, t.D("Amount"));
        Assert.Equal(0, t.Properties["FromSubaccount"].Value);
        Assert.Equal(1, t.Properties["ToSubaccount"].Value);
        Assert.True(Guid.TryParse(t.S("ClientTransferId"), out _));
        var seen = Assert.Single(s.Ex.Transfers(s.User));
        Assert.Equal(1234, seen.AmountCents);
        Assert.Equal(t.S("ClientTransferId"), seen.ClientTransferId);
        Assert.Equal(seen.TransferId, t.S("TransferId")); // read back from the history: Kalshi's answer names none
        Assert.Equal(primary - 12.34m, s.Ex.GetBalance(s.User));
        Assert.Equal(12.34m, s.Ex.GetBalance(s.User, 1));

        var bal = s.Run("Get-KalshiBalance -Subaccount 1").One();
        Assert.Equal(12.34m, bal.D("Balance"));
        Assert.Equal(1, bal.Properties["Subaccount"].Value);
        Assert.True(SawQuery(s, "GET", "/portfolio/balance", "subaccount=1"));
        var all = s.Run("Get-KalshiSubaccount").Output;
        Assert.Equal(new object[] { 0, 1 }, all.Select(o => o.Properties["Subaccount"].Value));
        Assert.Equal(new[] { primary - 12.34m, 12.34m }, all.Select(o => o.D("Balance")));
        Assert.Equal(new[] { primary - 12.34m, 12.34m }, s.Run("Get-KalshiSubaccount | Get-KalshiBalance").Output.Select(o => o.D("Balance")));
    }

    [Fact]
    public async Task An_order_in_subaccount_1_trades_with_its_cash_and_never_touches_the_primary()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        var t = s.Market();
        decimal primary = s.Ex.GetBalance(s.User);
        s.Counter(t, OrderSide.Ask, 0.40m, 3);

        var result = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 5 -Price 0.40 -Subaccount 1").One();
        Assert.Equal(1, result.Properties["Subaccount"].Value);
        Assert.Equal(3m, result.D("FilledCount"));
        var order = Assert.Single(s.MyOrders);
        Assert.Equal(1, order.Subaccount);
        Assert.Equal(primary, s.Ex.GetBalance(s.User));
        Assert.Equal(100m - 5 * 0.40m, s.Ex.GetBalance(s.User, 1)); // 3 paid, 2 reserved
        Assert.Equal(0m, s.Ex.GetPosition(s.User, t));
        Assert.Equal(3m, s.Ex.GetPosition(s.User, t, 1));

        var pos = s.Run("Get-KalshiPosition -Subaccount 1").One();
        Assert.Equal(t, pos.S("Ticker"));
        Assert.Equal(1, pos.Properties["Subaccount"].Value);
        Assert.True(SawQuery(s, "GET", "/portfolio/positions", "subaccount=1"));
        Assert.Empty(s.Run("Get-KalshiPosition").Output); // the primary holds nothing
        var fills = s.Run("Get-KalshiFill -Subaccount 1").Output;
        Assert.NotEmpty(fills);
        Assert.All(fills, f => Assert.Equal(1, f.Properties["Subaccount"].Value));
        Assert.Empty(s.Run("Get-KalshiFill -Subaccount 0").Output);
        Assert.Equal(1, s.Run("Get-KalshiOrder -Status Resting").One().Properties["Subaccount"].Value); // every account by default
        Assert.Empty(s.Run("Get-KalshiOrder -Status Resting -Subaccount 0").Output);

        // The piped result names its account, so the cancel reaches it (Kalshi looks only in the account named).
        var cancel = s.Run($"Get-KalshiOrder -Status Resting -Subaccount 1 | Remove-KalshiOrder -PassThru").One();
        Assert.Equal(1, cancel.Properties["Subaccount"].Value);
        Assert.Equal(OrderStatus.Canceled, s.Ex.GetOrder(order.OrderId)!.Status);
        Assert.True(SawQuery(s, "DELETE", "/portfolio/events/orders/" + order.OrderId, "subaccount=1"));
        Assert.Equal(100m - 3 * 0.40m, s.Ex.GetBalance(s.User, 1));
        Assert.Equal(primary, s.Ex.GetBalance(s.User));
    }

    [Fact]
    public async Task Set_KalshiOrder_reads_the_account_from_the_order_and_refuses_a_different_one()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        var t = s.Market();
        var id = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 4 -Price 0.02 -Subaccount 1").One().S("OrderId")!;

        Ps.Assert(s.Run($"Set-KalshiOrder -OrderId {id} -DecreaseTo 1"));
        Assert.Equal(1m, s.Ex.GetOrder(id)!.RemainingCount);
        Assert.True(SawQuery(s, "POST", $"/portfolio/events/orders/{id}/decrease", "subaccount=1"));

        int writes = s.Writes;
        var wrong = s.Run($"Set-KalshiOrder -OrderId {id} -Price 0.03 -Subaccount 0");
        Assert.Contains("belongs to subaccount 1, not 0", Assert.Single(wrong.Errors).Exception.Message);
        Assert.Equal(writes, s.Writes);
        Assert.Equal(0.02m, s.Ex.GetOrder(id)!.YesPrice);
    }

    [Fact]
    public async Task Cancel_all_of_one_subaccount_leaves_the_primary_orders_resting()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.02; New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.02 -Subaccount 1"));

        Ps.Assert(s.Run("Remove-KalshiOrder -All -Subaccount 1 -Force"));

        Assert.True(SawQuery(s, "DELETE", "/portfolio/events/orders", "subaccount=1"));
        Assert.Equal(new[] { 0 }, s.MyOrders.Where(o => o.Status == OrderStatus.Resting).Select(o => o.Subaccount));
    }

    [Theory]
    [InlineData("Get-KalshiBalance -Subaccount 64")]
    [InlineData("Get-KalshiPosition -Subaccount -1")]
    [InlineData("Get-KalshiFill -Subaccount 99")]
    [InlineData("Get-KalshiOrder -Subaccount 64")]
    [InlineData("Get-KalshiSettlement -Subaccount 64")]
    [InlineData("New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.02 -Subaccount 64")]
    [InlineData("[pscustomobject]@{ Ticker = '{t}'; Side = 'Yes'; Action = 'Buy'; Count = 1; Price = 0.02; Subaccount = 70 } | New-KalshiOrder")]
    [InlineData("Remove-KalshiOrder -All -Subaccount 64 -Force")]
    [InlineData("Move-KalshiBalance -Amount 1 -From 0 -To 64")]
    [InlineData("Set-KalshiSubaccountNetting -Subaccount 64 -Enabled $true")]
    public async Task A_subaccount_outside_0_to_63_is_refused_before_anything_is_sent(string line)
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.ResetRequestLog();

        var r = s.Run(line.Replace("{t}", t));

        var e = Assert.Single(r.Errors);
        Assert.Contains("0 for the primary account or 1-63", e.ToString());
        Assert.DoesNotContain(s.Server.RequestLog, x => x.Path.StartsWith(Api + "/portfolio"));
    }

    [Fact]
    public async Task WhatIf_sends_no_write_and_changes_nothing()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        decimal primary = s.Ex.GetBalance(s.User);
        int writes = s.Writes;

        var r = s.Run(@"
            New-KalshiSubaccount -WhatIf
            Move-KalshiBalance -Amount 5 -From 0 -To 1 -WhatIf
            Move-KalshiBalance -Amount 5 -FromInstance EventContract -ToInstance Margined -WhatIf
            Set-KalshiSubaccountNetting -Subaccount 1 -Enabled $false -WhatIf
            Set-KalshiBalanceAllocation -Allocation @{0 = 100} -WhatIf
            Set-KalshiBalanceAllocation -Disable -WhatIf");

        Ps.Assert(r);
        Assert.Empty(r.Output);
        Assert.Equal(writes, s.Writes);
        Assert.Equal(2, s.Ex.Subaccounts(s.User).Count);
        Assert.Equal(primary, s.Ex.GetBalance(s.User));
        Assert.Equal(0m, s.Ex.MarginedBalance(s.User));
        Assert.All(s.Ex.Netting(s.User), n => Assert.True(n.Enabled));
    }

    [Theory]
    [InlineData("Move-KalshiBalance -Amount 1.234 -From 0 -To 1", "whole number of cents")]
    [InlineData("Move-KalshiBalance -Amount 0 -From 0 -To 1", "more than 0")]
    [InlineData("Move-KalshiBalance -Amount 1 -From 1 -To 1", "nothing to move")]
    [InlineData("Move-KalshiBalance -Amount 1.23456 -FromInstance EventContract -ToInstance Margined", "0.0001")]
    [InlineData("Move-KalshiBalance -Amount 1 -FromInstance Margined -ToInstance EventContract -To 1", "only between EventContract")]
    [InlineData("Move-KalshiBalance -Amount 1 -From 0 -To 1 -ClientTransferId 'a b'", "client transfer id")]
    [InlineData("Set-KalshiBalanceAllocation -Allocation @{0 = 60; 1 = 30}", "total 90, not 100")]
    [InlineData("Set-KalshiBalanceAllocation -Allocation @{x = 100}", "not an exchange index")]
    public async Task Bad_amounts_and_allocations_are_refused_before_sending(string line, string message)
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        int writes = s.Writes;

        var r = s.Run(line);

        Assert.Contains(message, Assert.Single(r.Errors).ToString());
        Assert.Equal(writes, s.Writes);
        Assert.Single(s.Ex.Transfers(s.User)); // only the seed
    }

    [Fact]
    public async Task A_transfer_whose_answer_was_lost_is_retried_under_its_id_and_applied_once()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        decimal primary = s.Ex.GetBalance(s.User);
        s.Server.Faults.FailNextTransferAfterCommit = 1;

        var t = s.Run("Move-KalshiBalance -Amount 7 -From 0 -To 1 -ClientTransferId retry-me").One();

        Assert.Equal(2, Sent(s, "POST", "/portfolio/subaccounts/transfer"));
        Assert.Equal("retry-me", t.S("ClientTransferId"));
        Assert.Equal(primary - 7m, s.Ex.GetBalance(s.User));
        Assert.Equal(107m, s.Ex.GetBalance(s.User, 1));
        Assert.Equal(2, s.Ex.Transfers(s.User).Count);
    }

    [Fact]
    public async Task A_transfer_the_exchange_never_received_is_reported_as_not_done_from_the_history()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        decimal primary = s.Ex.GetBalance(s.User);
        s.Server.Faults.FailNextRequests = 4; // the attempt and its 3 retries meet a 503 before anything happens

        var r = s.Run("Move-KalshiBalance -Amount 7 -From 0 -To 1");

        var e = Assert.Single(r.Errors);
        Assert.Contains("no such transfer appears in the transfer history, so it was not applied", e.Exception.Message);
        Assert.Empty(r.Output);
        Assert.Equal(primary, s.Ex.GetBalance(s.User));
        Assert.Single(s.Ex.Transfers(s.User));
    }

    [Fact]
    public async Task A_netting_change_whose_answer_was_lost_is_retried_and_reported_done()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        s.Server.Faults.FailNextTransferAfterCommit = 1;

        var n = s.Run("Set-KalshiSubaccountNetting -Subaccount 1 -Enabled $false -PassThru").One();

        Assert.False((bool)n.Properties["Enabled"].Value);
        Assert.Equal(2, Sent(s, "PUT", "/portfolio/subaccounts/netting"));
        Assert.Contains((1, false), s.Ex.Netting(s.User));
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_not_repeated_and_reports_the_subaccount_that_appeared()
    {
        await using var s = await TradingSandbox.StartAsync();
        s.Server.Faults.FailNextTransferAfterCommit = 1;

        var sub = s.Run("New-KalshiSubaccount").One();

        Assert.Equal(1, sub.Properties["Subaccount"].Value);
        Assert.Equal(1, Sent(s, "POST", "/portfolio/subaccounts")); // never sent twice: that would make a second one
        Assert.Equal(2, s.Ex.Subaccounts(s.User).Count);
    }

    [Fact]
    public async Task An_instance_transfer_whose_answer_was_lost_is_found_in_the_history()
    {
        await using var s = await TradingSandbox.StartAsync();
        s.Server.Faults.FailNextTransferAfterCommit = 1;

        var t = s.Run("Move-KalshiBalance -Amount 2.5 -FromInstance EventContract -ToInstance Margined").One();

        Assert.Equal(1, Sent(s, "POST", "/portfolio/intra_exchange_instance_transfer"));
        var made = Assert.Single(s.Ex.InstanceTransfers(s.User));
        Assert.Equal(made.TransferId, t.S("TransferId"));
        Assert.Equal("Complete", t.S("Status"));
        Assert.Equal(2.5m, s.Ex.MarginedBalance(s.User));
        var again = s.Run($"Get-KalshiTransfer -TransferId {made.TransferId}").One();
        Assert.Equal("Margined", again.S("ToInstance"));
        Assert.Equal(2.5m, again.D("Amount"));
        Assert.Single(s.Run("Get-KalshiTransfer -ExchangeInstance").Output);
    }

    [Fact]
    public async Task Transfers_list_newest_first_and_filter_by_account()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);
        Assert.Equal(2, s.Ex.CreateSubaccount(s.User));
        Ps.Assert(s.Run("Move-KalshiBalance -Amount 3 -From 1 -To 2; Move-KalshiBalance -Amount 1 -From 0 -To 2"));

        s.Server.ResetRequestLog();
        var all = s.Run("Get-KalshiTransfer -PageSize 1").Output; // paged one by one
        Assert.Equal(new[] { 1m, 3m, 100m }, all.Select(o => o.D("Amount")));
        Assert.All(all, o => Assert.Equal("Subaccount", o.S("Kind")));
        Assert.Equal(3, Sent(s, "GET", "/portfolio/subaccounts/transfers"));
        Assert.True(SawQuery(s, "GET", "/portfolio/subaccounts/transfers", "limit=1"));
        Assert.Equal(new[] { 3m, 100m }, s.Run("Get-KalshiTransfer -Subaccount 1").Output.Select(o => o.D("Amount")));
    }

    [Fact]
    public async Task Netting_and_allocation_are_set_and_read_back()
    {
        await using var s = await TradingSandbox.StartAsync();
        Funded(s);

        var n = s.Run("Set-KalshiSubaccountNetting -Subaccount 1 -Enabled $false -PassThru").One();
        Assert.Equal("KalshiPS.Models.KalshiSubaccountNetting", n.TypeName());
        Assert.False((bool)n.Properties["Enabled"].Value);
        Assert.Equal(new[] { (0, true), (1, false) }, s.Ex.Netting(s.User));
        Assert.Equal(new object[] { true, false }, s.Run("Get-KalshiSubaccountNetting").Output.Select(o => o.Properties["Enabled"].Value));

        var rows = s.Run("Set-KalshiBalanceAllocation -Allocation @{1 = '40'; 0 = 60} -RestingMarginReservation Max -PassThru").Output;
        Assert.Equal(new[] { 0, 1 }, rows.Select(o => (int)o.Properties["ExchangeIndex"].Value));
        Assert.Equal(new[] { 60m, 40m }, rows.Select(o => o.D("Percent")));
        Assert.All(rows, o => Assert.Equal("Max", o.S("RestingMarginReservation")));
        Assert.Equal("max", s.Ex.GetBalanceAllocation(s.User).RestingMarginReservation);
        Ps.Assert(s.Run("Set-KalshiBalanceAllocation -Disable"));
        Assert.Empty(s.Ex.GetBalanceAllocation(s.User).Allocations);
        Assert.Empty(s.Run("Get-KalshiBalanceAllocation").Output);
    }
}

/// <summary>Pipelines that mix accounts: each order goes to, and is canceled in, its own account.</summary>
public class SubaccountPipelineTests
{
    [Fact]
    public async Task A_CSV_ladder_across_accounts_is_placed_and_canceled_per_account()
    {
        await using var s = await TradingSandbox.StartAsync();
        Assert.Equal(1, s.Ex.CreateSubaccount(s.User));
        s.Ex.TransferBetweenSubaccounts(s.User, "seed", 0, 1, 10_000);
        var t = s.Market();

        var placed = s.Run($@"
            ""Ticker,Side,Action,Count,Price,Subaccount`n{t},Yes,Buy,1,0.02,`n{t},Yes,Buy,1,0.03,1`n{t},Yes,Buy,1,0.04,1`n{t},Yes,Buy,1,0.05,0"" | Set-Content ladder.csv
            Import-Csv ladder.csv | New-KalshiOrder").Output;

        Assert.Equal(new object[] { 0, 1, 1, 0 }, placed.Select(o => o.Properties["Subaccount"].Value));
        Assert.Equal(1, s.Server.RequestCount("POST", "/portfolio/events/orders/batched")); // one batch, an account per item
        Assert.Equal(new[] { (0.02m, 0), (0.03m, 1), (0.04m, 1), (0.05m, 0) }, s.MyOrders.OrderBy(o => o.YesPrice).Select(o => (o.YesPrice, o.Subaccount)));

        s.Server.ResetRequestLog();
        var canceled = s.Run("Get-KalshiOrder -Status Resting | Sort-Object Price | Remove-KalshiOrder -PassThru").Output;

        Assert.Equal(4, canceled.Count);
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
        // Consecutive orders of one account share a request: 0 | 1, 1 | 0 is three requests, each naming its account.
        Assert.Equal(1, s.Server.RequestCount("DELETE", "/portfolio/events/orders/batched"));
        Assert.Equal(2, s.Server.RequestDetails.Count(r => r.Method == "DELETE" && r.Path.StartsWith("/trade-api/v2/portfolio/events/orders/") && !r.Path.EndsWith("batched")));
        Assert.Equal(100m, s.Ex.GetBalance(s.User, 1));
    }
}
