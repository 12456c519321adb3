using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>Get-KalshiAccountLimit, Get-KalshiApiUsage and Request-KalshiApiUpgrade end to end against the sandbox.</summary>
public sealed class AccountTests : ConnectedSandboxTest
{
    public AccountTests(ITestOutputHelper log) : base(log) { }

    private int Seen(string method, string path) => _s.RequestCount(method, path);

    private void PlaceAndFill()
    {
        var m = _s.Exchange.Markets.First(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled);
        _s.Exchange.CancelAll(Exchange.HouseUserId, m.Ticker);
        _s.Exchange.PlaceOrder("counterparty", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Ask, Price = 0.50m, Count = 7 });
        Ps.Assert(_host.Run($"New-KalshiOrder -Ticker {m.Ticker} -Side Yes -Action Buy -Count 7 -Price 0.50"));
    }

    [Fact]
    public void Account_limit_gives_tier_buckets_and_costs_from_both_endpoints()
    {
        int limits = Seen("GET", "/account/limits"), costs = Seen("GET", "/account/endpoint_costs");

        var l = _host.Run("Get-KalshiAccountLimit").One();

        Assert.Equal("KalshiPS.Models.KalshiAccountLimit", l.TypeName());
        Assert.Equal("Basic", l.S("UsageTier"));
        Assert.Equal(200m, l.D("ReadRate"));
        Assert.Equal(200m, l.D("ReadCapacity"));
        Assert.Equal(100m, l.D("WriteRate"));
        Assert.Equal(200m, l.D("WriteCapacity"));
        Assert.Equal(10L, (long?)l.Properties["DefaultCost"].Value);
        var upgrade = _host.Run("(Get-KalshiAccountLimit).EndpointCosts | Where-Object Path -eq '/account/api_usage_level/upgrade'").One();
        Assert.Equal(30L, (long?)upgrade.Properties["Cost"].Value);
        Assert.Equal(2, Seen("GET", "/account/limits") - limits);
        Assert.Equal(2, Seen("GET", "/account/endpoint_costs") - costs);
    }

    [Fact]
    public void Api_usage_reports_the_trailing_volume_and_the_goals()
    {
        PlaceAndFill();
        int before = Seen("GET", "/account/api_usage_level/volume_progress");

        var u = _host.Run("Get-KalshiApiUsage").One();

        Assert.Equal("KalshiPS.Models.KalshiApiUsage", u.TypeName());
        Assert.Equal(_s.ApiUsage.TrailingVolume(_s.UserId, _s.Exchange.Clock.GetUtcNow()), u.D("TrailingVolume"));
        Assert.Equal(7m, u.D("TrailingVolume"));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)u.Properties["ComputedTime"].Value!).Kind);
        var levels = _host.Run("(Get-KalshiApiUsage).Goals | ForEach-Object Level").Output.Select(o => o.ToString());
        Assert.Equal(ApiUsage.Goals.Select(g => char.ToUpperInvariant(g.Level[0]) + g.Level[1..]), levels);
        Assert.Null(u.Properties["EarnedLevel"].Value);
        Assert.Equal(2, Seen("GET", "/account/api_usage_level/volume_progress") - before); // one per call
    }

    [Fact]
    public void Upgrade_WhatIf_sends_nothing()
    {
        PlaceAndFill();
        var r = _host.Run("Request-KalshiApiUpgrade -WhatIf");
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Equal(0, Seen("POST", "/account/api_usage_level/upgrade"));
        Assert.Equal("basic", _s.ApiUsage.Tier(_s.UserId));
    }

    [Fact]
    public void Upgrade_without_an_api_order_is_refused_with_kalshis_reason()
    {
        var r = _host.Run("Request-KalshiApiUpgrade -Confirm:$false");
        var e = Assert.Single(r.Errors);
        Assert.Contains("upgrade_not_eligible", e.ErrorDetails?.RecommendedAction + e.Exception.Message);
        Assert.Empty(r.Output);
        Assert.Equal("basic", _s.ApiUsage.Tier(_s.UserId));
    }

    [Fact]
    public void Upgrade_after_an_api_order_grants_advanced_and_writes_the_new_limits()
    {
        PlaceAndFill();

        var l = _host.Run("Request-KalshiApiUpgrade -Confirm:$false").One();

        Assert.Equal(1, Seen("POST", "/account/api_usage_level/upgrade"));
        Assert.Equal("advanced", _s.ApiUsage.Tier(_s.UserId));
        Assert.Equal("Advanced", l.S("UsageTier"));
        Assert.Equal(300m, l.D("ReadRate"));
        var grant = _host.Run("(Get-KalshiAccountLimit).Grants").One();
        Assert.Equal("Advanced", grant.S("Level"));
        Assert.Equal("EventContract", grant.S("ExchangeInstance"));
        Assert.Null(grant.Properties["ExpiresTime"].Value);
        Assert.Empty(_host.Run("Request-KalshiApiUpgrade -Confirm:$false").Errors); // asking again changes nothing
    }
}
