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
    public void Fee_changes_are_the_upcoming_ones_by_default_and_history_on_request()
    {
        using var host = Anonymous();
        var series = Server.Exchange.AllSeries[0].Ticker;
        var now = DateTimeOffset.UtcNow;
        int before = Seen("/series/fee_changes");

        var upcoming = host.Run("Get-KalshiFeeChange");
        var history = host.Run($"Get-KalshiFeeChange -SeriesTicker '{series}' -IncludeHistorical");

        Assert.Empty(upcoming.Errors);
        Assert.Empty(history.Errors);
        Assert.Equal(Server.FeeChanges.Series(null, false, now).Select(c => c.Id), upcoming.Output.Select(o => (string)o.Properties["Id"].Value));
        var truth = Server.FeeChanges.Series(series, true, now);
        Assert.Equal(2, truth.Count); // one in effect, one to come: the filter and the flag both reached the sandbox
        Assert.Equal(truth.Select(c => c.Id), history.Output.Select(o => (string)o.Properties["Id"].Value));
        var next = history.Output[1];
        Assert.Equal("KalshiPS.Models.KalshiFeeChange", next.BaseObject.GetType().FullName);
        Assert.Equal(series, next.Properties["SeriesTicker"].Value);
        Assert.Equal("quadratic_with_maker_fees", next.Properties["FeeType"].Value);
        Assert.Equal(0.5m, next.Properties["FeeMultiplier"].Value);
        Assert.Equal(truth[1].ScheduledTime.UtcDateTime, (DateTime?)next.Properties["ScheduledTime"].Value);
        Assert.Null(next.Properties["EventTicker"].Value);
        Assert.Equal(2, Seen("/series/fee_changes") - before);
        Assert.Equal(0, Server.RequestLog.Count(r => r.Path == "/trade-api/v2/series/fee_changes/")); // never taken as a series ticker
    }

    [Fact]
    public void Fee_changes_bind_the_series_ticker_from_piped_series()
    {
        using var host = Anonymous();
        var series = Server.Exchange.AllSeries[2].Ticker;
        var result = host.Run($"Get-KalshiSeries -SeriesTicker '{series}' | Get-KalshiFeeChange -IncludeHistorical");
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(series, o.Properties["SeriesTicker"].Value));
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
}
