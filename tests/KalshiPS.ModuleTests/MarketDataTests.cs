using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

public class MarketDataTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public MarketDataTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private PowerShellHost Anonymous()
    {
        var host = new PowerShellHost();
        host.Run(_sandbox.AnonymousConnectLine());
        return host;
    }

    [Fact]
    public void Lists_markets_anonymously_from_a_custom_base_uri_as_typed_decimal_objects()
    {
        using var host = Anonymous();
        var result = host.Run("Get-KalshiMarket -Status Open -First 5");
        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Output.Count);
        foreach (var market in result.Output)
        {
            Assert.Equal("KalshiPS.Models.KalshiMarket", market.BaseObject.GetType().FullName);
            Assert.Equal("Active", market.Properties["Status"].Value);
            Assert.IsType<decimal>(market.Properties["YesBid"].Value ?? 0m);
            var expected = _sandbox.Server.Exchange.GetMarket((string)market.Properties["Ticker"].Value)!;
            Assert.NotNull(expected);
        }
    }

    [Fact]
    public void Pages_are_followed_and_First_stops_fetching_early()
    {
        using var host = Anonymous();
        var before = _sandbox.Server.RequestCount("GET", "/trade-api/v2/markets");
        var result = host.Run("Get-KalshiMarket -PageSize 10 -First 25");
        Assert.Equal(25, result.Output.Count);
        Assert.Equal(25, result.Output.Select(o => o.Properties["Ticker"].Value).Distinct().Count());
        var requests = _sandbox.Server.RequestCount("GET", "/trade-api/v2/markets") - before;
        Assert.Equal(3, requests);
    }

    [Fact]
    public void Every_page_is_read_by_default_and_Skip_skips()
    {
        using var host = Anonymous();
        var all = host.Run("Get-KalshiMarket -PageSize 50").Output.Select(o => (string)o.Properties["Ticker"].Value).ToList();
        Assert.Equal(_sandbox.Server.Exchange.Markets.Count, all.Count);
        var skipped = host.Run("Get-KalshiMarket -PageSize 50 -Skip 7 -First 3").Output.Select(o => (string)o.Properties["Ticker"].Value).ToList();
        Assert.Equal(all.Skip(7).Take(3), skipped);
    }

    [Fact]
    public void A_missing_ticker_is_a_non_terminating_ObjectNotFound_error_and_the_rest_continue()
    {
        using var host = Anonymous();
        var a = _sandbox.OpenTicker(0);
        var b = _sandbox.OpenTicker(1);
        var result = host.Run($"Get-KalshiMarket -Ticker '{a}','NO-SUCH-MARKET','{b}'");
        Assert.Equal(new[] { a, b }.OrderBy(x => x), result.Output.Select(o => (string)o.Properties["Ticker"].Value).OrderBy(x => x));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("KalshiNotFound", error.FullyQualifiedErrorId);
        Assert.Equal("NO-SUCH-MARKET", error.TargetObject);
    }

    [Fact]
    public void Events_piped_to_Get_KalshiMarket_list_those_events_markets()
    {
        using var host = Anonymous();
        var series = _sandbox.Server.Exchange.AllSeries.First().Ticker;
        var result = host.Run($"Get-KalshiEvent -SeriesTicker '{series}' | Get-KalshiMarket");
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        var events = _sandbox.Server.Exchange.AllEvents.Where(e => e.SeriesTicker == series).Select(e => e.EventTicker).ToHashSet();
        Assert.All(result.Output, m => Assert.Contains((string)m.Properties["EventTicker"].Value, events));
    }

    [Fact]
    public void Markets_piped_by_property_name_are_fetched_by_ticker()
    {
        using var host = Anonymous();
        var result = host.Run("Get-KalshiMarket -Status Open -First 3 | Get-KalshiMarket");
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
    }

    [Fact]
    public void Orderbooks_for_several_tickers_use_the_batch_endpoint_and_derive_asks()
    {
        using var host = Anonymous();
        var a = _sandbox.OpenTicker(0);
        var b = _sandbox.OpenTicker(1);
        var before = _sandbox.Server.RequestCount("GET", "/trade-api/v2/markets/orderbooks");
        var result = host.Run($"'{a}','{b}' | Get-KalshiOrderbook");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(1, _sandbox.Server.RequestCount("GET", "/trade-api/v2/markets/orderbooks") - before);
        foreach (var book in result.Output)
        {
            var ticker = (string)book.Properties["Ticker"].Value;
            var truth = _sandbox.Server.Exchange.GetBook(ticker);
            var bestYesBid = truth.Yes.Count > 0 ? truth.Yes.Max(l => l.Price) : (decimal?)null;
            var bestNoBid = truth.No.Count > 0 ? truth.No.Max(l => l.Price) : (decimal?)null;
            Assert.Equal(bestYesBid, (decimal?)book.Properties["BestYesBid"].Value);
            Assert.Equal(1m - bestNoBid, (decimal?)book.Properties["BestYesAsk"].Value);
        }
    }

    [Fact]
    public void Events_series_trades_status_and_schedule_return_typed_objects()
    {
        using var host = Anonymous();
        var ev = host.Run("Get-KalshiEvent -First 1 -IncludeMarkets");
        Assert.Single(ev.Output);
        Assert.True((int)ev.Prop(0, "MarketCount")! > 0);
        Assert.NotEmpty(host.Run("Get-KalshiSeries").Output);
        var status = host.Run("Get-KalshiExchangeStatus");
        Assert.True((bool)status.Prop(0, "TradingActive")!);
        Assert.NotEmpty(host.Run("Get-KalshiExchangeSchedule").Output);
        Assert.Empty(host.Run("Get-KalshiTrade -First 5").Errors);
    }

    [Fact]
    public void Verbose_prints_one_redacted_line_per_request()
    {
        using var host = Anonymous();
        var result = host.Run("Get-KalshiMarket -PageSize 10 -First 15 -Verbose");
        var lines = result.Verbose.Where(v => v.StartsWith("GET ")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"^GET /trade-api/v2/markets\?limit=10.* -> 200 OK \(\d+ ms\)$", l));
    }

    [Fact]
    public void Authenticated_calls_are_accepted_by_the_signature_checking_server()
    {
        using var host = new PowerShellHost();
        var connect = host.Run(_sandbox.ConnectLine("-PassThru"));
        Assert.Empty(connect.Errors);
        Assert.True((bool)connect.Prop(0, "IsAuthenticated")!);
        var balance = host.Run("Invoke-KalshiRequest -Path /portfolio/balance");
        Assert.Empty(balance.Errors);
        Assert.NotNull(balance.Output[0].Properties["balance"]);
    }

    [Fact]
    public void A_key_the_server_does_not_know_fails_Connect_with_an_AuthenticationError()
    {
        using var host = new PowerShellHost();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        var result = host.Run($"Connect-Kalshi -BaseUri '{_sandbox.Server.RestUri}' -ApiKeyId 'unknown-key' -PrivateKey $pem -MaxRetries 0; Get-KalshiSession",
            new Dictionary<string, object?> { ["pem"] = pem });
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Empty(result.Output); // no half-made session was kept
        var text = error.ToString() + error.ErrorDetails?.Message + error.ErrorDetails?.RecommendedAction + error.Exception;
        Assert.DoesNotContain("PRIVATE KEY", text);
        Assert.DoesNotContain(pem.Split('\n')[1], text);
    }

    [Fact]
    public void Private_cmdlets_without_a_session_say_to_run_Connect_Kalshi()
    {
        using var host = new PowerShellHost();
        var result = host.Run("Invoke-KalshiRequest -Method POST -Path /portfolio/events/orders -Body '{}' -Confirm:$false");
        var error = Assert.Single(result.Errors);
        Assert.Equal("KalshiNotConnected,KalshiPS.Cmdlets.InvokeKalshiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-Kalshi", error.Exception.Message);
    }

    [Fact]
    public void Stop_ends_a_long_listing_promptly()
    {
        using var host = Anonymous();
        var output = new PSDataCollection<PSObject>();
        using var ps = host.Begin("Get-KalshiMarket -PageSize 1", output);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (output.Count < 3 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        var started = DateTime.UtcNow;
        ps.Stop();
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.True(output.Count < _sandbox.Server.Exchange.Markets.Count);
    }
}

public class CandlestickTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public CandlestickTests(SandboxFixture sandbox) => _sandbox = sandbox;

    [Fact]
    public void Candles_come_back_typed_with_the_series_looked_up_from_the_market()
    {
        using var host = new PowerShellHost();
        host.Run(_sandbox.AnonymousConnectLine());
        var ticker = _sandbox.OpenTicker(0);
        var result = host.Run($"Get-KalshiCandlestick -Ticker '{ticker}' -Interval OneHour -Start ([datetime]::UtcNow.AddHours(-6)) -End ([datetime]::UtcNow)");
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, c =>
        {
            Assert.Equal(ticker, c.Properties["Ticker"].Value);
            Assert.Equal(60, c.Properties["PeriodMinutes"].Value);
        });
        var bad = host.Run($"Get-KalshiCandlestick -Ticker '{ticker}' -Start ([datetime]::UtcNow) -End ([datetime]::UtcNow.AddHours(-1))");
        Assert.Equal("KalshiInvalidArgument,KalshiPS.Cmdlets.GetKalshiCandlestickCommand", Assert.Single(bad.Errors).FullyQualifiedErrorId);
    }
}
