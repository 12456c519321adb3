using KalshiPS.Api;

namespace KalshiPS.UnitTests;

/// <summary>The session's memory of markets (order validation, completion) and the grids markets share.</summary>
public class MarketCatalogTests
{
    private static List<PriceRange> Cent() => new() { new PriceRange(0m, 1m, 0.01m) };
    private static List<PriceRange> Tapered() => new() { new PriceRange(0m, 0.1m, 0.001m), new PriceRange(0.1m, 0.9m, 0.01m), new PriceRange(0.9m, 1m, 0.001m) };
    private static List<PriceRange> Odd() => new() { new PriceRange(0.02m, 0.98m, 0.02m) };

    [Fact]
    public void A_listing_that_mixes_grids_reuses_each_grid_and_its_text()
    {
        var odd = PriceGrid.Of(Odd(), null);
        var seen = Enumerable.Range(0, 30).Select(i => PriceGrid.Of(i % 3 == 0 ? Odd() : i % 3 == 1 ? Tapered() : Cent(), null)).ToList();
        Assert.All(seen.Where((_, i) => i % 3 == 0), g => Assert.Same(odd, g));
        Assert.Single(seen.Where((_, i) => i % 3 == 1).Distinct());
        Assert.Single(seen.Where((_, i) => i % 3 == 2).Distinct());
        Assert.Same(odd.ToString(), PriceGrid.Of(Odd(), null).ToString());
        Assert.True(odd.Accepts(0.04m));
        Assert.False(odd.Accepts(0.03m));
    }

    [Fact]
    public void Names_are_remembered_in_order_and_the_oldest_go_past_capacity()
    {
        var catalog = new MarketCatalog();
        for (var i = 0; i < 5010; i++) catalog.Remember(new MarketRules("M" + i, "E" + (i % 3), "active", PriceGrid.Cent, false));
        var tickers = catalog.MarketTickers.ToList();
        Assert.Equal(5000, tickers.Count);
        Assert.Equal("M10", tickers.First());
        Assert.Equal("M5009", tickers.Last());
        Assert.Equal(new[] { "E0", "E1", "E2" }, catalog.EventTickers);
        catalog.Remember(new MarketRules("m5009", "E0", "active", PriceGrid.Cent, false)); // known, in any case
        Assert.Equal(5000, catalog.MarketTickers.Count());
        Assert.True(catalog.TryGet("M5009", out var rules));
        Assert.Equal("active", rules.Status);
    }

    [Fact]
    public void A_forgotten_order_group_leaves_completion_and_may_come_back()
    {
        var catalog = new MarketCatalog();
        catalog.RememberOrderGroup("g1");
        catalog.RememberOrderGroup("g2");
        catalog.ForgetOrderGroup("g1");
        Assert.Equal(new[] { "g2" }, catalog.OrderGroupIds);
        catalog.RememberOrderGroup("g1");
        Assert.Equal(new[] { "g1", "g2" }, catalog.OrderGroupIds.OrderBy(x => x));
    }
}
