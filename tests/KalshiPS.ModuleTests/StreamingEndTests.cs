using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// How a Watch-* ends: -Duration and -First never drop fills or order updates without a word (each one received is
/// written or counted in a warning), -Duration must be more than zero, and a market the server refuses is an error
/// for that ticker at once, not a silent stream.
/// </summary>
[Collection("Streaming")]
public sealed class StreamingEndTests : ConnectedSandboxTest
{
    public StreamingEndTests(ITestOutputHelper log) : base(log) { }

    private static int Diag(string name) => StreamingTests.Diag(name);

    private static long ItemsReceived()
    {
        var asm = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "KalshiPS");
        return (long)asm.GetType("KalshiPS.Streaming.KalshiStreamDiagnostics")!.GetProperty("ItemsReceived")!.GetValue(null)!;
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"{what}: not within {timeout}");
            Thread.Sleep(10);
        }
    }

    private static void WaitDone(PowerShell ps, TimeSpan timeout) =>
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed or PSInvocationState.Stopped, timeout, "the command to end");

    private Market ActiveMarket() => _s.Exchange.Markets
        .First(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled);

    /// <summary>Makes <paramref name="n"/> fills for the connected user: a deep resting order from another user, taken 1 contract at a time.</summary>
    private void MakeFills(Market m, int n)
    {
        var ex = _s.Exchange;
        ex.PlaceOrder("u2", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Ask, Price = 0.99m, Count = n + 10 }); // rests as a NO bid at 0.01, crossing nothing
        for (int i = 0; i < n; i++)
            ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.99m, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel });
    }

    private static (long NotWritten, long Received) Unwritten(PowerShell ps, string noun)
    {
        var texts = Enumerable.Range(0, ps.Streams.Warning.Count).Select(i => ps.Streams.Warning[i].Message).ToList();
        var line = Assert.Single(texts, t => t.Contains("received but not written"));
        var match = Regex.Match(line, $@"(\d+) {noun} received but not written .*; (\d+) received in all\)");
        Assert.True(match.Success, line);
        return (long.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value));
    }

    [Fact]
    public void Duration_end_with_a_slow_consumer_writes_or_counts_every_fill_received()
    {
        // 600 fills arrive within a second or two; the consumer takes 20 ms per fill (a blocking wait in the pipeline,
        // as a slow Export-Csv or a per-item REST call would), so far fewer than 600 can be written in 6 + 2 s. Before,
        // the rest vanished when -Duration ended; now each fill received is written or counted in the warning.
        const int fills = 600;
        var m = ActiveMarket();
        long before = ItemsReceived();
        var output = new PSDataCollection<PSObject>();
        using var slow = new ManualResetEventSlim(false); // never set: each Wait(20) is the consumer's work
        _host.SetVariable("slow", slow);
        using var ps = _host.Begin($"Watch-KalshiFill -Ticker {m.Ticker} -Duration 6 | ForEach-Object {{ $null = $slow.Wait(20); $_ }}", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15), "subscribed");
        MakeFills(m, fills);
        Assert.Equal(fills, _s.Exchange.GetOrCreateAccount(_s.UserId).Fills.Count(f => f.Ticker == m.Ticker));
        WaitFor(() => ItemsReceived() - before == fills, TimeSpan.FromSeconds(5), "all fills handed to the stream's queue");
        Assert.Equal(1, Diag("RunningStreams")); // received while -Duration was still running: the count below is exact

        WaitDone(ps, TimeSpan.FromSeconds(30));
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error);
        var (notWritten, received) = Unwritten(ps, "fills");
        _log.WriteLine($"written {output.Count}, not written {notWritten}, received {received}");
        Assert.Equal(fills, received);
        Assert.Equal(received, output.Count + notWritten);
        Assert.InRange(notWritten, 1, fills - 1);
        Assert.Equal(output.Count, output.Select(o => o.Properties["TradeId"].Value).Distinct().Count());
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("Get-KalshiFill -Since '"));
        Assert.Equal(0, Diag("OpenSockets"));
    }

    [Fact]
    public void Duration_end_with_a_consumer_that_keeps_up_writes_everything_and_warns_of_nothing()
    {
        const int fills = 50;
        var m = ActiveMarket();
        long before = ItemsReceived();
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"Watch-KalshiFill -Ticker {m.Ticker} -Duration 3", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15), "subscribed");
        MakeFills(m, fills);
        WaitFor(() => ItemsReceived() - before == fills, TimeSpan.FromSeconds(5), "all fills received");
        WaitDone(ps, TimeSpan.FromSeconds(15));
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Equal(fills, output.Count);
        Assert.DoesNotContain(ps.Streams.Warning, w => w.Message.Contains("not written"));
    }

    [Fact]
    public void First_reached_with_fills_still_queued_counts_them_in_a_warning()
    {
        const int fills = 40;
        var m = ActiveMarket();
        long before = ItemsReceived();
        var output = new PSDataCollection<PSObject>();
        using var held = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        _host.SetVariable("held", held);
        _host.SetVariable("gate", gate);
        using var ps = _host.Begin($"Watch-KalshiFill -Ticker {m.Ticker} -First 5 | ForEach-Object {{ $held.Set(); $null = $gate.Wait(30000); $_ }}", output);
        try
        {
            WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15), "subscribed");
            MakeFills(m, fills);
            Assert.True(held.Wait(TimeSpan.FromSeconds(10)), "no fill reached the consumer");
            WaitFor(() => ItemsReceived() - before == fills, TimeSpan.FromSeconds(5), "all fills received");
        }
        finally { gate.Set(); }
        WaitDone(ps, TimeSpan.FromSeconds(15));
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Equal(5, output.Count);
        var (notWritten, received) = Unwritten(ps, "fills");
        Assert.Equal(fills, received);
        Assert.Equal(fills - 5, notWritten);
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("-First 5 was reached"));
    }

    [Theory]
    [InlineData("Watch-KalshiFill -Duration 0")]
    [InlineData("Watch-KalshiOrder -Duration -5")]
    [InlineData("Watch-KalshiTrade -Duration '00:00:00'")]
    [InlineData("Watch-KalshiOrderbook -Ticker X -Duration -0.5")]
    [InlineData("Watch-KalshiOrderbook -Ticker X -Interval -1")]
    public void Duration_of_zero_or_less_is_refused_before_connecting(string command)
    {
        long connects = (long)AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "KalshiPS")
            .GetType("KalshiPS.Streaming.KalshiStreamDiagnostics")!.GetProperty("TotalConnects")!.GetValue(null)!;
        var r = _host.Run(command);
        var parameter = command.Contains("-Interval") ? "Interval" : "Duration";
        var error = Assert.Single(r.Errors);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains($"'{parameter}'", error.Exception.Message);
        Assert.Contains(parameter == "Interval" ? "negative" : "not more than zero", error.Exception.Message);
        Assert.Empty(r.Output);
        Assert.Equal(connects, (long)AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "KalshiPS")
            .GetType("KalshiPS.Streaming.KalshiStreamDiagnostics")!.GetProperty("TotalConnects")!.GetValue(null)!);
    }

    [Fact]
    public void An_unknown_ticker_is_an_error_for_that_ticker_at_once_and_the_others_stream()
    {
        var known = ActiveMarket().Ticker;
        var sw = Stopwatch.StartNew();
        var r = _host.Run($"Watch-KalshiOrderbook -Ticker {known}, NO-SUCH-MARKET -First 1 -Duration 30");
        _log.WriteLine($"{sw.ElapsedMilliseconds} ms");
        var error = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("KalshiNotFound", error.FullyQualifiedErrorId);
        Assert.Equal("NO-SUCH-MARKET", error.TargetObject);
        Assert.Contains("NO-SUCH-MARKET", error.Exception.Message);
        Assert.Equal(known, r.Output.Single().Properties["Ticker"].Value);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), "waited for -Duration instead of ending at -First");
    }

    [Theory]
    [InlineData("Watch-KalshiOrderbook -Ticker NO-SUCH-MARKET -Duration 30")]
    [InlineData("Watch-KalshiTrade -Ticker NO-SUCH-MARKET, ALSO-NOT-LISTED -Duration 30")]
    [InlineData("Watch-KalshiFill -Ticker NO-SUCH-MARKET -Duration 30")]
    public void Only_unknown_tickers_end_the_watch_early_with_one_error_each(string command)
    {
        var sw = Stopwatch.StartNew();
        var r = _host.Run(command);
        _log.WriteLine($"{command}: {sw.ElapsedMilliseconds} ms");
        Assert.Empty(r.Output);
        Assert.Equal(command.Contains("ALSO-NOT-LISTED") ? 2 : 1, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"silent for {sw.Elapsed}: the watch should end once every ticker is refused");
        Assert.Equal(0, Diag("OpenSockets"));
    }
}
