using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// What a user tries first in the full engine: several sessions, piping one noun into another, strings from the
/// pipeline, unknown tickers, total counts, environment labels and error texts that say what to check.
/// </summary>
public class ConsistencyTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public ConsistencyTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private PowerShellHost Anonymous()
    {
        var host = new PowerShellHost();
        Assert.Empty(host.Run(_sandbox.AnonymousConnectLine()).Errors);
        return host;
    }

    private static List<string> Tickers(PsResult r, string property = "Ticker") => r.Output.Select(o => (string)o.Properties[property].Value).ToList();

    [Fact]
    public void A_second_Connect_PassThru_leaves_the_first_session_usable()
    {
        using var host = new PowerShellHost();
        var r = host.Run($"$a = {_sandbox.ConnectLine("-PassThru")}; $b = {_sandbox.AnonymousConnectLine("-PassThru")}; " +
                         "Get-KalshiBalance -Session $a; Get-KalshiMarket -Session $b -First 1; $a.IsDisposed; (Get-KalshiSession) -eq $b");
        Assert.Empty(r.Errors);
        Assert.Equal("KalshiPS.Models.KalshiBalance", r.Output[0].BaseObject.GetType().FullName);
        Assert.Equal("KalshiPS.Models.KalshiMarket", r.Output[1].BaseObject.GetType().FullName);
        Assert.Equal(false, r.Output[2].BaseObject);
        Assert.Equal(true, r.Output[3].BaseObject);
        // Closing one leaves the other.
        var closed = host.Run("Disconnect-Kalshi -Session $a; Get-KalshiMarket -Session $b -First 1; $a.IsDisposed");
        Assert.Empty(closed.Errors);
        Assert.Equal(true, closed.Output[1].BaseObject);
    }

    [Fact]
    public void A_custom_base_uri_is_labelled_Custom_and_Custom_needs_a_base_uri()
    {
        using var host = new PowerShellHost();
        var r = host.Run($"$s = {_sandbox.AnonymousConnectLine("-PassThru")}; $s.Environment.ToString(); (Get-KalshiSession).Environment.ToString(); \"$s\"");
        Assert.Empty(r.Errors);
        Assert.Equal("Custom", r.Output[0].BaseObject);
        Assert.Equal("Custom", r.Output[1].BaseObject);
        Assert.StartsWith("Kalshi Custom http://127.0.0.1:", (string)r.Output[2].BaseObject);

        var kalshi = host.Run("(Connect-Kalshi -BaseUri 'https://external-api.demo.kalshi.co/trade-api/v2/' -PassThru).Environment.ToString()");
        Assert.Equal("Demo", kalshi.Output.Single().BaseObject);
        // Custom is a label, not a choice: -Environment takes Production or Demo only.
        var bare = host.Run("try { Connect-Kalshi -Environment Custom -ErrorAction Stop } catch { $_.Exception.Message }");
        Assert.Contains("Production,Demo", (string)bare.Output.Single().BaseObject);
    }

    [Fact]
    public void Series_piped_to_Get_KalshiMarket_and_Get_KalshiEvent_bind_SeriesTicker()
    {
        using var host = Anonymous();
        var series = _sandbox.Server.Exchange.AllSeries.First().Ticker;
        var events = _sandbox.Server.Exchange.AllEvents.Where(e => e.SeriesTicker == series).Select(e => e.EventTicker).ToHashSet();
        var markets = _sandbox.Server.Exchange.Markets.Where(m => events.Contains(m.EventTicker)).Select(m => m.Ticker).OrderBy(t => t).ToList();

        var r = host.Run("Get-KalshiSeries -SeriesTicker $s | Get-KalshiMarket", new Dictionary<string, object?> { ["s"] = series });
        Assert.Empty(r.Errors);
        Assert.Equal(markets, Tickers(r).OrderBy(t => t));

        var ev = host.Run("Get-KalshiSeries -SeriesTicker $s | Get-KalshiEvent", new Dictionary<string, object?> { ["s"] = series });
        Assert.Empty(ev.Errors);
        Assert.Equal(events.OrderBy(e => e), Tickers(ev, "EventTicker").OrderBy(e => e));
        Assert.Null(host.Run("Get-KalshiSeries -SeriesTicker $s", new Dictionary<string, object?> { ["s"] = series }).Output.Single().Properties["Ticker"]);
    }

    [Fact]
    public void Strings_from_the_pipeline_are_tickers_for_every_market_data_cmdlet()
    {
        using var host = Anonymous();
        var a = _sandbox.OpenTicker(0);
        var b = _sandbox.OpenTicker(1);
        var vars = new Dictionary<string, object?> { ["a"] = a, ["b"] = b };
        var markets = host.Run("$a, $b | Get-KalshiMarket", vars);
        Assert.Empty(markets.Errors);
        Assert.Equal(new[] { a, b }.OrderBy(t => t), Tickers(markets).OrderBy(t => t));

        var ev = _sandbox.Server.Exchange.GetMarket(a)!.EventTicker;
        var events = host.Run("$e | Get-KalshiEvent", new Dictionary<string, object?> { ["e"] = ev });
        Assert.Empty(events.Errors);
        Assert.Equal(ev, Tickers(events, "EventTicker").Single());

        // Markets piped on still go by their Ticker (not their EventTicker).
        var again = host.Run("Get-KalshiMarket -Ticker $a | Get-KalshiMarket; Get-KalshiMarket -Ticker $a | Get-KalshiEvent", vars);
        Assert.Empty(again.Errors);
        Assert.Equal(a, again.Output[0].Properties["Ticker"].Value);
        Assert.Equal(ev, again.Output[1].Properties["EventTicker"].Value);
        Assert.Equal(2, again.Output.Count);

        var trades = host.Run("$a | Get-KalshiTrade -First 3", vars);
        Assert.Empty(trades.Errors);
        Assert.All(trades.Output, t => Assert.Equal(a, t.Properties["Ticker"].Value));
    }

    [Fact]
    public void Each_noun_piped_into_another_binds_the_property_that_names_it()
    {
        using var host = Anonymous();
        var a = _sandbox.OpenTicker(4);
        var market = _sandbox.Server.Exchange.GetMarket(a)!;
        var series = _sandbox.Server.Exchange.AllEvents.Single(e => e.EventTicker == market.EventTicker).SeriesTicker;
        var vars = new Dictionary<string, object?> { ["a"] = a };
        PsResult Pipe(string script)
        {
            var r = host.Run(script, vars);
            Assert.True(r.Errors.Count == 0, script + ": " + string.Join("; ", r.Errors));
            Assert.NotEmpty(r.Output);
            return r;
        }
        Assert.Equal(a, Tickers(Pipe("Get-KalshiMarket -Ticker $a | Get-KalshiOrderbook")).Single());
        Assert.All(Tickers(Pipe("Get-KalshiMarket -Ticker $a | Get-KalshiCandlestick -Interval OneHour; [pscustomobject]@{ Ticker = $a }")), t => Assert.Equal(a, t));
        Assert.All(Tickers(Pipe("Get-KalshiMarket -Ticker $a | Get-KalshiTrade -PageSize 10 | Select-Object -First 10; [pscustomobject]@{ Ticker = $a }")), t => Assert.Equal(a, t));
        Assert.Equal(market.EventTicker, Tickers(Pipe("Get-KalshiMarket -Ticker $a | Get-KalshiEvent"), "EventTicker").Single());
        Assert.Equal(series, Tickers(Pipe("Get-KalshiMarket -Ticker $a | Get-KalshiEvent | Get-KalshiSeries"), "SeriesTicker").Single());
        Assert.Contains(a, Tickers(Pipe("Get-KalshiMarket -Ticker $a | Get-KalshiEvent | Get-KalshiMarket")));
        Assert.Contains(a, Tickers(Pipe("Get-KalshiSeries -SeriesTicker (Get-KalshiMarket -Ticker $a | Get-KalshiEvent).SeriesTicker | Get-KalshiMarket")));
    }

    [Fact]
    public void Unknown_tickers_are_per_item_ObjectNotFound_errors_in_trades_and_candlesticks()
    {
        using var host = Anonymous();
        var a = _sandbox.OpenTicker(0);
        var vars = new Dictionary<string, object?> { ["a"] = a };
        var trades = host.Run("'NO-SUCH-MARKET', $a | Get-KalshiTrade -PageSize 5 | Select-Object -First 1", vars);
        var error = Assert.Single(trades.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NO-SUCH-MARKET", error.TargetObject);
        Assert.Contains("Get-KalshiMarket", error.Exception.Message);

        var candles = host.Run("'NO-SUCH-MARKET', $a | Get-KalshiCandlestick -Interval OneHour; 'went on'", vars);
        var candleError = Assert.Single(candles.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, candleError.CategoryInfo.Category);
        Assert.Equal("NO-SUCH-MARKET", candleError.TargetObject);
        Assert.Equal("went on", candles.Output.Last().BaseObject);
        Assert.All(candles.Output.Take(candles.Output.Count - 1), c => Assert.Equal(a, c.Properties["Ticker"].Value));
    }

    [Fact]
    public void Watch_KalshiOrderbook_reports_an_unknown_ticker_at_once_and_watches_the_rest()
    {
        using var host = new PowerShellHost();
        Assert.Empty(host.Run(_sandbox.ConnectLine()).Errors);
        var a = _sandbox.OpenTicker(0);
        var started = DateTime.UtcNow;
        var r = host.Run("Watch-KalshiOrderbook -Ticker 'NO-SUCH-MARKET', $a -First 1 -Duration 20", new Dictionary<string, object?> { ["a"] = a });
        var error = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NO-SUCH-MARKET", error.TargetObject);
        Assert.Equal(a, r.Output.Single().Properties["Ticker"].Value);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the snapshot should end the watch long before -Duration");

        foreach (var watch in new[] { "Watch-KalshiOrderbook", "Watch-KalshiTrade", "Watch-KalshiTicker" })
        {
            var none = host.Run($"{watch} -Ticker 'NO-SUCH-MARKET' -Duration 20");
            Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(none.Errors).CategoryInfo.Category);
            Assert.Empty(none.Output);
        }
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "unknown tickers alone end the watch at once");
    }

    [Fact]
    public void IncludeTotalCount_is_exact_after_every_page_and_unknown_when_First_stopped_early()
    {
        using var host = Anonymous();
        // The count object's text is what pwsh prints for it.
        var all = host.Run("$r = Get-KalshiMarket -IncludeTotalCount -PageSize 50; $r.Count; $r[-1].ToString(); $r[-1].Accuracy");
        Assert.Empty(all.Errors);
        Assert.Equal(_sandbox.Server.Exchange.Markets.Count + 1, all.Output[0].BaseObject);
        Assert.Equal($"Total count: {_sandbox.Server.Exchange.Markets.Count}", all.Output[1].BaseObject);
        Assert.Equal(1.0, all.Output[2].BaseObject);

        var first = host.Run("$r = Get-KalshiMarket -First 1 -IncludeTotalCount; $r.Count; $r[-1].ToString(); $r[-1].Accuracy");
        Assert.Empty(first.Errors);
        Assert.Equal(2, first.Output[0].BaseObject);
        Assert.Equal("Unknown total count", first.Output[1].BaseObject);
        Assert.Equal(0.0, first.Output[2].BaseObject);
    }

    [Fact]
    public void Not_found_errors_name_the_resource_to_check()
    {
        using var host = new PowerShellHost();
        Assert.Empty(host.Run(_sandbox.ConnectLine()).Errors);
        var order = Assert.Single(host.Run("Get-KalshiOrder -OrderId '00000000-0000-4000-8000-00000000dead'").Errors);
        Assert.Contains("Check the order id (Get-KalshiOrder", order.Exception.Message);
        var series = Assert.Single(host.Run("Get-KalshiSeries -SeriesTicker 'NO-SUCH-SERIES'").Errors);
        Assert.Contains("Check the series ticker (Get-KalshiSeries", series.Exception.Message);
        var ev = Assert.Single(host.Run("Get-KalshiEvent -EventTicker 'NO-SUCH-EVENT'").Errors);
        Assert.Contains("Check the event ticker (Get-KalshiEvent", ev.Exception.Message);
        var market = Assert.Single(host.Run("Get-KalshiOrderbook -Ticker 'NO-SUCH-MARKET'").Errors);
        Assert.Contains("Check the market ticker (Get-KalshiMarket", market.Exception.Message);
    }

    [Fact]
    public void A_refused_connection_says_could_not_connect_not_Kalshi_answered_0()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        using var host = new PowerShellHost();
        var r = host.Run($"Connect-Kalshi -BaseUri 'http://127.0.0.1:{port}/trade-api/v2' -MaxRetries 0; try {{ Get-KalshiExchangeStatus -ErrorAction Stop }} catch {{ $_.Exception.Message; $_.CategoryInfo.Category }}");
        var message = (string)r.Output[0].BaseObject;
        Assert.Contains($"Could not connect to 127.0.0.1:{port}: connection refused", message);
        Assert.Contains("Is the server running", message);
        Assert.DoesNotContain("answered 0", message);
        Assert.Equal(ErrorCategory.ConnectionError, r.Output[1].BaseObject);
    }
}
