using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Candles of several markets through the batch endpoint, event candlesticks and multivariate events, end to end
/// against the sandbox: the objects written and the requests the sandbox saw.
/// </summary>
public class MarketDataBatchTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public MarketDataBatchTests(SandboxFixture sandbox) => _sandbox = sandbox;
    private SandboxServer Server => _sandbox.Server;

    private PowerShellHost Anonymous()
    {
        var host = new PowerShellHost();
        host.Run(_sandbox.AnonymousConnectLine());
        return host;
    }

    private int Seen(string prefix) => Server.RequestLog.Count(r => r.Method == "GET" && r.Path.StartsWith("/trade-api/v2" + prefix, StringComparison.Ordinal));

    /// <summary>Markets with trades in the last day (the sandbox's candles come from its tape).</summary>
    private List<string> TradedTickers(int n) => Server.Exchange.Markets
        .Where(m => Server.Exchange.GetTrades(m.Ticker).Any(t => t.CreatedTime > DateTimeOffset.UtcNow.AddHours(-20))).Take(n).Select(m => m.Ticker).ToList();

    [Fact]
    public void Several_tickers_are_one_batch_request_and_come_out_market_by_market()
    {
        var tickers = TradedTickers(3);
        using var host = Anonymous();
        int batch = Seen("/markets/candlesticks"), single = Seen("/series/"), markets = Seen("/markets/");

        var result = host.Run("$t | Get-KalshiCandlestick -Interval OneHour", new Dictionary<string, object?> { ["t"] = tickers.ToArray() });

        Assert.Empty(result.Errors);
        Assert.Equal(1, Seen("/markets/candlesticks") - batch);           // one request for all three
        Assert.Equal(0, Seen("/series/") - single);                        // no series needed
        Assert.Equal(1, Seen("/markets/") - markets);                      // and no market lookups (the batch is the one /markets/ GET)
        var order = result.Output.Select(c => (string)c.Properties["Ticker"].Value).Distinct().ToList();
        Assert.Equal(tickers, order);
        Assert.All(result.Output, c =>
        {
            Assert.Equal("KalshiPS.Models.KalshiCandlestick", c.BaseObject.GetType().FullName);
            Assert.IsType<decimal>(c.Properties["Close"].Value);
            Assert.Equal(60, c.Properties["PeriodMinutes"].Value);
        });
        // The same candles as one market at a time.
        foreach (var t in tickers)
        {
            var one = host.Run($"Get-KalshiCandlestick -Ticker {t} -Interval OneHour");
            Assert.Equal(one.Output.Select(c => ((DateTime?)c.Properties["EndTime"].Value, (decimal?)c.Properties["Close"].Value)),
                result.Output.Where(c => (string)c.Properties["Ticker"].Value == t).Select(c => ((DateTime?)c.Properties["EndTime"].Value, (decimal?)c.Properties["Close"].Value)));
        }
    }

    [Fact]
    public void An_unknown_market_in_a_batch_is_an_error_for_that_ticker_only()
    {
        var tickers = TradedTickers(2);
        using var host = Anonymous();
        var result = host.Run("Get-KalshiCandlestick -Ticker $a, 'NO-SUCH-MARKET', $b; 'went on'",
            new Dictionary<string, object?> { ["a"] = tickers[0], ["b"] = tickers[1] });
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NO-SUCH-MARKET", error.TargetObject);
        Assert.Equal("went on", result.Output.Last().BaseObject);
        Assert.Equal(tickers, result.Output.SkipLast(1).Select(c => (string)c.Properties["Ticker"].Value).Distinct());
    }

    [Fact]
    public void A_long_window_of_minute_candles_is_split_into_requests_within_the_candle_limit()
    {
        // 3 days of 1-minute candles is 4,321 per market: two markets a request, so five markets take three requests.
        var tickers = Server.Exchange.Markets.Take(5).Select(m => m.Ticker).ToArray();
        using var host = Anonymous();
        int before = Seen("/markets/candlesticks");
        var result = host.Run("Get-KalshiCandlestick -Ticker $t -Interval OneMinute -Start ([datetime]::UtcNow.AddDays(-3))",
            new Dictionary<string, object?> { ["t"] = tickers });
        Assert.Empty(result.Errors);
        Assert.Equal(3, Seen("/markets/candlesticks") - before);
    }

    [Fact]
    public void Event_candlesticks_name_each_market_and_the_event()
    {
        var ev = Server.Exchange.AllEvents.First(e => e.Markets.Count > 1 && e.Markets.Any(m => Server.Exchange.GetTrades(m.Ticker).Any(t => t.CreatedTime > DateTimeOffset.UtcNow.AddHours(-20))));
        using var host = Anonymous();
        int before = Seen($"/series/{ev.SeriesTicker}/events/{ev.EventTicker}/candlesticks");

        var result = host.Run($"Get-KalshiCandlestick -EventTicker {ev.EventTicker} -SeriesTicker {ev.SeriesTicker}");

        Assert.Empty(result.Errors);
        Assert.Equal(1, Seen($"/series/{ev.SeriesTicker}/events/{ev.EventTicker}/candlesticks") - before);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, c =>
        {
            Assert.Equal(ev.EventTicker, c.Properties["EventTicker"].Value);
            Assert.Contains((string)c.Properties["Ticker"].Value, ev.Markets.Select(m => m.Ticker));
        });
        var times = result.Output.Select(c => (DateTime)c.Properties["EndTime"].Value!).ToList();
        Assert.Equal(times.OrderBy(t => t), times);

        // Without -SeriesTicker the series comes from the event; an unknown event is ObjectNotFound.
        Assert.Equal(result.Output.Count, host.Run($"Get-KalshiCandlestick -EventTicker {ev.EventTicker}").Output.Count);
        var missing = host.Run("Get-KalshiCandlestick -EventTicker KXNOPE-26JAN01");
        Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(missing.Errors).CategoryInfo.Category);
    }

    [Fact]
    public void Multivariate_events_are_listed_with_their_markets_and_filtered_by_collection()
    {
        using var host = Anonymous();
        int before = Seen("/events/multivariate");
        var result = host.Run($"Get-KalshiEvent -Multivariate -IncludeMarkets -CollectionTicker {Exchange.ComboCollection}");
        Assert.Empty(result.Errors);
        Assert.Equal(1, Seen("/events/multivariate") - before);
        Assert.Contains(Server.RequestLog, r => r.Path == "/trade-api/v2/events/multivariate");
        var expected = Server.Exchange.MultivariateEvents.Select(e => e.EventTicker).ToList();
        Assert.Equal(expected, result.Output.Select(e => (string)e.Properties["EventTicker"].Value));
        Assert.All(result.Output, e =>
        {
            Assert.Equal("KalshiPS.Models.KalshiEvent", e.BaseObject.GetType().FullName);
            Assert.Equal(1, e.Properties["MarketCount"].Value);
        });
        // The ordinary listing leaves them out.
        var plain = host.Run("Get-KalshiEvent").Output.Select(e => (string)e.Properties["EventTicker"].Value).ToHashSet();
        Assert.DoesNotContain(expected, plain.Contains);

        var both = host.Run($"Get-KalshiEvent -Multivariate -SeriesTicker {Exchange.ComboSeries} -CollectionTicker {Exchange.ComboCollection}");
        Assert.Equal("KalshiInvalidArgument,KalshiPS.Cmdlets.GetKalshiEventCommand", Assert.Single(both.Errors).FullyQualifiedErrorId);
        var bad = host.Run("Get-KalshiEvent -Multivariate -CollectionTicker 'a/b'");
        Assert.Single(bad.Errors);
        Assert.Contains("collection ticker", bad.Errors[0].Exception.Message);
    }

    [Fact]
    public void The_specs_newer_market_event_and_series_fields_are_read()
    {
        var settled = Server.Exchange.Markets.First(m => m.Status == "finalized" && m.FloorStrike != null);
        var ev = Server.Exchange.AllEvents[2];
        Server.Exchange.SetEventFeeOverride(ev.EventTicker, "quadratic_with_maker_fees", 0.5m);
        using var host = Anonymous();
        var market = host.Run($"Get-KalshiMarket -Ticker {settled.Ticker}").Output.Single();
        Assert.Equal(settled.FloorStrike!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), market.Properties["ExpirationValue"].Value);
        var e = host.Run($"Get-KalshiEvent -EventTicker {ev.EventTicker}").Output.Single();
        Assert.Equal("QuadraticWithMakerFees", e.Properties["FeeTypeOverride"].Value);
        Assert.Equal(0.5m, e.Properties["FeeMultiplierOverride"].Value);
        Assert.Equal("KalshiPS Sandbox", e.Properties["SettlementSources"].Value);
        var series = host.Run($"Get-KalshiSeries -SeriesTicker {ev.SeriesTicker}").Output.Single();
        Assert.Equal(Server.Exchange.GetSeries(ev.SeriesTicker)!.Category, series.Properties["Categories"].Value);
        Assert.Equal($"https://kalshi.com/sandbox/terms/{ev.SeriesTicker}", series.Properties["ContractTermsUrl"].Value);
        Assert.Equal("", series.Properties["AdditionalProhibitions"].Value);
        Server.Exchange.SetEventFeeOverride(ev.EventTicker, null, null);
    }
}
