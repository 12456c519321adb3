using System.Diagnostics;
using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// The lifecycle channels' three message types, and orders/positions missed during a reconnect recovered exactly
/// once, through the engine against the sandbox with its socket-drop fault.
/// </summary>
[Collection("Streaming")]
public sealed class StreamingLifecycleTests : ConnectedSandboxTest
{
    public StreamingLifecycleTests(ITestOutputHelper log) : base(log) { }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException("condition not met in " + timeout);
            Thread.Sleep(20);
        }
    }

    private static void WaitDone(PowerShell ps) =>
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed or PSInvocationState.Stopped, TimeSpan.FromSeconds(20));

    private Market Active(int index) => _s.Exchange.Markets
        .Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled).ElementAt(index);

    private static string TypeOf(PSObject o) => o.BaseObject.GetType().Name + ":" + o.Properties["MessageType"].Value;

    [Fact]
    public void Market_lifecycle_writes_market_event_and_fee_messages_as_typed_objects()
    {
        var ex = _s.Exchange;
        var m = Active(0);
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin("Watch-KalshiMarketLifecycle -First 3 -Duration 15", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));

        ex.SetMarketStatus(m.Ticker, "inactive");
        ex.CreateMultivariateEvent(Exchange.ComboCollection, new[] { m.Ticker, Active(1).Ticker }); // combo: another channel's
        ex.SetEventFeeOverride(m.EventTicker, "flat", 0.25m);
        ex.AddEvent(new EventInfo { EventTicker = "KXHIGHNY-99DEC31", SeriesTicker = "KXHIGHNY", Title = "New event", SubTitle = "new" });
        WaitDone(ps);

        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { "KalshiLifecycleEvent:MarketLifecycle", "KalshiEventFeeUpdate:EventFeeUpdate", "KalshiEventLifecycle:EventLifecycle" },
            output.Select(TypeOf));
        Assert.Equal(m.Ticker, output[0].Properties["Ticker"].Value);
        Assert.Equal("Deactivated", output[0].Properties["EventType"].Value);
        Assert.Equal(m.EventTicker, output[1].Properties["EventTicker"].Value);
        Assert.Equal("Flat", output[1].Properties["FeeTypeOverride"].Value);
        Assert.Equal(0.25m, output[1].Properties["FeeMultiplierOverride"].Value);
        Assert.Equal(false, output[1].Properties["Cleared"].Value);
        Assert.Equal("KXHIGHNY-99DEC31", output[2].Properties["EventTicker"].Value);
        Assert.Equal("KXHIGHNY", output[2].Properties["SeriesTicker"].Value);
    }

    [Fact]
    public void A_ticker_filter_keeps_that_market_and_the_messages_of_its_event()
    {
        var ex = _s.Exchange;
        var m = Active(0);
        var other = _s.Exchange.Markets.First(x => x.EventTicker != m.EventTicker && x.Status == "active");
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"Watch-KalshiMarketLifecycle -Ticker {m.Ticker} -First 2 -Duration 15", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));

        ex.SetMarketStatus(other.Ticker, "inactive");            // another market
        ex.SetEventFeeOverride(other.EventTicker, "flat", 1m);   // another event
        ex.SetEventFeeOverride(m.EventTicker, null, null);       // its event: kept (cleared override)
        ex.SetMarketStatus(m.Ticker, "inactive");                // it: kept
        WaitDone(ps);

        Assert.Equal(new[] { "KalshiEventFeeUpdate:EventFeeUpdate", "KalshiLifecycleEvent:MarketLifecycle" }, output.Select(TypeOf));
        Assert.Equal(true, output[0].Properties["Cleared"].Value);
        Assert.Equal(m.Ticker, output[1].Properties["Ticker"].Value);
    }

    [Fact]
    public void Multivariate_lifecycle_writes_combo_events_and_markets()
    {
        var ex = _s.Exchange;
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin("Watch-KalshiMultivariateLifecycle -First 2 -Duration 15", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));

        ex.SetMarketStatus(Active(0).Ticker, "inactive");  // an ordinary market: not on this channel
        var combo = ex.CreateMultivariateEvent(Exchange.ComboCollection, new[] { Active(1).Ticker, Active(2).Ticker });
        WaitDone(ps);

        Assert.Empty(ps.Streams.Error);
        Assert.Equal(new[] { "KalshiEventLifecycle:EventLifecycle", "KalshiLifecycleEvent:MultivariateMarketLifecycle" }, output.Select(TypeOf));
        Assert.Equal(combo.EventTicker, output[0].Properties["EventTicker"].Value);
        Assert.Equal(combo.Markets[0].Ticker, output[1].Properties["Ticker"].Value);
        Assert.Equal("Created", output[1].Properties["EventType"].Value);
    }

    /// <summary>
    /// Runs <paramref name="script"/> while the socket is dropped by the next data message after the first one:
    /// step 1 is delivered, step 2's message kills the socket, step 3 happens with no socket, step 4 after the reconnect.
    /// </summary>
    private PSDataCollection<PSObject> ThroughADroppedSocket(string script, Action step1, Action step2, Action step3, Action step4, out PowerShell ps)
    {
        var output = new PSDataCollection<PSObject>();
        ps = _host.Begin(script, output);
        try
        {
            WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));
            _s.Faults.WsDropEveryMessages = 1;
            step1();
            WaitFor(() => output.Count >= 1, TimeSpan.FromSeconds(5));
            step2();
            WaitFor(() => StreamingTests.Diag("OpenSockets") == 0, TimeSpan.FromSeconds(5));
            step3();
            _s.Faults.WsDropEveryMessages = 0;
            WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(10));
            WaitFor(() => _s.RequestCount("GET", "/portfolio/") > 0, TimeSpan.FromSeconds(5)); // the reconciliation read
            step4();
            WaitDone(ps);
        }
        finally { _s.Faults.WsDropEveryMessages = 0; }
        return output;
    }

    [Fact]
    public void Order_updates_missed_while_disconnected_are_recovered_once()
    {
        var ex = _s.Exchange;
        var m = Active(3);
        string? a = null, b = null, c = null;
        string Rest(decimal price) => ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = price, Count = 1 }).Order.OrderId;
        _s.ResetRequestLog();
        var output = ThroughADroppedSocket("Watch-KalshiOrder -Duration 8 -Verbose",
            () => a = Rest(0.02m),                     // delivered
            () => ex.CancelOrder(_s.UserId, a!),       // its message aborts the socket
            () => b = Rest(0.03m),                     // no socket at all
            () => c = Rest(0.04m),                     // live again
            out var ps);
        using (ps)
        {
            Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
            var seen = output.Select(o => (string)o.Properties["OrderId"].Value + "|" + o.Properties["Status"].Value).ToList();
            foreach (var s in seen) _log.WriteLine(s);
            Assert.Equal(new[] { a + "|Resting", a + "|Canceled", b + "|Resting", c + "|Resting" }.OrderBy(x => x), seen.OrderBy(x => x));
            Assert.All(output, o => Assert.Equal("KalshiPS.Models.KalshiOrder", o.BaseObject.GetType().FullName));
            Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("reconnecting"));
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("reconciled user_orders"));
            Assert.True(_s.RequestCount("GET", "/portfolio/orders") >= 1);
            Assert.Empty(ps.Streams.Error);
        }
    }

    [Fact]
    public void Position_changes_missed_while_disconnected_are_recovered_once()
    {
        var ex = _s.Exchange;
        var m = Active(4);
        void Take()
        {
            var bestNo = ex.GetBook(m.Ticker).No.Last();
            ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel });
        }
        _s.ResetRequestLog();
        var output = ThroughADroppedSocket($"Watch-KalshiPosition -Ticker {m.Ticker} -Duration 8 -Verbose", Take, Take, Take, Take, out var ps);
        using (ps)
        {
            Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
            var positions = output.Select(o => (decimal)o.Properties["Position"].Value).ToList();
            _log.WriteLine(string.Join(", ", positions));
            // 1 delivered; 2 lost with the socket; 3 (the state after the outage) from REST; 4 live. Each once.
            Assert.Equal(new[] { 1m, 3m, 4m }, positions);
            Assert.All(output, o => Assert.Equal(m.Ticker, o.Properties["Ticker"].Value));
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("reconciled market_positions"));
            Assert.True(_s.RequestCount("GET", "/portfolio/positions") >= 1);
            Assert.Empty(ps.Streams.Error);
        }
    }
}
