using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Multivariate collections, milestones, structured targets, live data, incentive programs and search, end to end
/// through the engine against one sandbox: the objects the cmdlets write and the requests the sandbox saw.
/// </summary>
public class DataServicesTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public DataServicesTests(SandboxFixture sandbox) => _sandbox = sandbox;
    private SandboxServer Server => _sandbox.Server;
    private Exchange Ex => Server.Exchange;

    private PowerShellHost Anonymous()
    {
        var host = new PowerShellHost();
        host.Run(_sandbox.AnonymousConnectLine());
        return host;
    }

    private PowerShellHost Connected()
    {
        var host = new PowerShellHost();
        Ps.Assert(host.Run(_sandbox.ConnectLine()));
        return host;
    }

    private int Seen(string method, string path) => Server.RequestLog.Count(r => r.Method == method && r.Path == "/trade-api/v2" + path);

    [Fact]
    public void Collections_list_by_status_and_get_by_ticker()
    {
        using var host = Anonymous();
        int list = Seen("GET", "/multivariate_event_collections");
        var open = host.Run("Get-KalshiMultivariateCollection -Status Open");
        var c = open.One();
        Assert.Equal("KalshiPS.Models.KalshiMultivariateCollection", c.TypeName());
        Assert.Equal("KXMVESANDBOX-COMBO", c.S("CollectionTicker"));
        var events = ((IEnumerable<string>)c.Properties["AssociatedEventTickers"].Value).ToArray();
        Assert.Equal(Ex.GetCollection("KXMVESANDBOX-COMBO")!.Events.Select(e => e.EventTicker), events);
        Assert.Equal(2, ((System.Collections.ICollection)c.Properties["AssociatedEvents"].Value).Count);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)c.Properties["OpenTime"].Value).Kind);
        Assert.Equal(1, Seen("GET", "/multivariate_event_collections") - list);

        Assert.Equal(Ex.Collections.Count, host.Run("Get-KalshiMultivariateCollection").Output.Count);
        Assert.Equal("unopened", Ex.GetCollection(host.Run("Get-KalshiMultivariateCollection -Status Unopened").One().S("CollectionTicker")!)!.Status(DateTimeOffset.UtcNow));

        int one = Seen("GET", "/multivariate_event_collections/KXMVESANDBOX-COMBO");
        var got = host.Run("'kxmvesandbox-combo', 'KXNOPE-X' | Get-KalshiMultivariateCollection");
        Assert.Equal("KXMVESANDBOX-COMBO", Assert.Single(got.Output).S("CollectionTicker"));
        Assert.Contains(got.Errors, e => e.TargetObject as string == "KXNOPE-X");
        Assert.Equal(1, Seen("GET", "/multivariate_event_collections/KXMVESANDBOX-COMBO") - one);
    }

    [Fact]
    public void A_selection_makes_a_real_market_and_the_same_selection_names_it_again()
    {
        using var host = Connected();
        var c = Ex.GetCollection("KXMVESANDBOX-COMBO")!;
        var legs = c.Events.Select(e => Ex.GetEvent(e.EventTicker)!.Markets.First(m => m.Status == "active")).ToList();
        int posts = Seen("POST", "/multivariate_event_collections/KXMVESANDBOX-COMBO");

        var made = host.Run($"Get-KalshiMarket -Ticker {legs[0].Ticker}, {legs[1].Ticker} | New-KalshiMultivariateMarket -CollectionTicker KXMVESANDBOX-COMBO -Side Yes, No -IncludeMarket").One();
        Assert.Equal("KalshiPS.Models.KalshiMultivariateMarket", made.TypeName());
        var ticker = made.S("Ticker")!;
        var market = Ex.GetMarket(ticker);
        Assert.NotNull(market);                                           // listed in the catalog
        Assert.Equal(market!.EventTicker, made.S("EventTicker"));
        Assert.Equal(ticker, ((PSObject)PSObject.AsPSObject(made.Properties["Market"].Value)).S("Ticker"));
        Assert.Equal(1, Seen("POST", "/multivariate_event_collections/KXMVESANDBOX-COMBO") - posts);

        // Unordered: the same selection in the other order (events looked up by Kalshi this time) is the same market.
        var again = host.Run($"New-KalshiMultivariateMarket -CollectionTicker KXMVESANDBOX-COMBO -Ticker {legs[1].Ticker}, {legs[0].Ticker} -Side No, Yes").One();
        Assert.Equal(ticker, again.S("Ticker"));
        Assert.Null(again.Properties["Market"].Value);
        Assert.Equal(ticker, host.Run($"Get-KalshiMarket -Ticker {ticker}").One().S("Ticker"));

        // -WhatIf and a bad ticker send nothing.
        int before = Seen("POST", "/multivariate_event_collections/KXMVESANDBOX-COMBO");
        Ps.Assert(host.Run($"New-KalshiMultivariateMarket -CollectionTicker KXMVESANDBOX-COMBO -Ticker {legs[0].Ticker}, {legs[1].Ticker} -WhatIf"));
        var bad = host.Run($"New-KalshiMultivariateMarket -CollectionTicker KXMVESANDBOX-COMBO -Ticker {legs[0].Ticker}, 'BAD TICKER'");
        Assert.Single(bad.Errors);
        Assert.Equal(before, Seen("POST", "/multivariate_event_collections/KXMVESANDBOX-COMBO"));

        // The exchange's refusal (one market is too few) is an error, not an outcome unknown.
        var refused = host.Run($"New-KalshiMultivariateMarket -CollectionTicker KXMVESANDBOX-COMBO -Ticker {legs[0].Ticker}");
        Assert.Contains("2-2 markets", Assert.Single(refused.Errors).Exception.Message);
    }

    [Fact]
    public void Milestones_list_filter_and_get_with_decimal_details()
    {
        using var host = Anonymous();
        var all = host.Run("Get-KalshiMilestone");
        Ps.Assert(all);
        Assert.Equal(Ex.Data.Milestones.Select(m => m.Id), all.Output.Select(o => o.S("Id")));
        var sports = host.Run("Get-KalshiMilestone -Category Sports").Output;
        Assert.Equal(Ex.Data.Milestones.Count(m => m.Category == "Sports"), sports.Count);
        Assert.All(sports, o => Assert.Equal("Sports", o.S("Category")));

        var first = Ex.Data.Milestones[0];
        int before = Seen("GET", "/milestones/" + first.Id);
        var m = host.Run($"Get-KalshiMilestone -MilestoneId {first.Id}").One();
        Assert.Equal(first.EventTicker, ((IEnumerable<string>)m.Properties["RelatedEventTickers"].Value).Single());
        var details = (System.Collections.IDictionary)m.Properties["Details"].Value;
        Assert.Equal(-3.5m, details["spread"]);                           // numbers are decimal, never double
        Assert.Contains("\"venue\":\"Sandbox Arena\"", m.S("DetailsJson"));
        Assert.Equal(1, Seen("GET", "/milestones/" + first.Id) - before);

        // A piped event narrows to its milestones.
        var related = host.Run($"Get-KalshiEvent -EventTicker {first.EventTicker} | Get-KalshiMilestone").One();
        Assert.Equal(first.Id, related.S("Id"));
        Assert.Single(host.Run("Get-KalshiMilestone -MilestoneId 'no/such'").Errors); // refused before sending
    }

    [Fact]
    public void Structured_targets_list_filter_and_get()
    {
        using var host = Anonymous();
        Assert.Equal(Ex.Data.Targets.Count, host.Run("Get-KalshiStructuredTarget").Output.Count);
        Assert.Equal(2, host.Run("Get-KalshiStructuredTarget -Type basketball_team").Output.Count);
        var id = Ex.Data.Targets[2].Id;
        int before = Seen("GET", "/structured_targets/" + id);
        var t = host.Run($"Get-KalshiStructuredTarget -StructuredTargetId {id}").One();
        Assert.Equal("Miami", t.S("Name"));
        Assert.Equal(3m, ((System.Collections.IDictionary)t.Properties["Details"].Value)["rank"]);
        Assert.Equal(1, Seen("GET", "/structured_targets/" + id) - before);
    }

    [Fact]
    public void Live_data_of_milestones_games_events_and_weather()
    {
        using var host = Anonymous();
        var ms = Ex.Data.Milestones;
        int single = Seen("GET", "/live_data/milestone/" + ms[0].Id), batch = Seen("GET", "/live_data/batch");

        var one = host.Run($"Get-KalshiLiveData -MilestoneId {ms[0].Id}").One();
        Assert.Equal("KalshiPS.Models.KalshiLiveData", one.TypeName());
        Assert.Equal(ms[0].Id, one.S("MilestoneId"));
        Assert.Equal((decimal)ms[0].HomeScore, ((System.Collections.IDictionary)one.Properties["Details"].Value)["home_score"]);
        Assert.Equal(1, Seen("GET", "/live_data/milestone/" + ms[0].Id) - single);

        var many = host.Run("Get-KalshiMilestone | Get-KalshiLiveData");
        Ps.Assert(many);
        Assert.Equal(ms.Select(m => m.Id).OrderBy(x => x), many.Output.Select(o => o.S("MilestoneId")).OrderBy(x => x));
        Assert.Equal(1, Seen("GET", "/live_data/batch") - batch);         // one batch request, not one per milestone

        var typed = Seen("GET", $"/live_data/{ms[0].Type}/milestone/{ms[0].Id}");
        Assert.Equal(ms[0].Id, host.Run($"Get-KalshiLiveData -MilestoneId {ms[0].Id} -Type {ms[0].Type}").One().S("MilestoneId"));
        Assert.Equal(1, Seen("GET", $"/live_data/{ms[0].Type}/milestone/{ms[0].Id}") - typed);

        var periods = host.Run($"Get-KalshiLiveData -MilestoneId {ms[0].Id} -GameStats");
        Ps.Assert(periods);
        Assert.Equal(new[] { 1, 2 }, periods.Output.Select(o => (int)o.Properties["Period"].Value));
        Assert.Equal(2, ((System.Collections.ICollection)periods.Output[0].Properties["Events"].Value).Count);

        var ev = host.Run($"Get-KalshiLiveData -EventTicker {ms[0].EventTicker} -Range 1h").One();
        Assert.Equal(ms[0].EventTicker, ev.S("EventTicker"));
        Assert.Equal("1h", ev.S("DefaultRange"));

        var weather = host.Run("Get-KalshiLiveData -City miami -Start ([datetime]::UtcNow.AddHours(-3)) -Detailed");
        Ps.Assert(weather);
        Assert.Equal(Ex.Data.Weather.Count, weather.Output.Count);
        Assert.Equal(Ex.Data.Weather[0].V, weather.Output[0].D("Value"));
        Assert.Equal("KMIA1M", ((PSObject)PSObject.AsPSObject(((System.Collections.IList)weather.Output[0].Properties["Stations"].Value)[0])).S("StationId"));
        Assert.Single(host.Run("Get-KalshiLiveData -City miami -Last 60 -Start ([datetime]::UtcNow)").Errors); // refused before sending

        var cal = host.Run("Get-KalshiLiveData -City miami -Calibration");
        Ps.Assert(cal);
        Assert.Equal(2, cal.Output.Count);
        Assert.Equal(0.0125m, cal.Output[0].D("CityReferenceCelsius"));
    }

    [Fact]
    public void Incentive_programs_in_dollars_and_search_tags_and_filters()
    {
        using var host = Anonymous();
        var all = host.Run("Get-KalshiIncentiveProgram");
        Ps.Assert(all);
        Assert.Equal(Ex.Data.Incentives.Count, all.Output.Count);
        Assert.Equal(125m, all.Output[0].D("PeriodReward"));               // 1,250,000 centi-cents
        Assert.Single(host.Run("Get-KalshiIncentiveProgram -Status PaidOut").Output);
        Assert.Equal("volume", host.Run("Get-KalshiIncentiveProgram -Type Volume").One().S("Type"));

        int tagReads = Seen("GET", "/search/tags_by_categories");
        var tags = host.Run("Get-KalshiSearchTag -Category Crypto*");
        Ps.Assert(tags);
        Assert.Equal(new[] { "KXBTCD", "KXETHD" }, tags.Output.Select(t => t.S("Tag")));
        Assert.All(tags.Output, t => Assert.Equal("Crypto", t.S("Category")));
        Assert.Equal(1, Seen("GET", "/search/tags_by_categories") - tagReads);

        var sports = host.Run("Get-KalshiSearchFilter");
        Ps.Assert(sports);
        Assert.Equal(new[] { "Football", "Basketball" }, sports.Output.Select(s => s.S("Sport")));
        var nba = (System.Collections.IDictionary)sports.Output[1].Properties["CompetitionScopes"].Value;
        Assert.Equal(new[] { "Game", "Futures" }, (IEnumerable<string>)nba["NBA"]!);
    }
}
