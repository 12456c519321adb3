using System.Diagnostics;
using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Streaming behaviours from the issue 5 review: a delta really lost (not just a skipped seq number), a get_snapshot
/// that is never answered, a slow consumer, downstream stops, and fills made while the stream is disconnected.
/// </summary>
[Collection("Streaming")]
public sealed class StreamingReviewTests : ConnectedSandboxTest
{
    public StreamingReviewTests(ITestOutputHelper log) : base(log) { }

    private static int Diag(string name) => StreamingTests.Diag(name);

    private static void ResetPeak()
    {
        var asm = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "KalshiPS");
        asm.GetType("KalshiPS.Streaming.KalshiStreamDiagnostics")!.GetMethod("ResetPeakQueued")!.Invoke(null, null);
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
            Thread.Sleep(5);
        }
    }

    private static void WaitDone(PowerShell ps, TimeSpan timeout) =>
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed or PSInvocationState.Stopped, timeout);

    private void Rest(Market m, decimal price, int count) =>
        _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = price, Count = count });

    [Fact]
    public void Lost_deltas_and_an_unanswered_get_snapshot_still_end_in_the_exchanges_book()
    {
        // Every 5th delta is really lost (its seq consumed): without gap detection and resync the local book keeps
        // missing those resting sizes and the final comparison fails. The first get_snapshot is swallowed too:
        // without the snapshot deadline the books stay untrusted (and silent) for the rest of the run.
        var markets = ActiveMarkets(2);
        var ex = _s.Exchange;
        var states = markets.ToDictionary(m => m.Ticker, m => new HashSet<string> { Canon(ex.GetBook(m.Ticker)) });
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"Watch-KalshiOrderbook -Ticker {markets[0].Ticker},{markets[1].Ticker} -Duration 10 -Verbose", output);
        WaitFor(() => output.Count >= 2, TimeSpan.FromSeconds(5));
        _s.Faults.WsLoseDeltaEvery = 5;
        _s.Faults.WsIgnoreGetSnapshotNext = 1;
        try
        {
            var rng = new Random(11);
            for (int i = 0; i < 40; i++)
            {
                var m = markets[i % 2];
                Rest(m, 0.02m + rng.Next(5) / 100m, 1 + rng.Next(4));
                states[m.Ticker].Add(Canon(ex.GetBook(m.Ticker)));
                Thread.Sleep(30);
            }
            _s.Faults.WsLoseDeltaEvery = 0;
            // One more change per market after the faults, so the final books are emitted from a trusted state.
            Thread.Sleep(6500); // the 5 s snapshot deadline passes and the stream resubscribes
            foreach (var m in markets) { Rest(m, 0.01m, 1); states[m.Ticker].Add(Canon(ex.GetBook(m.Ticker))); }
            WaitDone(ps, TimeSpan.FromSeconds(15));
        }
        finally { _s.Faults.WsLoseDeltaEvery = 0; _s.Faults.WsIgnoreGetSnapshotNext = 0; }
        foreach (var w in ps.Streams.Warning) _log.WriteLine("WARN " + w.Message);
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("resyncing"));
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("no order book snapshot"));
        var books = output.ToList();
        foreach (var b in books) Assert.Contains(Canon(b), states[(string)b.Properties["Ticker"].Value]); // never a wrong book
        foreach (var m in markets)
            Assert.Equal(Canon(ex.GetBook(m.Ticker)), Canon(books.Last(b => (string)b.Properties["Ticker"].Value == m.Ticker)));
        Assert.Equal(0, Diag("OpenSockets"));
    }

    [Fact]
    public void A_slow_consumer_gets_coalesced_books_with_a_bounded_queue_and_the_final_book()
    {
        var m = ActiveMarkets(3)[2];
        var ex = _s.Exchange;
        ResetPeak();
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin(
            $"Watch-KalshiOrderbook -Ticker {m.Ticker} -Duration 6 | ForEach-Object {{ [Threading.Thread]::Sleep(50); $_ }}", output);
        WaitFor(() => output.Count >= 1, TimeSpan.FromSeconds(5));
        int changes = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(3)) // far faster than 20 books/s
        {
            Rest(m, 0.02m + changes % 5 / 100m, 1);
            changes++;
            if (changes % 20 == 0) Thread.Sleep(1);
        }
        WaitDone(ps, TimeSpan.FromSeconds(15));
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error);
        _log.WriteLine($"{changes} changes, {output.Count} books, peak queue {Diag("PeakQueued")}");
        Assert.True(changes > 500, $"only {changes} changes");
        Assert.True(output.Count < changes / 4, $"{output.Count} books for {changes} changes: not coalesced");
        Assert.InRange(Diag("PeakQueued"), 1, 5);                          // one keyed slot, not a backlog
        Assert.Equal(Canon(ex.GetBook(m.Ticker)), Canon(output.Last()));   // the latest state still arrives
        Assert.Equal(0, Diag("OpenSockets"));
    }

    [Fact]
    public void Downstream_stops_release_the_socket_promptly()
    {
        // Each consumer holds its first object until the test opens the gate. Without it the order book script ended
        // by itself (snapshot -> throw) within milliseconds, and a test thread scheduled late under a loaded full run
        // found it already Failed instead of Running; the trade script's 300 ms "subscribed" sleep was the same kind of
        // bet. Now the test waits for what it needs (the server's subscription), then releases the stop and times it.
        var m = ActiveMarkets(4)[3];
        var ex = _s.Exchange;
        foreach (var (script, trade) in new[]
        {
            // break and a throw in a downstream script block stop the pipeline through the Watch cmdlet's WriteObject.
            ($"Watch-KalshiTrade -Ticker {m.Ticker} | ForEach-Object {{ $held.Set(); $null = $gate.Wait(30000); $_; break }}", true),
            ($"Watch-KalshiOrderbook -Ticker {m.Ticker} | ForEach-Object {{ $held.Set(); $null = $gate.Wait(30000); $_; throw 'consumer failed' }}", false),
        })
        {
            using var held = new ManualResetEventSlim();
            using var gate = new ManualResetEventSlim();
            _host.SetVariable("held", held);
            _host.SetVariable("gate", gate);
            var output = new PSDataCollection<PSObject>();
            using var ps = _host.Begin(script, output);
            try
            {
                try { WaitFor(() => _s.WebSocketSubscriptionCount == 1 || ps.InvocationStateInfo.State != PSInvocationState.Running, TimeSpan.FromSeconds(15)); }
                catch (TimeoutException) { _log.WriteLine($"not subscribed: {ps.InvocationStateInfo.State}"); throw; }
                for (int i = 0; i < ps.Streams.Error.Count; i++) _log.WriteLine($"{script}: {ps.Streams.Error[i]}"); // (enumerating a live PSDataCollection blocks)
                Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);
                Assert.Equal(1, Diag("OpenSockets"));
                if (trade)
                {
                    var bestNo = ex.GetBook(m.Ticker).No.Last();
                    ex.PlaceOrder("u2", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel });
                }
                Assert.True(held.Wait(TimeSpan.FromSeconds(15)), "the consumer never got an object");
                Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State); // the stream is alive until the consumer stops it
            }
            finally { gate.Set(); }
            var sw = Stopwatch.StartNew();
            try { WaitDone(ps, TimeSpan.FromSeconds(5)); }
            catch (TimeoutException)
            {
                _log.WriteLine($"{script}: still {ps.InvocationStateInfo.State}, {output.Count} output, sockets {Diag("OpenSockets")}, streams {Diag("RunningStreams")}");
                Task.Run(ps.Stop).Wait(TimeSpan.FromSeconds(5));
                _log.WriteLine($"after Stop: {ps.InvocationStateInfo.State}");
                throw;
            }
            _log.WriteLine($"{script}: {ps.InvocationStateInfo.State} {sw.ElapsedMilliseconds} ms after the consumer stopped, reason {ps.InvocationStateInfo.Reason?.Message}");
            Assert.Single(output);
            Assert.Equal(0, Diag("OpenSockets"));
            Assert.Equal(0, Diag("RunningStreams"));
        }
    }

    [Fact]
    public void A_fill_made_while_disconnected_is_recovered_once()
    {
        var m = ActiveMarkets(5)[4];
        var ex = _s.Exchange;
        int before = ex.GetOrCreateAccount(_s.UserId).Fills.Count;
        void Take()
        {
            var bestNo = ex.GetBook(m.Ticker).No.Last();
            ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel });
        }
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin("Watch-KalshiFill -Duration 6 -Verbose", output);
        try
        {
            WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15)); // subscribed: the next fill is delivered
            _s.Faults.WsDropEveryMessages = 1;
            Take();                                                    // delivered
            WaitFor(() => output.Count >= 1, TimeSpan.FromSeconds(5));
            Take();                                                    // its message aborts the socket
            WaitFor(() => Diag("OpenSockets") == 0, TimeSpan.FromSeconds(5));
            Take();                                                    // no socket at all: backing off
            _s.Faults.WsDropEveryMessages = 0;
            WaitFor(() => Diag("OpenSockets") == 1, TimeSpan.FromSeconds(5));
            Thread.Sleep(500);
            Take();                                                    // live again
            WaitDone(ps, TimeSpan.FromSeconds(15));
        }
        finally { _s.Faults.WsDropEveryMessages = 0; }
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        var expected = ex.GetOrCreateAccount(_s.UserId).Fills.Skip(before).Select(f => f.TradeId + "|" + f.OrderId).ToList();
        var seen = output.Select(o => (string)o.Properties["TradeId"].Value + "|" + (string)o.Properties["OrderId"].Value).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected.OrderBy(x => x), seen.OrderBy(x => x));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(output, f => Assert.Equal("KalshiPS.Models.KalshiFill", f.BaseObject.GetType().FullName));
        Assert.All(output, f => Assert.IsType<decimal>(f.Properties["YesPrice"].Value));
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("reconnecting"));
        Assert.DoesNotContain(ps.Streams.Error, _ => true);
    }
}
