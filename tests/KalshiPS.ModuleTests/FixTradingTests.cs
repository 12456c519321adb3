using System.Management.Automation;
using System.Text.RegularExpressions;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Issue 14 from the user's side: the module's FIX cmdlets through the engine (Import-Module ./KalshiPS.psd1) against
/// the sandbox's FIX gateway on the same matching engine as REST and WebSocket.
/// </summary>
// One test sets KALSHI_FIX_* process-wide (as the sandbox runner does): runs alone.
[Collection("ProcessEnvironment")]
public class FixTradingTests
{
    static FixTradingTests()
    {
        // Sequence numbers go to a test folder, never the user's own (the same value for every test: safe in parallel).
        Environment.SetEnvironmentVariable("KALSHI_FIX_SEQUENCE_PATH", Path.Combine(Path.GetTempPath(), "kalships-fix-module-tests"));
    }

    /// <summary>The Connect-KalshiFix line a user would type for this sandbox (its host, port, certificate and pin).</summary>
    internal static string ConnectFix(SandboxServer s, string type = "OrderEntry", string extra = "")
    {
        var kind = type switch { "DropCopy" => FixSessionKind.DropCopy, "MarketData" => FixSessionKind.MarketData, _ => extra.Contains("-Retransmit") ? FixSessionKind.Retransmit : FixSessionKind.OrderEntry };
        return $"Connect-KalshiFix -SessionType {type} -HostName {s.FixHost} -Port {s.FixPorts[kind]} -CertificatePath '{s.FixCertificatePath}' -CertificatePin '{s.FixCertificateSha256}' {extra}";
    }

    private static PSObject Place(TradingSandbox s, string ticker, string price, string extra = "") =>
        s.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 2 -Price {price} -Via Fix {extra}").One();

    [Fact]
    public async Task Connect_place_amend_and_cancel_over_FIX_and_REST_sees_the_same_order()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var c = s.Run(ConnectFix(s.Server) + " -PassThru").One();
        Assert.Equal(("Active", "KalshiNR", s.Server.FixCertificateSha256), (c.S("State"), c.S("TargetCompId"), c.S("CertificateSha256")));

        var placed = Place(s, t, "0.05", "-ClientOrderId fix-roundtrip-1");
        Assert.Equal("KalshiPS.Models.KalshiOrderResult", placed.TypeName());
        Assert.Equal(("fix-roundtrip-1", "Resting", 2m), (placed.S("ClientOrderId"), placed.S("Status"), placed.D("RemainingCount")));
        var order = s.MyOrders.Single();
        Assert.Equal((order.OrderId, "fix-roundtrip-1", 0.05m), (placed.S("OrderId"), order.ClientOrderId, order.YesPrice));
        var rest = s.Run($"Get-KalshiOrder -Ticker {t} -ClientOrderId fix-roundtrip-1").One();
        Assert.Equal(order.OrderId, rest.S("OrderId"));

        var amended = s.Run($"Set-KalshiOrder -OrderId {order.OrderId} -Price 0.06 -Count 3 -Via Fix -PassThru").One();
        Assert.Equal((0.06m, 3m), (amended.D("Price"), amended.D("RemainingCount")));
        var after = s.Ex.GetOrder(order.OrderId)!;
        Assert.Equal((0.06m, 3m), (after.YesPrice, after.RemainingCount));

        var decreased = s.Run($"Set-KalshiOrder -OrderId {order.OrderId} -DecreaseBy 1 -Via Fix -PassThru").One();
        Assert.Equal((0.06m, 2m), (decreased.D("Price"), decreased.D("RemainingCount")));
        Assert.Equal(2m, s.Ex.GetOrder(order.OrderId)!.RemainingCount);
        var toZero = s.Run($"Set-KalshiOrder -OrderId {order.OrderId} -DecreaseTo 0 -Via Fix");
        Assert.Contains("Remove-KalshiOrder", Assert.Single(toZero.Errors).ToString());

        var canceled = s.Run($"Remove-KalshiOrder -OrderId {order.OrderId} -Via Fix -PassThru -Confirm:$false").One();
        Assert.Equal(order.OrderId, canceled.S("OrderId"));
        Assert.Equal(OrderStatus.Canceled, s.Ex.GetOrder(order.OrderId)!.Status);

        Ps.Assert(s.Run("Disconnect-KalshiFix"));
        var gone = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05 -Via Fix");
        Assert.Contains("Connect-KalshiFix", Assert.Single(gone.Errors).ToString());
    }

    [Fact]
    public async Task An_order_placed_over_FIX_and_canceled_over_REST_shows_as_an_unsolicited_report()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        var placed = Place(s, t, "0.04");
        var session = s.Run("Get-KalshiSession").One();

        using var watcher = new PowerShellHost();
        watcher.SetVariable("s", session.BaseObject);
        var output = new PSDataCollection<PSObject>();
        using var watch = watcher.Begin($"Watch-KalshiExecution -Session $s -ClOrdId {placed.S("ClientOrderId")} -First 1 -Duration 00:00:20 -Verbose", output);
        await WaitForAsync(() => watch.Streams.Verbose.Any(v => v.Message.StartsWith("Watching execution reports")));

        Ps.Assert(s.Run($"Remove-KalshiOrder -OrderId {placed.S("OrderId")} -Confirm:$false")); // REST, without -Via
        await WaitForAsync(() => output.Count > 0 || watch.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed);
        var er = Assert.Single(output);
        Assert.Equal("KalshiPS.Models.KalshiExecution", er.TypeName());
        Assert.Equal(("Canceled", "Canceled", "True", placed.S("OrderId")), (er.S("ExecType"), er.S("OrderStatus"), er.S("Unsolicited"), er.S("OrderId")));
    }

    [Fact]
    public async Task A_FIX_fill_is_seen_over_REST_and_the_WebSocket_too()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Ask, 0.30m, 5); // someone offers Yes at 0.30
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        var session = s.Run("Get-KalshiSession").One();
        using var ws = new PowerShellHost();
        ws.SetVariable("s", session.BaseObject);
        var fills = new PSDataCollection<PSObject>();
        using var watch = ws.Begin($"Watch-KalshiFill -Session $s -Ticker {t} -First 1 -Duration 00:00:20 -Verbose", fills);
        await WaitForAsync(() => watch.Streams.Verbose.Count > 0 && s.Server.WebSocketSubscriptionCount > 0);

        var placed = Place(s, t, "0.30"); // the result is Kalshi's first report; the fill comes in the next one
        await WaitForAsync(() => fills.Count > 0 || watch.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed);
        Assert.Equal(placed.S("OrderId"), Assert.Single(fills).S("OrderId"));
        var rest = s.Run($"Get-KalshiFill -Ticker {t}");
        Ps.Assert(rest);
        Assert.Contains(rest.Output, f => f.S("OrderId") == placed.S("OrderId") && f.D("Count") == 2m);
    }

    [Fact]
    public async Task A_duplicate_ClOrdID_never_makes_two_orders()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        Place(s, t, "0.05", "-ClientOrderId dup-1");

        var again = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2 -Price 0.05 -Via Fix -ClientOrderId dup-1");
        var local = Assert.Single(again.Errors);
        Assert.Contains("never sent twice", local.ToString()); // refused here: nothing went out

        // Another session (its own FIX connection; Kalshi allows one per key) with the same id: the gateway refuses
        // it as a duplicate of an open order.
        Ps.Assert(s.Run("Disconnect-KalshiFix"));
        using var other = new PowerShellHost();
        Ps.Assert(other.Run($"Connect-Kalshi -BaseUri '{s.Server.RestUri}' -ApiKeyId '{s.Server.ApiKeyId}' -PrivateKeyPath '{s.Server.PrivateKeyPath}' -SkipValidation; " + ConnectFix(s.Server)));
        var theirs = other.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 2 -Price 0.05 -Via Fix -ClientOrderId dup-1");
        var refused = Assert.Single(theirs.Errors);
        Assert.DoesNotContain("OutcomeUnknown", refused.FullyQualifiedErrorId);
        Assert.Contains("duplicate", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Single(s.MyOrders);
    }

    [Fact]
    public async Task A_lost_report_is_settled_over_REST_or_else_unknown_with_the_command_that_settles_it()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(ConnectFix(s.Server, extra: "-ResponseTimeout 1")));
        Ps.Assert(s.Run($"Get-KalshiMarket -Ticker {t} | Out-Null")); // market rules cached before the reads fail

        s.Server.Faults.FixLoseNextExecutionReports = 1;
        s.Server.Faults.FailNextReads = 1000;
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05 -Via Fix -ClientOrderId lost-1");
        Assert.Empty(r.Output);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiOutcomeUnknown", e.FullyQualifiedErrorId);
        Assert.Contains($"Get-KalshiOrder -Ticker {t} -ClientOrderId lost-1", e.Exception.Message);
        Assert.Equal("lost-1", e.Exception.GetType().GetProperty("ClientOrderId")!.GetValue(e.Exception));

        s.Server.Faults.FailNextReads = 0;
        s.Server.Faults.FixLoseNextExecutionReports = 1;
        var settled = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.04 -Via Fix -ClientOrderId lost-2").One();
        Assert.Equal(("True", s.MyOrders.Single(o => o.ClientOrderId == "lost-2").OrderId), (settled.S("AlreadyExisted"), settled.S("OrderId")));
        Assert.Equal(2, s.MyOrders.Count); // each placed once
    }

    [Fact]
    public async Task Rejects_are_not_done_with_Kalshis_text_and_FIX_limits_are_checked_before_sending()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var subPenny = s.Market(PriceLevelStructure.DeciCent);
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        var sub = s.Run($"New-KalshiOrder -Ticker {subPenny} -Side Yes -Action Buy -Count 1 -Price 0.025 -Via Fix");
        Assert.Contains("whole cents", Assert.Single(sub.Errors).ToString());
        var badId = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05 -Via Fix -ClientOrderId 'has space'");
        Assert.Single(badId.Errors);
        var reduce = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Sell -Count 1 -Price 0.95 -TimeInForce ImmediateOrCancel -ReduceOnly -Via Fix");
        Assert.Contains("ReduceOnly", Assert.Single(reduce.Errors).ToString());
        var mass = s.Run($"Remove-KalshiOrder -Ticker {t} -Via Fix -Force");
        Assert.Contains("mass cancel", Assert.Single(mass.Errors).ToString());
        Assert.Empty(s.MyOrders);

        var placed = Place(s, t, "0.05");
        Ps.Assert(s.Run($"Remove-KalshiOrder -OrderId {placed.S("OrderId")} -Via Fix -Confirm:$false"));
        var twice = s.Run($"Remove-KalshiOrder -OrderId {placed.S("OrderId")} -Via Fix -Confirm:$false");
        var notDone = Assert.Single(twice.Errors);
        Assert.DoesNotContain("OutcomeUnknown", notDone.FullyQualifiedErrorId);
        Assert.Contains("was not canceled", notDone.ToString());
    }

    [Fact]
    public async Task Drop_copy_resends_the_reports_since_a_time_and_refuses_a_malformed_ExecID_before_sending()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        var since = s.Run("[datetime]::UtcNow.AddMinutes(-1)").Output.Single().BaseObject;
        var placed = Place(s, t, "0.05");
        Ps.Assert(s.Run($"Remove-KalshiOrder -OrderId {placed.S("OrderId")} -Via Fix -Confirm:$false"));

        Ps.Assert(s.Run(ConnectFix(s.Server, "DropCopy")));
        var r = s.Run("Get-KalshiDropCopy -Since $since -Verbose", new Dictionary<string, object?> { ["since"] = since });
        Ps.Assert(r);
        var mine = r.Output.Where(o => o.S("OrderId") == placed.S("OrderId")).ToList();
        Assert.Equal(new[] { "New", "Canceled" }, mine.Select(o => o.S("ExecType")));
        Assert.All(mine, o => Assert.Equal("DropCopy", o.S("Source")));
        Assert.Contains(r.Verbose, v => v.Contains("the oldest ExecID this session saw"));

        // By ExecID, from the second report on.
        var fromSecond = s.Run($"Get-KalshiDropCopy -BeginExecId '{mine[1].S("ExecId")}'");
        Ps.Assert(fromSecond);
        Assert.Equal("Canceled", fromSecond.Output.Single(o => o.S("OrderId") == placed.S("OrderId")).S("ExecType"));

        var bad = s.Run("Get-KalshiDropCopy -BeginExecId 'yesterday'");
        Assert.Contains("not an ExecID", Assert.Single(bad.Errors).ToString());
    }

    [Fact]
    public async Task A_drop_copy_reject_says_what_to_do_and_a_call_without_a_connection_opens_and_closes_its_own()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        Place(s, t, "0.05");
        Ps.Assert(s.Run("Disconnect-KalshiFix"));
        var vars = new Dictionary<string, object?>
        {
            ["h"] = s.Server.FixHost, ["p"] = s.Server.FixPorts[FixSessionKind.DropCopy].ToString(),
            ["c"] = s.Server.FixCertificatePath, ["pin"] = s.Server.FixCertificateSha256,
        };
        // As under the sandbox runner: the drop copy's endpoint and certificate from the KALSHI_FIX_* variables.
        var r = s.Run("$env:KALSHI_FIX_HOST = $h; $env:KALSHI_FIX_DROP_COPY_PORT = $p; $env:KALSHI_FIX_CERTIFICATE_PATH = $c; $env:KALSHI_FIX_CERTIFICATE_SHA256 = $pin; " +
            "try { Get-KalshiDropCopy -BeginExecId '1;0' -EndExecId '999999;0' } finally { Remove-Item env:KALSHI_FIX_HOST, env:KALSHI_FIX_DROP_COPY_PORT, env:KALSHI_FIX_CERTIFICATE_PATH, env:KALSHI_FIX_CERTIFICATE_SHA256 }", vars);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiFixDropCopyRejected", e.FullyQualifiedErrorId);
        Assert.Contains("leave it out", e.ToString());
        Assert.Contains("No drop-copy connection on this session", string.Join("\n", s.Run("Get-KalshiDropCopy -BeginExecId '1;0' -Verbose -ErrorAction SilentlyContinue").Verbose));
        Assert.DoesNotContain(s.Server.FixGateway!.Sessions, g => g.Kind == FixSessionKind.DropCopy); // closed again
    }

    [Fact]
    public async Task Watch_KalshiExecution_stops_on_Ctrl_C_and_ends_early_under_Select_Object_First()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        Ps.Assert(s.Run(ConnectFix(s.Server)));
        var session = s.Run("Get-KalshiSession").One();
        using var watcher = new PowerShellHost();
        watcher.SetVariable("s", session.BaseObject);
        var output = new PSDataCollection<PSObject>();
        using (var watch = watcher.Begin("Watch-KalshiExecution -Session $s -Verbose", output))
        {
            await WaitForAsync(() => watch.Streams.Verbose.Any(v => v.Message.StartsWith("Watching execution reports")));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            watch.Stop();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Stop took {clock.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, watch.InvocationStateInfo.State);
        }
        using (var first = watcher.Begin($"Watch-KalshiExecution -Session $s -Ticker {t} -Verbose | Select-Object -First 1", output))
        {
            await WaitForAsync(() => first.Streams.Verbose.Any(v => v.Message.StartsWith("Watching execution reports")));
            Place(s, t, "0.05");
            await WaitForAsync(() => first.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed);
            Assert.Equal(PSInvocationState.Completed, first.InvocationStateInfo.State);
            Assert.Equal("New", Assert.Single(output).S("ExecType"));
        }
        Assert.Equal("Resting", Place(s, t, "0.04").S("Status")); // ending a watch leaves the connection open
    }

    [Fact]
    public async Task WhatIf_sends_nothing_and_no_stream_shows_a_secret()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var pem = File.ReadAllText(s.Server.PrivateKeyPath);
        var all = new List<string>();
        void Scan(PsResult r)
        {
            all.AddRange(r.Verbose);
            all.AddRange(r.Warnings);
            all.AddRange(r.Errors.Select(e => e.ToString() + e.Exception));
            all.AddRange(r.Output.Select(o => string.Join(";", o.Properties.Select(p => p.Name + "=" + p.Value))));
        }
        var connect = s.Run(ConnectFix(s.Server) + " -PassThru -Verbose");
        Scan(connect);
        Ps.Assert(connect);
        var whatIf = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05 -Via Fix -WhatIf -Verbose");
        Scan(whatIf);
        Assert.Empty(s.MyOrders);
        Assert.DoesNotContain(whatIf.Verbose, v => v.StartsWith("FIX out:") && v.Contains("35=D"));
        var placed = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05 -Via Fix -Verbose");
        Scan(placed);
        Assert.Single(placed.Verbose, v => v.StartsWith("FIX out:") && v.Contains("35=D"));
        Assert.Single(placed.Verbose, v => v.StartsWith("FIX in:") && v.Contains("35=8"));
        var order = s.MyOrders.Single();
        var cancelIf = s.Run($"Remove-KalshiOrder -OrderId {order.OrderId} -Via Fix -WhatIf");
        Scan(cancelIf);
        Assert.Equal(OrderStatus.Resting, s.Ex.GetOrder(order.OrderId)!.Status);
        var amendIf = s.Run($"Set-KalshiOrder -OrderId {order.OrderId} -Price 0.06 -Via Fix -WhatIf");
        Scan(amendIf);
        Assert.Equal(0.05m, s.Ex.GetOrder(order.OrderId)!.YesPrice);
        var bye = s.Run("Disconnect-KalshiFix -Verbose");
        Scan(bye);

        var text = string.Join("\n", all);
        Assert.Contains("96=<redacted>", text); // the Logon went by, signed, and its signature was not shown
        foreach (var line in pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----")))
            Assert.DoesNotContain(line, text);
        Assert.DoesNotMatch(new Regex("[A-Za-z0-9+/]{200,}={0,2}"), text); // no RSA signature (344 base64 characters) anywhere
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the condition did not come true within 20 s");
            await Task.Delay(20);
        }
    }
}
