using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Issue 9, true outcomes: once an attempt of a create, cancel, amend or decrease may have been committed, the report
/// comes from the exchange's state (done, not done, or unknown with the ids and the command that settles it).
/// </summary>
public class TrueOutcomeTests
{
    private static string Rows(string ticker, int n, string prefix, string price = "0.0{0}") =>
        $"1..{n} | ForEach-Object {{ [pscustomobject]@{{ Ticker='{ticker}'; Side='Yes'; Action='Buy'; Count='1'; Price=('{price}' -f $_); ClientOrderId=('{prefix}-' + $_) }} }}";

    private static void NoRetries(TradingSandbox s) =>
        Ps.Assert(s.Run($"Connect-Kalshi -BaseUri '{s.Server.RestUri}' -ApiKeyId '{s.Server.ApiKeyId}' -PrivateKeyPath '{s.Server.PrivateKeyPath}' -MaxRetries 0 -TimeoutSec 10 -SkipValidation"));

    [Fact]
    public async Task Create_committed_then_met_by_429s_is_reported_placed()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.WriteTokensPerSecond = 5;        // the first attempt takes the whole 10-token bucket ...
        s.Server.Faults.FailNextCreateAfterCommit = 1;   // ... is committed, answered 503; the retries meet 429
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId after-429");
        var res = r.One();
        Assert.Equal("True", res.S("AlreadyExisted"));
        Assert.Equal(s.MyOrders.Single().OrderId, res.S("OrderId"));
    }

    [Fact]
    public async Task Create_committed_then_429s_with_lookups_failing_is_unknown_with_the_client_order_id()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05")); // market rules cached
        s.Server.Faults.WriteTokensPerSecond = 5;
        s.Server.Faults.FailNextCreateAfterCommit = 1;
        s.Server.Faults.FailNextReads = 1000;
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10");
        Assert.Empty(r.Output);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiOutcomeUnknown", e.FullyQualifiedErrorId);
        var placed = s.MyOrders.Single(o => o.YesPrice == 0.10m);
        Assert.Equal(placed.ClientOrderId, e.Exception.GetType().GetProperty("ClientOrderId")!.GetValue(e.Exception));
        Assert.Contains($"Get-KalshiOrder -Ticker {t} -ClientOrderId {placed.ClientOrderId}", e.Exception.Message);
        Assert.Contains("whether it was placed is unknown", e.Exception.Message);

        s.Server.Faults.FailNextReads = 0; // the named command settles it
        var settled = s.Run($"Get-KalshiOrder -Ticker {t} -ClientOrderId {placed.ClientOrderId}").One();
        Assert.Equal(placed.OrderId, settled.S("OrderId"));
    }

    [Fact]
    public async Task A_409_whose_lookup_failed_is_unknown_not_the_lookups_error()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05"));
        s.Server.Faults.FailNextCreateAfterCommit = 1; // committed, 503; the retry meets 409
        s.Server.Faults.FailNextReads = 1000;          // and every lookup fails
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.12 -ClientOrderId dup-409");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiOutcomeUnknown", e.FullyQualifiedErrorId);
        Assert.Contains("dup-409", e.Exception.Message);
        Assert.Equal("POST", e.Exception.GetType().GetProperty("Method")!.GetValue(e.Exception)); // the write's error, not the GET's
        Assert.Equal(2, s.MyOrders.Count);
    }

    [Fact]
    public async Task Batch_of_5_committed_then_429s_reports_all_5_placed()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Server.Faults.WriteTokensPerSecond = 25;     // a 50-token bucket: the batch of 5 fits once
        s.Server.Faults.FailNextCreateAfterCommit = 1;
        var r = s.Run(Rows(t, 5, "b5") + " | New-KalshiOrder");
        Ps.Assert(r);
        Assert.Equal(5, r.Output.Count);
        Assert.Equal(5, s.MyOrders.Count);
        Assert.Equal(s.MyOrders.Select(o => o.OrderId).OrderBy(x => x), r.Output.Select(o => o.S("OrderId")).OrderBy(x => x));
    }

    [Fact]
    public async Task Batch_cancel_answered_503_after_commit_reports_each_cancelled()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(Rows(t, 20, "c20", "0.{0:00}") + " | New-KalshiOrder"));
        NoRetries(s);
        s.Server.Faults.FailNextCancelAfterCommit = 1;
        var r = s.Run($"Get-KalshiOrder -Ticker {t} -Status Resting | Remove-KalshiOrder -PassThru");
        Ps.Assert(r);
        Assert.Equal(20, r.Output.Count);
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public async Task Single_cancel_whose_connection_reset_after_commit_reports_cancelled()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var id = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10").One().S("OrderId");
        NoRetries(s);
        s.Server.Faults.AfterCommitMode = AfterCommitFailure.ConnectionReset;
        s.Server.Faults.FailNextCancelAfterCommit = 1;
        var r = s.Run($"Remove-KalshiOrder -OrderId {id} -PassThru");
        Assert.Equal(id, r.One().S("OrderId"));
        Assert.Equal(OrderStatus.Canceled, s.Ex.GetOrder(id!)!.Status);
    }

    [Fact]
    public async Task Cancel_that_did_not_happen_is_not_done_and_one_nobody_can_read_is_unknown()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var id = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.10").One().S("OrderId");
        NoRetries(s);
        s.Server.Faults.FailNextRequests = 1; // 503 before processing: the lookup shows it still resting
        var notDone = Assert.Single(s.Run($"Remove-KalshiOrder -OrderId {id}").Errors);
        Assert.Contains("so it was not canceled", notDone.Exception.Message);
        Assert.Equal(OrderStatus.Resting, s.Ex.GetOrder(id!)!.Status);

        s.Server.Faults.FailNextCancelAfterCommit = 1;
        s.Server.Faults.FailNextReads = 1000;
        var unknown = Assert.Single(s.Run($"Remove-KalshiOrder -OrderId {id}").Errors);
        Assert.StartsWith("KalshiOutcomeUnknown", unknown.FullyQualifiedErrorId);
        Assert.Contains($"Get-KalshiOrder -OrderId {id}", unknown.Exception.Message);
    }

    [Fact]
    public async Task Mass_cancel_answered_503_after_commit_is_reported_done()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(Rows(t, 3, "all") + " | New-KalshiOrder"));
        NoRetries(s);
        s.Server.Faults.FailNextCancelAfterCommit = 1;
        var r = s.Run("Remove-KalshiOrder -All -Confirm:$false -Verbose");
        Ps.Assert(r);
        Assert.Contains(r.Verbose, v => v.Contains("Every resting order is canceled on the exchange"));
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public async Task Amend_and_decreases_answered_503_after_commit_are_reported_done()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var id = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 10 -Price 0.10").One().S("OrderId")!;
        NoRetries(s);
        s.Server.Faults.FailNextAmendAfterCommit = 1;
        var amended = s.Run($"Set-KalshiOrder -OrderId {id} -Price 0.12 -PassThru").One();
        Assert.Equal(0.12m, amended.D("YesPrice"));
        Assert.Equal(0.12m, s.Ex.GetOrder(id)!.YesPrice);

        s.Server.Faults.FailNextDecreaseAfterCommit = 1; // reduce_by is never retried: only the state can tell
        Ps.Assert(s.Run($"Set-KalshiOrder -OrderId {id} -DecreaseBy 3"));
        Assert.Equal(7m, s.Ex.GetOrder(id)!.RemainingCount);

        s.Server.Faults.AfterCommitMode = AfterCommitFailure.ConnectionReset;
        s.Server.Faults.FailNextDecreaseAfterCommit = 1;
        Ps.Assert(s.Run($"Set-KalshiOrder -OrderId {id} -DecreaseTo 4"));
        Assert.Equal(4m, s.Ex.GetOrder(id)!.RemainingCount);

        Assert.Equal(4m, s.Ex.GetOrder(id)!.RemainingCount);
    }
}
