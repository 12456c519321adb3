using Xunit;
using KalshiPS.Sandbox;
namespace KalshiPS.ModuleTests;
public class ScratchFixMd
{
    [Fact]
    public async Task Scratch()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        s.Counter(t, OrderSide.Bid, 0.30m, 5m);
        Ps.Assert(s.Run(FixTradingTests.ConnectFix(s.Server, "MarketData")));
        var r = s.Run($"Watch-KalshiOrderbook -Ticker {t} -Via Fix -First 1 -Duration 00:00:05 -Verbose 4>&1 | Out-String");
        Assert.Fail(string.Join("\n", r.Output.Select(o => o.ToString())) + "\nERR:" + string.Join("\n", r.Errors));
    }
}
