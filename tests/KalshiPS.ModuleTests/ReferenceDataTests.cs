using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Historical cutoff, user data timestamp, series fee changes and event metadata: each cmdlet end to end against the
/// sandbox, checking the object it writes and the request the sandbox saw.
/// </summary>
public class ReferenceDataTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public ReferenceDataTests(SandboxFixture sandbox) => _sandbox = sandbox;
    private SandboxServer Server => _sandbox.Server;

    private PowerShellHost Anonymous()
    {
        var host = new PowerShellHost();
        host.Run(_sandbox.AnonymousConnectLine());
        return host;
    }

    private int Seen(string path) => Server.RequestLog.Count(r => r.Method == "GET" && r.Path == "/trade-api/v2" + path);

    [Fact]
    public void Historical_cutoff_reports_the_sandbox_cutoffs_as_utc_times()
    {
        var at = new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);
        Server.HistoricalCutoff.MoveTo(at);
        Server.HistoricalCutoff.OrdersUpdated = at.AddDays(5);
        using var host = Anonymous();
        int before = Seen("/historical/cutoff");

        var result = host.Run("Get-KalshiHistoricalCutoff");

        Assert.Empty(result.Errors);
        var cutoff = Assert.Single(result.Output);
        Assert.Equal("KalshiPS.Models.KalshiHistoricalCutoff", cutoff.BaseObject.GetType().FullName);
        Assert.Equal(at.UtcDateTime, (DateTime?)cutoff.Properties["MarketsSettledBefore"].Value);
        Assert.Equal(at.UtcDateTime, (DateTime?)cutoff.Properties["TradesCreatedBefore"].Value);
        Assert.Equal(at.AddDays(5).UtcDateTime, (DateTime?)cutoff.Properties["OrdersUpdatedBefore"].Value);
        Assert.Equal(at.UtcDateTime, (DateTime?)cutoff.Properties["PositionsUpdatedBefore"].Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)cutoff.Properties["MarketsSettledBefore"].Value).Kind);
        Assert.Equal(1, Seen("/historical/cutoff") - before);
    }

    [Fact]
    public void User_data_timestamp_gives_as_of_time_and_its_lag()
    {
        using var host = Anonymous();
        int before = Seen("/exchange/user_data_timestamp");

        var result = host.Run("Get-KalshiUserDataTimestamp");

        Assert.Empty(result.Errors);
        var stamp = Assert.Single(result.Output);
        Assert.Equal("KalshiPS.Models.KalshiUserDataTimestamp", stamp.BaseObject.GetType().FullName);
        var asOf = (DateTime)stamp.Properties["AsOfTime"].Value;
        var retrieved = (DateTime)stamp.Properties["RetrievedTime"].Value;
        Assert.Equal(DateTimeKind.Utc, asOf.Kind);
        Assert.Equal(retrieved - asOf, (TimeSpan?)stamp.Properties["Lag"].Value);
        Assert.InRange(asOf, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1)); // the sandbox's clock is the system clock
        Assert.Equal(1, Seen("/exchange/user_data_timestamp") - before);
    }

    [Fact]
    public void Fee_changes_are_upcoming_series_changes_then_event_overrides_by_default()
    {
        using var host = Anonymous();
        var now = DateTimeOffset.UtcNow;
        int series = Seen("/series/fee_changes"), events = Seen("/events/fee_changes");

        var result = host.Run("Get-KalshiFeeChange");

        Assert.Empty(result.Errors);
        var expected = Server.FeeChanges.Series(null, false, now).Select(c => c.Id).Concat(Server.FeeChanges.Events(null).Select(c => c.Id));
        Assert.Equal(expected, result.Output.Select(o => (string)o.Properties["Id"].Value));
        Assert.Equal(1, Seen("/series/fee_changes") - series);
        Assert.Equal(Math.Max(1, (Server.FeeChanges.Events(null).Count + 99) / 100), Seen("/events/fee_changes") - events); // pages of 100
        Assert.Equal(0, Server.RequestLog.Count(r => r.Path.StartsWith("/trade-api/v2/series/fee_changes/") || r.Path.StartsWith("/trade-api/v2/events/fee_changes/")));
    }

    [Fact]
    public void A_series_ticker_with_history_lists_only_that_series_changes()
    {
        using var host = Anonymous();
        var series = Server.Exchange.AllSeries[0].Ticker;
        int events = Seen("/events/fee_changes");

        var result = host.Run($"Get-KalshiFeeChange -SeriesTicker '{series}' -IncludeHistorical");

        Assert.Empty(result.Errors);
        var truth = Server.FeeChanges.Series(series, true, DateTimeOffset.UtcNow);
        Assert.Equal(2, truth.Count); // one in effect, one to come: the filter and the flag both reached the sandbox
        Assert.Equal(truth.Select(c => c.Id), result.Output.Select(o => (string)o.Properties["Id"].Value));
        var next = result.Output[1];
        Assert.Equal("KalshiPS.Models.KalshiFeeChange", next.BaseObject.GetType().FullName);
        Assert.Equal("Series", next.Properties["Scope"].Value);
        Assert.Equal(series, next.Properties["SeriesTicker"].Value);
        Assert.Equal("QuadraticWithMakerFees", next.Properties["FeeType"].Value);
        Assert.Equal(0.5m, next.Properties["FeeMultiplier"].Value);
        Assert.Equal(truth[1].ScheduledTime.UtcDateTime, (DateTime?)next.Properties["ScheduledTime"].Value);
        Assert.Null(next.Properties["EventTicker"].Value);
        Assert.Equal(0, Seen("/events/fee_changes") - events);
    }

    [Fact]
    public void An_event_ticker_lists_its_override_changes_and_a_clearing_change_has_no_fees()
    {
        using var host = Anonymous();
        var ev = Server.Exchange.AllEvents[0]; // every eighth event has an override and its clearing
        int series = Seen("/series/fee_changes");

        var result = host.Run($"Get-KalshiFeeChange -EventTicker '{ev.EventTicker}'");

        Assert.Empty(result.Errors);
        Assert.Equal(Server.FeeChanges.Events(ev.EventTicker).Select(c => c.Id), result.Output.Select(o => (string)o.Properties["Id"].Value));
        Assert.Equal(2, result.Output.Count);
        var (set, clear) = (result.Output[0], result.Output[1]);
        Assert.Equal("Event", set.Properties["Scope"].Value);
        Assert.Equal(ev.EventTicker, set.Properties["EventTicker"].Value);
        Assert.Equal(ev.SeriesTicker, set.Properties["SeriesTicker"].Value);
        Assert.Equal("Flat", set.Properties["FeeType"].Value);
        Assert.Equal(0.25m, set.Properties["FeeMultiplier"].Value);
        Assert.Null(clear.Properties["FeeType"].Value);
        Assert.Null(clear.Properties["FeeMultiplier"].Value);
        Assert.Equal(0, Seen("/series/fee_changes") - series);
    }

    [Fact]
    public void Event_fee_changes_follow_every_page()
    {
        const string ticker = "KXPAGED-26DEC01";
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        for (int i = 0; i < 150; i++)
            Server.FeeChanges.Add(new EventFeeChange($"paged-{i:D3}", ticker, "KXPAGED", "flat", 0.01m * i, start.AddMinutes(i)));
        using var host = Anonymous();
        int before = Seen("/events/fee_changes");

        var result = host.Run($"Get-KalshiFeeChange -EventTicker {ticker}");

        Assert.Empty(result.Errors);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => $"paged-{i:D3}"), result.Output.Select(o => (string)o.Properties["Id"].Value));
        Assert.Equal(2, Seen("/events/fee_changes") - before); // Kalshi's default page of 100, then the rest
        Assert.Equal(1.49m, result.Output[149].Properties["FeeMultiplier"].Value);
    }

    [Fact]
    public void Fee_changes_bind_tickers_from_piped_series_and_events()
    {
        using var host = Anonymous();
        var series = Server.Exchange.AllSeries[2].Ticker;
        var fromSeries = host.Run($"Get-KalshiSeries -SeriesTicker '{series}' | Get-KalshiFeeChange -IncludeHistorical");
        Assert.Empty(fromSeries.Errors);
        Assert.NotEmpty(fromSeries.Output);
        Assert.All(fromSeries.Output, o => Assert.Equal(series, o.Properties["SeriesTicker"].Value));

        var ev = Server.Exchange.AllEvents[0];
        var fromEvent = host.Run($"Get-KalshiEvent -EventTicker '{ev.EventTicker}' | Get-KalshiFeeChange -IncludeHistorical");
        Assert.Empty(fromEvent.Errors);
        Assert.Equal(Server.FeeChanges.Series(ev.SeriesTicker, true, DateTimeOffset.UtcNow).Select(c => c.Id).Concat(Server.FeeChanges.Events(ev.EventTicker).Select(c => c.Id)),
            fromEvent.Output.Select(o => (string)o.Properties["Id"].Value));
    }

    [Fact]
    public void Event_metadata_lists_each_market_and_a_missing_event_is_ObjectNotFound()
    {
        using var host = Anonymous();
        var ev = Server.Exchange.AllEvents.First(e => e.Markets.Count > 1);
        int before = Seen($"/events/{ev.EventTicker}/metadata");

        var result = host.Run($"Get-KalshiEventMetadata -EventTicker '{ev.EventTicker}','NO-SUCH-EVENT'");

        var meta = Assert.Single(result.Output);
        Assert.Equal("KalshiPS.Models.KalshiEventMetadata", meta.BaseObject.GetType().FullName);
        Assert.Equal(ev.EventTicker, meta.Properties["EventTicker"].Value);
        Assert.Equal($"/images/events/{ev.EventTicker}.png", meta.Properties["ImageUrl"].Value);
        Assert.Equal("KalshiPS Sandbox", meta.Properties["SettlementSources"].Value);
        var markets = ((System.Collections.IEnumerable)meta.Properties["Markets"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal(ev.Markets.Select(m => m.Ticker), markets.Select(m => (string)m.Properties["MarketTicker"].Value));
        Assert.All(markets, m => Assert.Matches("^#[0-9A-F]{6}$", (string)m.Properties["ColorCode"].Value));
        Assert.Equal(1, Seen($"/events/{ev.EventTicker}/metadata") - before);
        Assert.Equal(1, Seen("/events/NO-SUCH-EVENT/metadata"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NO-SUCH-EVENT", error.TargetObject);
    }

    [Fact]
    public void Event_metadata_binds_event_tickers_from_piped_events()
    {
        using var host = Anonymous();
        var series = Server.Exchange.AllEvents[0].SeriesTicker;
        var result = host.Run($"Get-KalshiEvent -SeriesTicker '{series}' -First 2 | Get-KalshiEventMetadata");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
    }

    private PowerShellHost Connected()
    {
        var host = new PowerShellHost();
        host.Run(_sandbox.ConnectLine());
        return host;
    }

    [Fact]
    public void Forecast_history_is_one_row_per_period_and_percentile_with_the_series_looked_up()
    {
        using var host = Connected();
        var ev = Server.Exchange.AllEvents[1];
        var end = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var path = $"/series/{ev.SeriesTicker}/events/{ev.EventTicker}/forecast_percentile_history";
        int before = Seen(path), lookups = Seen($"/events/{ev.EventTicker}");

        var result = host.Run($"Get-KalshiForecastHistory -EventTicker '{ev.EventTicker}' -Percentile 1000, 9000 -Interval OneHour " +
            "-Start ([datetime]::new(2026, 11, 30, 9, 0, 0, [DateTimeKind]::Utc)) -End ([datetime]::new(2026, 11, 30, 12, 0, 0, [DateTimeKind]::Utc))");

        Assert.Empty(result.Errors);
        Assert.Equal(1, Seen(path) - before); // the series was resolved from the event, then the history asked for once
        Assert.Equal(1, Seen($"/events/{ev.EventTicker}") - lookups);
        var hours = new[] { 10, 11, 12 }.Select(h => new DateTimeOffset(2026, 11, 30, h, 0, 0, TimeSpan.Zero)).ToList();
        Assert.Equal(hours.SelectMany(h => new[] { (h.UtcDateTime, 1000), (h.UtcDateTime, 9000) }),
            result.Output.Select(o => ((DateTime)o.Properties["EndTime"].Value, (int)o.Properties["Percentile"].Value)));
        var last = result.Output[^1];
        Assert.Equal("KalshiPS.Models.KalshiForecastPoint", last.BaseObject.GetType().FullName);
        var (raw, value, formatted) = ForecastEndpoints.Forecast(ev.EventTicker, end.ToUnixTimeSeconds(), 9000);
        Assert.Equal(ev.EventTicker, last.Properties["EventTicker"].Value);
        Assert.Equal(60, last.Properties["PeriodMinutes"].Value);
        Assert.Equal(value, last.Properties["Forecast"].Value);
        Assert.Equal(raw, last.Properties["RawForecast"].Value);
        Assert.Equal(formatted, last.Properties["FormattedForecast"].Value);
    }

    [Fact]
    public void Forecast_history_takes_the_series_from_a_piped_event_and_refuses_bad_percentiles_before_sending()
    {
        using var host = Connected();
        var ev = Server.Exchange.AllEvents[2];
        int lookups = Seen($"/events/{ev.EventTicker}");
        var piped = host.Run($"Get-KalshiEvent -EventTicker '{ev.EventTicker}' | Get-KalshiForecastHistory -Percentile 5000 -Interval OneDay -Start ([datetime]::UtcNow.AddDays(-3))");
        Assert.Empty(piped.Errors);
        Assert.InRange(piped.Output.Count, 2, 3);
        Assert.Equal(1, Seen($"/events/{ev.EventTicker}") - lookups); // Get-KalshiEvent's own read; no lookup for the series

        int sent = Server.RequestLog.Count;
        var refused = host.Run($"Get-KalshiForecastHistory -EventTicker '{ev.EventTicker}' -SeriesTicker '{ev.SeriesTicker}' -Percentile 10000");
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Equal(sent, Server.RequestLog.Count);
    }

    [Fact]
    public void Forecast_history_reports_an_unknown_event_as_its_own_error_and_goes_on_with_piped_strings()
    {
        using var host = Connected();
        var ev = Server.Exchange.AllEvents[1];
        var result = host.Run($"'NO-SUCH-EVENT', '{ev.EventTicker}' | Get-KalshiForecastHistory -Percentile 5000 -Interval OneDay -Start ([datetime]::UtcNow.AddDays(-3))");
        var error = Assert.Single(result.Errors);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NO-SUCH-EVENT", error.TargetObject);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(ev.EventTicker, o.Properties["EventTicker"].Value));
    }
}
