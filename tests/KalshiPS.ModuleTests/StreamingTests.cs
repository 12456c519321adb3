using System.Diagnostics;
using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>Watch-* cmdlets against the sandbox exchange with its WebSocket fault injection. One class: runs serially.</summary>
[Collection("Streaming")]
public sealed class StreamingTests : ConnectedSandboxTest
{
    public StreamingTests(ITestOutputHelper log) : base(log) { }

    internal static int Diag(string name)
    {
        var asm = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "KalshiPS");
        return (int)asm.GetType("KalshiPS.Streaming.KalshiStreamDiagnostics")!.GetProperty(name)!.GetValue(null)!;
    }

    private List<Market> ActiveMarkets(int n) => _s.Exchange.Markets
        .Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled)
        .Take(n).ToList();

    private static string Canon(BookSnapshot b) =>
        "Y:" + string.Join(",", b.Yes.OrderByDescending(l => l.Price).Select(l => $"{l.Price:0.0000}={l.Size:0.00}"))
        + "|N:" + string.Join(",", b.No.OrderByDescending(l => l.Price).Select(l => $"{l.Price:0.0000}={l.Size:0.00}"));

    private static string Canon(PSObject book)
    {
        string Side(string name) => string.Join(",", ((System.Collections.IEnumerable)book.Properties[name].Value).Cast<object>()
            .Select(PSObject.AsPSObject).Select(l => $"{(decimal)l.Properties["Price"].Value:0.0000}={(decimal)l.Properties["Size"].Value:0.00}"));
        return "Y:" + Side("YesBids") + "|N:" + Side("NoBids");
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException("condition not met in " + timeout);
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void Local_books_equal_the_exchange_through_drops_gaps_and_overflow()
    {
        var markets = ActiveMarkets(2);
        var ex = _s.Exchange;
        var states = markets.ToDictionary(m => m.Ticker, m => new HashSet<string> { Canon(ex.GetBook(m.Ticker)) });
        _s.Faults.WsSkipSeqEvery = 4;
        _s.Faults.WsDropEveryMessages = 17;

        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"Watch-KalshiOrderbook -Ticker {markets[0].Ticker},{markets[1].Ticker} -Duration 9 -Verbose", output);
        WaitFor(() => output.Count >= 2, TimeSpan.FromSeconds(5)); // the two snapshots

        // Only resting orders and cancels: each operation is exactly one delta, so every state the stream may show is recorded.
        var resting = new List<(string Ticker, string OrderId)>();
        var rng = new Random(7);
        for (int i = 0; i < 80; i++)
        {
            var m = markets[i % 2];
            if (i == 40) _s.Faults.WsForceOverflowNext = 1; // error 25: the subscription is dropped and must be resubscribed
            if (resting.Count > 6 && rng.Next(3) == 0)
            {
                var victim = resting.Where(r => r.Ticker == m.Ticker).FirstOrDefault();
                if (victim.OrderId != null) { ex.CancelOrder("u1", victim.OrderId); resting.Remove(victim); }
            }
            else
            {
                bool bid = rng.Next(2) == 0;
                decimal price = bid ? 0.02m + rng.Next(4) / 100m : 0.98m - rng.Next(4) / 100m;
                var r = ex.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = bid ? OrderSide.Bid : OrderSide.Ask, Price = price, Count = 1 + rng.Next(5) });
                resting.Add((m.Ticker, r.Order.OrderId));
            }
            states[m.Ticker].Add(Canon(ex.GetBook(m.Ticker)));
            Thread.Sleep(40);
        }
        var sw = Stopwatch.StartNew();
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(15));
        _s.Faults.WsSkipSeqEvery = 0; _s.Faults.WsDropEveryMessages = 0;
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);

        var warnings = ps.Streams.Warning.Select(w => w.Message).ToList();
        var verbose = ps.Streams.Verbose.Select(v => v.Message).ToList();
        foreach (var w in warnings) _log.WriteLine("WARN " + w);
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(warnings, w => w.Contains("reconnecting"));          // drops were survived, as warnings
        Assert.Contains(warnings, w => w.Contains("code 25"));               // overflow was survived
        Assert.Contains(verbose, v => v.Contains("resyncing"));              // gaps were resynced

        // Never a wrong book: every emitted book is a state the exchange actually had.
        var books = output.ToList();
        Assert.True(books.Count > 20, $"only {books.Count} books");
        foreach (var b in books)
        {
            var ticker = (string)b.Properties["Ticker"].Value;
            Assert.Contains(Canon(b), states[ticker]);
            Assert.NotNull(b.Properties["Sequence"].Value);
        }
        // And the last book of each market is the exchange's book now.
        foreach (var m in markets)
            Assert.Equal(Canon(ex.GetBook(m.Ticker)), Canon(books.Last(b => (string)b.Properties["Ticker"].Value == m.Ticker)));
        Assert.Equal(0, Diag("OpenSockets"));
        Assert.Equal(0, Diag("RunningStreams"));
    }

    [Fact]
    public void Fills_are_seen_exactly_once_across_forced_reconnects()
    {
        var m = ActiveMarkets(3)[2];
        var ex = _s.Exchange;
        int before = ex.GetOrCreateAccount(_s.UserId).Fills.Count;
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin("Watch-KalshiFill -Duration 8 -Verbose", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15)); // subscribed: fills from now on are delivered
        _s.Faults.WsDropEveryMessages = 3;
        for (int i = 0; i < 12; i++)
        {
            var bestNo = ex.GetBook(m.Ticker).No.Last();
            ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel });
            Thread.Sleep(150);
        }
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(15));
        _s.Faults.WsDropEveryMessages = 0;
        foreach (var w in ps.Streams.Warning) _log.WriteLine("WARN " + w.Message);
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);

        var expected = ex.GetOrCreateAccount(_s.UserId).Fills.Skip(before).Select(f => f.TradeId + "|" + f.OrderId).ToList();
        var seen = output.Select(o => (string)o.Properties["TradeId"].Value + "|" + (string)o.Properties["OrderId"].Value).ToList();
        Assert.True(expected.Count >= 12);
        Assert.Equal(seen.Count, seen.Distinct().Count());                  // never twice
        Assert.Equal(expected.OrderBy(x => x), seen.OrderBy(x => x));       // never lost
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("reconnecting"));
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("reconciled fills"));
        Assert.True(_s.RequestCount("GET", "/portfolio/fills") >= 1);
    }

    [Fact]
    public void Stop_releases_the_socket_promptly()
    {
        var m = ActiveMarkets(1)[0];
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"Watch-KalshiOrderbook -Ticker {m.Ticker}", output);
        WaitFor(() => output.Count >= 1, TimeSpan.FromSeconds(5));
        Assert.Equal(1, Diag("OpenSockets"));
        var sw = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {sw.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Equal(0, Diag("OpenSockets"));
        Assert.Equal(0, Diag("RunningStreams"));
    }

    [Fact]
    public void First_and_Duration_end_the_command_and_release_the_socket()
    {
        var markets = ActiveMarkets(2);
        var sw = Stopwatch.StartNew();
        var first = _host.Run($"'{markets[0].Ticker}','{markets[1].Ticker}' | Watch-KalshiOrderbook -First 2 -Depth 3");
        Assert.Empty(first.Errors);
        Assert.Equal(2, first.Output.Count);
        Assert.All(first.Output, b => Assert.True(((System.Collections.ICollection)b.Properties["YesBids"].Value).Count <= 3));
        Assert.Equal(0, Diag("OpenSockets"));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));

        sw.Restart();
        var timed = _host.Run($"Watch-KalshiTicker -Ticker {markets[0].Ticker} -Duration 2");
        Assert.Empty(timed.Errors);
        Assert.InRange(sw.Elapsed.TotalSeconds, 1.9, 6);
        Assert.Equal(0, Diag("OpenSockets"));
        Assert.Equal(0, Diag("RunningStreams"));

        sw.Restart();
        var span = _host.Run("Watch-KalshiMarketLifecycle -Duration 00:00:01");
        Assert.Empty(span.Errors);
        Assert.InRange(sw.Elapsed.TotalSeconds, 0.9, 5);
        Assert.Equal(0, Diag("OpenSockets"));
    }

    [Fact]
    public void Trades_orders_positions_and_tickers_are_typed()
    {
        var m = ActiveMarkets(4)[3];
        var ex = _s.Exchange;
        var outputs = new Dictionary<string, PSDataCollection<PSObject>>();
        var runs = new List<(PowerShell Ps, PowerShellHost Host)>();
        foreach (var cmd in new[] { "Watch-KalshiTrade", "Watch-KalshiOrder", "Watch-KalshiPosition", "Watch-KalshiTicker" })
        {
            var host = new PowerShellHost();
            host.Run($"Connect-Kalshi -ApiKeyId '{_s.ApiKeyId}' -PrivateKeyPath '{_s.PrivateKeyPath}' -BaseUri '{_s.RestUri}'");
            var o = new PSDataCollection<PSObject>();
            outputs[cmd] = o;
            runs.Add((host.Begin($"{cmd} -Ticker {m.Ticker} -First 1 -Duration 10", o), host));
        }
        WaitFor(() => _s.WebSocketSubscriptionCount == 4, TimeSpan.FromSeconds(15)); // all four subscribed
        var bestNo = ex.GetBook(m.Ticker).No.Last();
        ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 2, TimeInForce = TimeInForce.ImmediateOrCancel });
        foreach (var (ps, host) in runs)
        {
            WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(12));
            ps.Dispose(); host.Dispose();
        }
        Assert.Equal("KalshiPS.Models.KalshiTrade", outputs["Watch-KalshiTrade"].Single().BaseObject.GetType().FullName);
        Assert.Equal(m.Ticker, outputs["Watch-KalshiTrade"].Single().Properties["Ticker"].Value);
        Assert.IsType<decimal>(outputs["Watch-KalshiTrade"].Single().Properties["YesPrice"].Value);
        Assert.Equal("KalshiPS.Models.KalshiOrder", outputs["Watch-KalshiOrder"].Single().BaseObject.GetType().FullName);
        var position = outputs["Watch-KalshiPosition"].Single();
        Assert.Equal("KalshiPS.Models.KalshiPosition", position.BaseObject.GetType().FullName);
        // One unit per name: the stream's volume_fp is contracts (Volume); dollars traded only come from REST.
        Assert.Equal(2m, position.Properties["Volume"].Value);
        Assert.Null(position.Properties["TotalTradedDollars"].Value);
        Assert.Null(position.Properties["TotalTraded"]);
        var tick = outputs["Watch-KalshiTicker"].Single();
        Assert.Equal("KalshiPS.Models.KalshiTickerUpdate", tick.BaseObject.GetType().FullName);
        Assert.IsType<decimal>(tick.Properties["LastPrice"].Value);
        Assert.Equal(0, Diag("OpenSockets"));
    }

    [Fact]
    public void Handshake_failure_is_a_terminating_error_not_a_retry_loop()
    {
        using var host = new PowerShellHost();
        var pem = System.Security.Cryptography.RSA.Create(2048).ExportRSAPrivateKeyPem();
        var path = Path.Combine(Path.GetTempPath(), $"kalships-wrong-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, pem);
        host.Run($"Connect-Kalshi -ApiKeyId '{_s.ApiKeyId}' -PrivateKeyPath '{path}' -BaseUri '{_s.RestUri}' -SkipValidation");
        var sw = Stopwatch.StartNew();
        var r = host.Run("Watch-KalshiTrade -Duration 10");
        foreach (var x in r.Errors) _log.WriteLine("ERR " + x.Exception.Message);
        var e = Assert.Single(r.Errors);
        Assert.Contains("refused", e.Exception.Message);
        Assert.StartsWith("KalshiStreamFailed", e.FullyQualifiedErrorId);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(0, Diag("OpenSockets"));
    }
}
