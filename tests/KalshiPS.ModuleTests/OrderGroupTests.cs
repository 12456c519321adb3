using System.Diagnostics;
using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// The order group cmdlets end to end against the sandbox (Import-Module ./KalshiPS.psd1, as users run them): each
/// checks the object written, the request the sandbox saw and the exchange's state; -WhatIf sends nothing.
/// </summary>
public sealed class OrderGroupTests : ConnectedSandboxTest
{
    public OrderGroupTests(ITestOutputHelper log) : base(log) { }

    private Exchange Ex => _s.Exchange;
    private string User => _s.UserId;
    private int Seen(string method, string path) => _s.RequestCount(method, path);
    private const string Groups = "/portfolio/order_groups";

    private string ActiveTicker(int skip = 0)
    {
        var m = Ex.Markets.Where(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled).Skip(skip).First();
        Ex.CancelAll(Exchange.HouseUserId, m.Ticker);
        return m.Ticker;
    }

    private OrderGroup NewGroup(decimal limit)
    {
        var r = _host.Run($"New-KalshiOrderGroup -ContractsLimit {limit}");
        var id = r.One().S("OrderGroupId")!;
        return Ex.GetOrderGroup(User, id);
    }

    [Fact]
    public void New_creates_the_group_on_the_exchange_and_writes_it()
    {
        int before = Seen("POST", Groups + "/create");

        var g = _host.Run("New-KalshiOrderGroup -ContractsLimit 25").One();

        Assert.Equal("KalshiPS.Models.KalshiOrderGroup", g.TypeName());
        var onExchange = Assert.Single(Ex.GetOrderGroups(User));
        Assert.Equal(onExchange.Id, g.S("OrderGroupId"));
        Assert.Equal(25m, onExchange.ContractsLimit);
        Assert.Equal(25m, g.D("ContractsLimit"));
        Assert.Equal(0, (int)g.Properties["Subaccount"].Value!);
        Assert.Equal(1, Seen("POST", Groups + "/create") - before);
    }

    [Fact]
    public void WhatIf_and_invalid_limits_send_nothing()
    {
        int writes = _s.RequestLog.Count(r => r.Method != "GET");

        var whatIf = _host.Run("New-KalshiOrderGroup -ContractsLimit 25 -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Empty(whatIf.Output);
        foreach (var bad in new[] { "0", "2.5", "1000001", "'2,5'" })
        {
            var r = _host.Run($"New-KalshiOrderGroup -ContractsLimit {bad}");
            Assert.Single(r.Errors);
            Assert.Empty(r.Output);
        }
        var g = NewGroup(10);
        writes = _s.RequestLog.Count(r => r.Method != "GET");
        foreach (var line in new[]
        {
            $"Set-KalshiOrderGroup -OrderGroupId {g.Id} -ContractsLimit 5 -WhatIf", $"Stop-KalshiOrderGroup -OrderGroupId {g.Id} -WhatIf",
            $"Reset-KalshiOrderGroup -OrderGroupId {g.Id} -WhatIf", $"Remove-KalshiOrderGroup -OrderGroupId {g.Id} -WhatIf",
            $"Set-KalshiOrderGroup -OrderGroupId {g.Id} -ContractsLimit 0.5", "Stop-KalshiOrderGroup -OrderGroupId '../../portfolio/events/orders'",
        })
            _host.Run(line);
        Assert.Equal(writes, _s.RequestLog.Count(r => r.Method != "GET"));
        Assert.Equal(10m, Ex.GetOrderGroup(User, g.Id).ContractsLimit);
        Assert.False(Ex.GetOrderGroup(User, g.Id).Triggered);
        Assert.Empty(_s.RequestLog.Where(r => r.Path.Contains("..") || r.Path.Contains("%2E", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void An_order_placed_with_OrderGroupId_is_in_the_group_and_Get_lists_it()
    {
        var ticker = ActiveTicker();
        var g = NewGroup(50);
        var order = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.03 -OrderGroupId {g.Id}").One();
        Assert.Equal(g.Id, Ex.GetOrder(order.S("OrderId")!)!.OrderGroupId);
        int gets = Seen("GET", Groups + "/" + g.Id);

        var list = _host.Run("Get-KalshiOrderGroup").Output;
        var piped = _host.Run("Get-KalshiOrderGroup | Get-KalshiOrderGroup").One();

        var listed = Assert.Single(list);
        Assert.Equal(g.Id, listed.S("OrderGroupId"));
        Assert.Equal(50m, listed.D("ContractsLimit"));
        Assert.Equal(true, listed.Properties["IsAutoCancelEnabled"].Value);
        Assert.Equal(g.Id, piped.S("OrderGroupId"));
        Assert.Equal(new[] { order.S("OrderId") }, ((IEnumerable<string>)piped.Properties["OrderIds"].Value!).ToArray());
        Assert.Equal(1, Seen("GET", Groups + "/" + g.Id) - gets);
        // The order itself names its group, so orders pipe into the group cmdlets.
        var viaOrder = _host.Run($"Get-KalshiOrder -OrderId {order.S("OrderId")} | Get-KalshiOrderGroup").One();
        Assert.Equal(g.Id, viaOrder.S("OrderGroupId"));
    }

    [Fact]
    public void Get_of_an_unknown_group_is_not_found_for_that_id_and_the_others_go_on()
    {
        var g = NewGroup(5);
        var r = _host.Run($"Get-KalshiOrderGroup -OrderGroupId 0f8fad5b-d9cb-469f-a165-70867728950e, {g.Id}");
        var e = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Equal(g.Id, Assert.Single(r.Output).S("OrderGroupId"));
    }

    [Fact]
    public void Set_changes_the_limit_and_PassThru_writes_the_group_as_the_exchange_has_it()
    {
        var g = NewGroup(10);
        int before = Seen("PUT", $"{Groups}/{g.Id}/limit");

        var after = _host.Run($"Set-KalshiOrderGroup -OrderGroupId {g.Id} -ContractsLimit 40 -PassThru").One();

        Assert.Equal(40m, Ex.GetOrderGroup(User, g.Id).ContractsLimit);
        Assert.Equal(40m, after.D("ContractsLimit"));
        Assert.Equal(1, Seen("PUT", $"{Groups}/{g.Id}/limit") - before);
        Assert.Empty(_host.Run($"Set-KalshiOrderGroup -OrderGroupId {g.Id} -ContractsLimit 30").Output); // no -PassThru, no output
    }

    [Fact]
    public void Stop_cancels_the_groups_orders_refuses_new_ones_and_Reset_lets_them_in_again()
    {
        var ticker = ActiveTicker();
        var g = NewGroup(50);
        var order = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.03 -OrderGroupId {g.Id}").One();
        int before = Seen("PUT", $"{Groups}/{g.Id}/trigger");

        var stopped = _host.Run($"Get-KalshiOrderGroup -OrderGroupId {g.Id} | Stop-KalshiOrderGroup -PassThru").One();

        Assert.Equal(1, Seen("PUT", $"{Groups}/{g.Id}/trigger") - before);
        Assert.True(Ex.GetOrderGroup(User, g.Id).Triggered);
        Assert.Equal(OrderStatus.Canceled, Ex.GetOrder(order.S("OrderId")!)!.Status);
        Assert.Empty((IEnumerable<string>)stopped.Properties["OrderIds"].Value!);

        int orders = Ex.GetOrders(User).Count;
        var refused = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.03 -OrderGroupId {g.Id}");
        var e = Assert.Single(refused.Errors);
        Assert.Contains("order_group_triggered", e.ErrorDetails?.RecommendedAction + e.Exception.Message);
        Assert.DoesNotContain("unknown", e.Exception.Message, StringComparison.OrdinalIgnoreCase); // a clear refusal, not an unknown outcome
        Assert.Equal(orders, Ex.GetOrders(User).Count);

        _host.Run($"Reset-KalshiOrderGroup -OrderGroupId {g.Id}").Errors.ForEach(x => throw new Xunit.Sdk.XunitException(x.ToString()));
        Assert.False(Ex.GetOrderGroup(User, g.Id).Triggered);
        var again = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.03 -OrderGroupId {g.Id}").One();
        Assert.Equal(OrderStatus.Resting, Ex.GetOrder(again.S("OrderId")!)!.Status);
    }

    [Fact]
    public void Reaching_the_limit_with_fills_triggers_the_group_end_to_end()
    {
        var ticker = ActiveTicker();
        var g = NewGroup(3);
        Ex.PlaceOrder("counterparty", new OrderRequest { Ticker = ticker, Side = OrderSide.Ask, Price = 0.50m, Count = 10 });
        var resting = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.03 -OrderGroupId {g.Id}").One();

        var taker = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 5 -Price 0.50 -OrderGroupId {g.Id}").One();

        Assert.Equal(3m, taker.D("FilledCount"));
        Assert.Equal(3m, Ex.GetPosition(User, ticker));
        Assert.True(Ex.GetOrderGroup(User, g.Id).Triggered);
        Assert.Equal(OrderStatus.Canceled, Ex.GetOrder(resting.S("OrderId")!)!.Status);
        Assert.Equal(false, _host.Run($"Get-KalshiOrderGroup -OrderGroupId {g.Id}").One().Properties["IsAutoCancelEnabled"].Value);
    }

    [Fact]
    public void Remove_deletes_the_group_and_cancels_its_orders()
    {
        var ticker = ActiveTicker();
        var g = NewGroup(50);
        var order = _host.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.03 -OrderGroupId {g.Id}").One();
        int before = Seen("DELETE", $"{Groups}/{g.Id}");

        var r = _host.Run($"Get-KalshiOrderGroup | Remove-KalshiOrderGroup -Confirm:$false");

        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Equal(1, Seen("DELETE", $"{Groups}/{g.Id}") - before);
        Assert.Empty(Ex.GetOrderGroups(User));
        Assert.Equal(OrderStatus.Canceled, Ex.GetOrder(order.S("OrderId")!)!.Status);
    }

    [Fact]
    public void Remove_whose_answer_is_lost_after_it_happened_is_done_not_failed()
    {
        var g = NewGroup(5);
        _s.Faults.FailNextGroupWriteAfterCommit = 1; // deleted, then 503; the repeat finds no group

        var r = _host.Run($"Remove-KalshiOrderGroup -OrderGroupId {g.Id} -Confirm:$false");

        Assert.Empty(r.Errors);
        Assert.Empty(Ex.GetOrderGroups(User));
        Assert.Equal(2, Seen("DELETE", $"{Groups}/{g.Id}"));
    }

    [Fact]
    public void Set_whose_answer_is_lost_is_repeated_safely()
    {
        var g = NewGroup(5);
        _s.Faults.FailNextGroupWriteAfterCommit = 1;

        var r = _host.Run($"Set-KalshiOrderGroup -OrderGroupId {g.Id} -ContractsLimit 9");

        Assert.Empty(r.Errors);
        Assert.Equal(9m, Ex.GetOrderGroup(User, g.Id).ContractsLimit);
        Assert.Equal(2, Seen("PUT", $"{Groups}/{g.Id}/limit"));
    }

    [Fact]
    public void Create_whose_answer_is_lost_is_settled_from_the_groups_that_exist_and_never_sent_twice()
    {
        NewGroup(3);                                                          // an older group is not mistaken for the new one
        _s.Faults.FailNextGroupWriteAfterCommit = 1;                          // created, then 503

        var r = _host.Run("New-KalshiOrderGroup -ContractsLimit 12");

        Assert.Empty(r.Errors);
        var made = Ex.GetOrderGroups(User).Single(g => g.ContractsLimit == 12m);
        Assert.Equal(made.Id, r.One().S("OrderGroupId"));
        Assert.Equal(2, Seen("POST", Groups + "/create"));                     // the first NewGroup and this one: never repeated
    }

    [Fact]
    public void Create_whose_answer_is_lost_and_cannot_be_read_is_unknown_with_the_command_that_settles_it()
    {
        Ps.Assert(_host.Run($"Connect-Kalshi -ApiKeyId '{_s.ApiKeyId}' -PrivateKeyPath '{_s.PrivateKeyPath}' -BaseUri '{_s.RestUri}' -RetryDelay 0.05 -MaxRetries 1 -SkipValidation"));
        _s.Faults.FailNextGroupWriteAfterCommit = 1;                          // created, then 503
        _s.Faults.FailNextReads = 100;                                        // and no list of groups can be read
        try
        {
            var r = _host.Run("New-KalshiOrderGroup -ContractsLimit 13");

            var e = Assert.Single(r.Errors);
            Assert.StartsWith("KalshiOutcomeUnknown", e.FullyQualifiedErrorId);
            Assert.Contains("unknown", e.Exception.Message);
            Assert.Contains("Get-KalshiOrderGroup", e.Exception.Message);
            Assert.Equal("Get-KalshiOrderGroup", (string)e.Exception.GetType().GetProperty("SettleCommand")!.GetValue(e.Exception)!);
        }
        finally { _s.Faults.FailNextReads = 0; }
        Assert.Equal(13m, Assert.Single(Ex.GetOrderGroups(User)).ContractsLimit); // it did happen, and the error did not say otherwise
        Assert.Equal(1, Seen("POST", Groups + "/create"));                     // never sent twice
    }

    [Fact]
    public void Watch_streams_created_limit_updated_triggered_reset_and_deleted_in_order()
    {
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin("Watch-KalshiOrderGroup -First 5 -Duration 20", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));

        var g = Ex.CreateOrderGroup(User, 10m);
        Ex.CreateOrderGroup("someone-else", 10m);                              // another account's group is not ours to see
        Ex.UpdateOrderGroupLimit(User, g.Id, 20m);
        Ex.TriggerOrderGroup(User, g.Id);
        Ex.ResetOrderGroup(User, g.Id);
        Ex.DeleteOrderGroup(User, g.Id);
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(20));

        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Equal(new[] { "Created", "LimitUpdated", "Triggered", "Reset", "Deleted" }, output.Select(o => o.S("EventType")));
        Assert.All(output, o => Assert.Equal(g.Id, o.S("OrderGroupId")));
        Assert.Equal(new decimal?[] { 10m, 20m, null, null, null }, output.Select(o => o.DN("ContractsLimit")));
        Assert.All(output, o => Assert.Equal(DateTimeKind.Utc, ((DateTime)o.Properties["Timestamp"].Value!).Kind));
        Assert.Empty(ps.Streams.Warning);                                       // no sequence gap
    }

    [Fact]
    public void Watch_with_OrderGroupId_writes_only_that_group()
    {
        var mine = Ex.CreateOrderGroup(User, 10m);
        var other = Ex.CreateOrderGroup(User, 10m);
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"Watch-KalshiOrderGroup -OrderGroupId {mine.Id.ToUpperInvariant()} -First 1 -Duration 20", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));

        Ex.TriggerOrderGroup(User, other.Id);
        Ex.TriggerOrderGroup(User, mine.Id);
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(20));

        var only = Assert.Single(output);
        Assert.Equal(mine.Id, only.S("OrderGroupId"));
        Assert.Equal("Triggered", only.S("EventType"));
    }

    [Fact]
    public void Order_group_ids_complete_from_what_the_session_created_or_read_and_deleted_ones_are_forgotten()
    {
        List<string> Complete(string input) =>
            _host.Run("(TabExpansion2 -inputScript $in -cursorColumn $in.Length).CompletionMatches | ForEach-Object CompletionText",
                new Dictionary<string, object?> { ["in"] = input }).Output.Select(o => o.ToString()).ToList();
        var a = NewGroup(5);
        var b = Ex.CreateOrderGroup(User, 5m);                                   // made elsewhere: unknown until read
        Assert.Equal(new[] { a.Id }, Complete("Stop-KalshiOrderGroup -OrderGroupId "));

        _host.Run("Get-KalshiOrderGroup");
        int requests = _s.RequestLog.Count;
        Assert.Equal(new[] { a.Id, b.Id }.OrderBy(x => x, StringComparer.OrdinalIgnoreCase), Complete("Get-KalshiOrderGroup -OrderGroupId "));
        Assert.Equal(new[] { b.Id }, Complete($"Watch-KalshiOrderGroup {b.Id[..4]}"));
        Assert.Equal(requests, _s.RequestLog.Count);                             // completion sends nothing

        _host.Run($"Remove-KalshiOrderGroup -OrderGroupId {a.Id} -Confirm:$false");
        Assert.Equal(new[] { b.Id }, Complete("Set-KalshiOrderGroup -OrderGroupId "));
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException("condition not met within " + timeout);
            Thread.Sleep(10);
        }
    }
}
