using KalshiPS.Sandbox;
using KalshiPS.Tools.Coverage;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Spec operations that no other module test drove with a 2xx answer (found with `KalshiPS.Tools exercised` over a
/// KALSHIPS_ROUTE_LOG run of this suite): each through the engine, checking what the cmdlet wrote and what the sandbox saw.
/// </summary>
public class OperationCoverageTests : ConnectedSandboxTest
{
    public OperationCoverageTests(ITestOutputHelper log) : base(log) { }

    private int Seen(string method, string path) => _s.RequestLog.Count(r => r.Method == method && r.Path == "/trade-api/v2" + path);

    /// <summary>GetHistoricalMarket: a trade listing that comes back empty for a ticker that is no live market asks the archive for it.</summary>
    [Fact]
    public void An_archived_market_without_trades_in_the_window_is_a_quiet_market_not_a_missing_one()
    {
        var ex = _s.Exchange;
        var quiet = ex.Markets.First(m => m.Status == "active").Ticker;
        ex.SettleMarket(quiet, "no");
        _s.HistoricalCutoff.MarketSettled = DateTimeOffset.UtcNow.AddMinutes(1); // settled before the cutoff: archived
        const string window = "-Until ([datetime]::UtcNow.AddYears(-20))";     // before any trade

        var without = _host.Run($"Get-KalshiTrade -Ticker {quiet} {window}");
        Assert.Empty(without.Output);
        Assert.Equal(quiet, Assert.Single(without.Errors).TargetObject as string); // live only: no such market
        Assert.Equal(0, Seen("GET", $"/historical/markets/{quiet}"));

        var with = _host.Run($"Get-KalshiTrade -Ticker {quiet} {window} -IncludeHistorical");
        Ps.Assert(with);
        Assert.Empty(with.Output);                                          // no trades, and no error: the market exists
        Assert.Equal(2, Seen("GET", $"/markets/{quiet}"));                  // live lookup 404s both times
        Assert.Equal(1, Seen("GET", $"/historical/markets/{quiet}"));       // then the archive answers 200

        var gone = _host.Run($"Get-KalshiTrade -Ticker KXNOSUCH-MARKET {window} -IncludeHistorical"); // neither half knows it
        Assert.Equal("KXNOSUCH-MARKET", Assert.Single(gone.Errors).TargetObject as string);
        Assert.Equal(1, Seen("GET", "/historical/markets/KXNOSUCH-MARKET"));
    }
}

/// <summary>The route log behind `exercised`: off by default, one file per process when KALSHIPS_ROUTE_LOG names a folder.</summary>
[Collection("ProcessEnvironment")]
public class RouteLogTests
{
    [Fact]
    public async Task A_sandbox_logs_the_templates_it_answered_and_the_report_maps_them_to_operations()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kalships-routes-" + Guid.NewGuid().ToString("N"));
        var before = Environment.GetEnvironmentVariable(RouteLog.Variable);
        try
        {
            Environment.SetEnvironmentVariable(RouteLog.Variable, null);
            await using (var off = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 1 }))
                using (var http = new HttpClient()) await http.GetAsync(off.RestUri + "/exchange/status");
            Assert.False(Directory.Exists(dir));

            Environment.SetEnvironmentVariable(RouteLog.Variable, dir);
            await using (var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 1 }))
            using (var http = new HttpClient())
            {
                var ticker = s.Exchange.Markets.First().Ticker;
                (await http.GetAsync(s.RestUri + "/exchange/status")).EnsureSuccessStatusCode();
                (await http.GetAsync(s.RestUri + "/exchange/status")).EnsureSuccessStatusCode();
                await http.GetAsync(s.RestUri + "/markets/" + ticker);
                await http.GetAsync(s.RestUri + "/markets/NO-SUCH-MARKET");
            }
        }
        finally { Environment.SetEnvironmentVariable(RouteLog.Variable, before); }

        var file = Assert.Single(Directory.GetFiles(dir));
        Assert.Equal($"routes-KalshiPS.ModuleTests-{Environment.ProcessId}.tsv", Path.GetFileName(file));
        Assert.Equal(new[]
        {
            "GET\t/trade-api/v2/exchange/status\t2xx",                     // distinct: twice asked, once logged
            "GET\t/trade-api/v2/markets/{ticker}\t2xx",
            "GET\t/trade-api/v2/markets/{ticker}\t4xx",
        }, File.ReadAllLines(file));

        var operations = new[]
        {
            new SpecOperation("GetExchangeStatus", "GET", "/exchange/status", "Exchange"),
            new SpecOperation("GetMarket", "GET", "/markets/{ticker}", "Market"),
            new SpecOperation("GetMarketOrderbooks", "GET", "/markets/orderbooks", "Market"),
            new SpecOperation("GetApiKeys", "GET", "/api_keys", "ApiKeys"),
        };
        var report = ExercisedReport.Build(operations, dir, "KalshiPS.ModuleTests");
        Assert.Equal(new[] { "GetExchangeStatus", "GetMarket" }, report.Exercised.Select(o => o.OperationId));
        Assert.Equal(new[] { "GetMarketOrderbooks", "GetApiKeys" }, report.Missing.Select(o => o.OperationId));
        Assert.Empty(ExercisedReport.Build(operations, dir, "KalshiPS.Sandbox.Tests").Exercised);
        Directory.Delete(dir, recursive: true);
    }
}
