using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Watch-KalshiOrderbook -Via Fix through the engine against the sandbox's KalshiMD gateway (same engine as REST).</summary>
public class FixMarketDataTests
{
    private static string Levels(PSObject book, string side) =>
        string.Join(",", ((System.Collections.IEnumerable)book.Properties[side].Value).Cast<object>().Select(l => l.ToString()));

    [Fact]
    public async Task The_FIX_book_is_the_REST_book_and_follows_changes()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Bid, 0.30m, 5m);
        s.Counter(t, OrderSide.Ask, 0.70m, 4m);
        Ps.Assert(s.Run(FixTradingTests.ConnectFix(s.Server, "MarketData")));

        var book = s.Run($"Watch-KalshiOrderbook -Ticker {t} -Via Fix -First 1 -Duration 00:00:20").One();
        var rest = s.Run($"Get-KalshiOrderbook -Ticker {t}").One();
        Assert.Equal("KalshiPS.Models.KalshiOrderbook", book.TypeName());
        Assert.Equal(Levels(rest, "YesBids"), Levels(book, "YesBids"));
        Assert.Equal(Levels(rest, "NoBids"), Levels(book, "NoBids"));
        Assert.Equal(0.70m, book.D("BestYesAsk"));

        // A change while watching: the second book carries it.
        var session = s.Run("Get-KalshiSession").One();
        using var watcher = new PowerShellHost();
        watcher.SetVariable("s", session.BaseObject);
        var output = new PSDataCollection<PSObject>();
        using var watch = watcher.Begin($"Watch-KalshiOrderbook -Session $s -Ticker {t} -Via Fix -First 2 -Duration 00:00:20", output);
        await FixTradingTests.WaitForAsync(() => output.Count > 0);
        s.Counter(t, OrderSide.Bid, 0.31m, 2m);
        await FixTradingTests.WaitForAsync(() => output.Count > 1 || watch.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed);
        Assert.Equal(2, output.Count);
        Assert.Equal(0.31m, output[1].D("BestYesBid"));
    }

    [Fact]
    public async Task Lost_market_data_is_re_snapshotted_and_the_book_stays_right()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Bid, 0.30m, 5m);
        Ps.Assert(s.Run(FixTradingTests.ConnectFix(s.Server, "MarketData")));
        var session = s.Run("Get-KalshiSession").One();
        using var watcher = new PowerShellHost();
        watcher.SetVariable("s", session.BaseObject);
        var output = new PSDataCollection<PSObject>();
        using var watch = watcher.Begin($"Watch-KalshiOrderbook -Session $s -Ticker {t} -Via Fix -Duration 00:00:20 -Verbose", output);
        await FixTradingTests.WaitForAsync(() => output.Count > 0);

        s.Server.Faults.FixSkipSeqNext = 2;  // the next market data message arrives after a gap of two numbers
        s.Counter(t, OrderSide.Bid, 0.32m, 1m);
        await FixTradingTests.WaitForAsync(() => watch.Streams.Verbose.Any(v => v.Message.Contains("re-snapshotting")));
        await FixTradingTests.WaitForAsync(() => output.LastOrDefault()?.D("BestYesBid") == 0.32m);
        watch.Stop();
        var rest = s.Run($"Get-KalshiOrderbook -Ticker {t}").One();
        Assert.Equal(Levels(rest, "YesBids"), Levels(output.Last(), "YesBids"));
    }

    [Fact]
    public async Task Without_a_market_data_connection_it_says_how_to_open_one_and_unknown_tickers_are_errors()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var none = s.Run($"Watch-KalshiOrderbook -Ticker {t} -Via Fix -First 1 -Duration 5");
        Assert.Contains("Connect-KalshiFix -SessionType MarketData", Assert.Single(none.Errors).ToString());

        Ps.Assert(s.Run(FixTradingTests.ConnectFix(s.Server, "MarketData")));
        var unknown = s.Run("Watch-KalshiOrderbook -Ticker NOPE-26DEC01 -Via Fix -First 1 -Duration 5");
        Assert.Contains("NOPE-26DEC01", Assert.Single(unknown.Errors).ToString());
        Assert.Empty(unknown.Output);
    }
}
