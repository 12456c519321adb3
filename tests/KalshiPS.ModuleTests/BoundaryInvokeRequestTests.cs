using System.Management.Automation;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Issue 9: Invoke-KalshiRequest sends the query written in -Path and never leaves the API base.</summary>
public class BoundaryInvokeRequestTests
{
    [Fact]
    public async Task A_query_in_the_path_is_sent_so_only_that_markets_orders_are_cancelled()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 8);
        var a = s.Market();
        var b = s.Market(skip: 1);
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {a} -Side Yes -Action Buy -Count 1 -Price 0.10; New-KalshiOrder -Ticker {b} -Side Yes -Action Buy -Count 1 -Price 0.10"));
        var r = s.Run($"Invoke-KalshiRequest DELETE \"/portfolio/events/orders?ticker={a}\" -Confirm:$false");
        Ps.Assert(r);
        var resting = s.MyOrders.Where(o => o.Status == KalshiPS.Sandbox.OrderStatus.Resting).Select(o => o.Ticker).ToList();
        Assert.Equal(new[] { b }, resting);
    }

    [Fact]
    public async Task WhatIf_on_a_mutating_call_sends_nothing()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        s.Server.ResetRequestLog();
        Ps.Assert(s.Run("Invoke-KalshiRequest DELETE '/portfolio/events/orders?ticker=KX-A' -WhatIf"));
        Assert.Empty(s.Server.RequestLog);
    }

    [Theory]
    [InlineData("/../../sandbox/faults")]
    [InlineData("/%2e%2e/%2e%2e/sandbox/faults")]
    [InlineData("/%2E%2E/sandbox/faults")]
    [InlineData("/markets/.%2e/../../sandbox/faults")]
    [InlineData("/markets/%2e")]
    [InlineData("..\\..\\sandbox\\faults")]
    [InlineData("/markets\\..\\..\\sandbox")]
    [InlineData("http://127.0.0.1:1/sandbox/faults")]
    [InlineData("HTTPS://example.com/trade-api/v2/portfolio/balance")]
    [InlineData("//127.0.0.1/sandbox/faults")]
    [InlineData("/portfolio/events/orders/")]
    [InlineData("/portfolio//events/orders")]
    [InlineData("/markets/A%2F..%2F..")]
    [InlineData("/markets/A%5C..")]
    [InlineData("/markets/A%0d%0aX-Evil:%201")]
    [InlineData("/markets/A\r\nX-Evil: 1")]
    [InlineData("/markets#x")]
    [InlineData("/markets/%zz")]
    [InlineData("")]
    public async Task Paths_that_leave_the_api_base_are_refused_before_sending(string path)
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        s.Server.ResetRequestLog();
        foreach (var method in new[] { "GET", "DELETE", "POST" })
        {
            var r = s.Run("try { Invoke-KalshiRequest $m $p -Confirm:$false; 'sent' } catch { $_ }",
                new Dictionary<string, object?> { ["m"] = method, ["p"] = path });
            var e = Assert.IsType<ErrorRecord>(Assert.Single(r.Output).BaseObject);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("-Path", e.Exception.Message);
        }
        Assert.Empty(s.Server.RequestLog);
    }

    [Fact]
    public async Task A_query_parameter_given_twice_is_refused()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        s.Server.ResetRequestLog();
        var r = s.Run("try { Invoke-KalshiRequest GET '/markets?status=open' -Query @{ status = 'closed' } } catch { $_ }");
        var e = Assert.IsType<ErrorRecord>(Assert.Single(r.Output).BaseObject);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("'status'", e.Exception.Message);
        Assert.Empty(s.Server.RequestLog);
    }

    [Fact]
    public async Task Path_and_Query_merge_and_a_pasted_base_path_is_accepted()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 10);
        var merged = s.Run("(Invoke-KalshiRequest GET '/markets?limit=2' -Query @{ status = 'open' }).markets.Count").One();
        Assert.Equal(2, Convert.ToInt32(merged.BaseObject));
        var r = s.Run("Invoke-KalshiRequest GET '/trade-api/v2/portfolio/balance' -Verbose");
        Ps.Assert(r);
        Assert.Contains(r.Verbose, v => v.Contains("API base"));
        Assert.Contains(s.Server.RequestLog, q => q.Path == "/trade-api/v2/portfolio/balance");
    }
}
