using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Tab completion through TabExpansion2, as a console does it: cached tickers, enums, and no network calls.</summary>
// One test sets KALSHI_BASE_URI process-wide: runs alone.
[Collection("ProcessEnvironment")]
public class CompletionTests
{
    private static List<string> Complete(PowerShellHost host, string input) =>
        host.Run("(TabExpansion2 -inputScript $in -cursorColumn $in.Length).CompletionMatches | ForEach-Object CompletionText",
                new Dictionary<string, object?> { ["in"] = input })
            .Output.Select(o => o.ToString()).ToList();

    [Fact]
    public void Tickers_complete_from_the_session_cache_after_a_listing_without_network_calls()
    {
        using var exchange = new CompletionTestExchange();
        using var host = new PowerShellHost();
        host.Run($"Connect-Kalshi -BaseUri {exchange.BaseUri}");

        Assert.DoesNotContain(Complete(host, "Get-KalshiMarket -Ticker KX"), c => c.StartsWith("KX"));
        Assert.Equal(0, exchange.Requests);

        var listed = host.Run("Get-KalshiMarket");
        Assert.Empty(listed.Errors);
        Assert.Equal(3, listed.Output.Count);
        var afterListing = exchange.Requests;

        Assert.Equal(new[] { "KXHIGHNY-26NOV24-B50.5", "KXHIGHNY-26NOV24-B52.5" }, Complete(host, "Get-KalshiMarket -Ticker KXH"));
        Assert.Equal(CompletionTestExchange.MarketTickers.OrderBy(t => t, StringComparer.OrdinalIgnoreCase), Complete(host, "Get-KalshiOrderbook -Ticker "));
        Assert.Equal(new[] { "KXBTCD-26NOV24-T90000" }, Complete(host, "Get-KalshiCandlestick kxbtc"));
        Assert.Equal(new[] { "KXBTCD-26NOV24" }, Complete(host, "Get-KalshiMarket -EventTicker KXB"));
        Assert.Equal(afterListing, exchange.Requests);
    }

    [Fact]
    public void Completion_without_a_session_makes_no_request_and_creates_no_session()
    {
        using var exchange = new CompletionTestExchange();
        using var host = new PowerShellHost();
        host.SetVariable("env:KALSHI_BASE_URI", exchange.BaseUri);
        try
        {
            Assert.DoesNotContain(Complete(host, "Get-KalshiMarket -Ticker KX"), c => c.StartsWith("KX"));
            Assert.DoesNotContain(Complete(host, "Get-KalshiSeries -SeriesTicker "), c => c.StartsWith("KX"));
            Assert.Equal(0, exchange.Requests);
            Assert.Empty(host.Run("Get-KalshiSession").Output);
        }
        finally { host.SetVariable("env:KALSHI_BASE_URI", null); }
    }

    [Theory]
    [InlineData("Get-KalshiMarket -Status ", new[] { "Closed", "Open", "Paused", "Settled", "Unopened" })]
    [InlineData("Get-KalshiEvent -Status O", new[] { "Open" })]
    [InlineData("Connect-Kalshi -Environment ", new[] { "Demo", "Production" })]
    [InlineData("Connect-Kalshi -Tier P", new[] { "Paragon", "Premier", "Prime" })]
    [InlineData("Get-KalshiCandlestick -Interval One", new[] { "OneDay", "OneHour", "OneMinute" })]
    [InlineData("Invoke-KalshiRequest -Method ", new[] { "DELETE", "GET", "POST", "PUT" })]
    public void Enum_and_ValidateSet_parameters_complete_by_themselves(string input, string[] expected)
    {
        using var host = new PowerShellHost();
        Assert.Equal(expected, Complete(host, input).OrderBy(c => c, StringComparer.Ordinal));
    }
}
