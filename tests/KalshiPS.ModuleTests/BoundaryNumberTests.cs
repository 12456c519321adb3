using System.Management.Automation;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Issue 9: prices and counts from text are strict and invariant, doubles mean what they say, and a session-level fat-finger guard.</summary>
public class BoundaryNumberTests
{
    private static string Connect(TradingSandbox s, string extra) =>
        $"Connect-Kalshi -BaseUri '{s.Server.RestUri}' -ApiKeyId '{s.Server.ApiKeyId}' -PrivateKeyPath '{s.Server.PrivateKeyPath}' -SkipValidation {extra}";

    [Theory]
    [InlineData("-Count '2,5' -Price 0.10", "'2,5'", "2.5")]
    [InlineData("-Count 1 -Price '0,05'", "'0,05'", "0.05")]
    [InlineData("-Count '1,000' -Price 0.10", "'1,000'", "1000")]
    [InlineData("-Count 1 -Price '$0.40'", "'$0.40'", "0.40")]
    [InlineData("-Count '1e2' -Price 0.10", "'1e2'", "100")]
    [InlineData("-Count ' ' -Price 0.10", "' '", "0.45")]
    [InlineData("-Count 1 -Price '0.4 5'", "'0.4 5'", "digits")]
    public async Task Numbers_in_text_are_strict_and_the_message_shows_the_text_and_the_fix(string args, string shown, string fix)
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var t = s.Market();
        s.Server.ResetRequestLog();
        var r = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy {args}");
        var e = Assert.Single(r.Errors);
        Assert.Contains(shown, e.Exception.Message);
        Assert.Contains(fix, e.Exception.Message);
        Assert.Empty(s.Server.RequestLog);
        Assert.Empty(s.MyOrders);
    }

    [Fact]
    public async Task A_semicolon_csv_from_a_european_spreadsheet_places_only_the_rows_that_are_unambiguous()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var t = s.Market();
        var csv = Path.Combine(Path.GetTempPath(), $"kalships-eu-{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, $"Ticker;Side;Action;Count;Price\n{t};Yes;Buy;2,5;0.10\n{t};Yes;Buy;1;0,05\n{t};Yes;Buy;3;0.11\n");
        try
        {
            var r = s.Run($"Import-Csv -Delimiter ';' '{csv}' | New-KalshiOrder");
            Assert.Equal(2, r.Errors.Count);
            Assert.Contains("'2,5'", r.Errors[0].ToString());
            Assert.Contains("'0,05'", r.Errors[1].ToString());
            var placed = Assert.Single(s.MyOrders);
            Assert.Equal(3m, placed.InitialCount);
            Assert.Equal(0.11m, placed.YesPrice);
        }
        finally { File.Delete(csv); }
    }

    [Fact]
    public async Task A_price_computed_as_a_double_is_taken_at_the_grid_price_it_means()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var t = s.Market();
        var res = s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price (0.30 + 0.03)").One();
        Assert.Equal(0.33m, res.D("Price"));
        Assert.Equal(0.33m, Assert.Single(s.MyOrders).YesPrice);
    }

    [Fact]
    public async Task A_price_off_the_grid_is_shown_exactly_as_received()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var t = s.Market();
        var e = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.3300004").Errors);
        Assert.Contains("Price 0.3300004 is not on the price grid", e.Exception.Message);
        Assert.Contains("0.33 or 0.34", e.Exception.Message);
        Assert.Empty(s.MyOrders);
    }

    [Theory]
    [InlineData("1e9")]
    [InlineData("[math]::Pow(2, 31)")]
    [InlineData("2147483648")]
    [InlineData("[decimal]::MaxValue")]
    [InlineData("'79228162514264337593543950335'")]
    [InlineData("10001")]
    public async Task Huge_counts_are_refused_before_anything_is_sent(string count)
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var t = s.Market();
        s.Server.ResetRequestLog();
        var e = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count ({count}) -Price 0.01").Errors);
        Assert.Equal(ErrorCategory.LimitsExceeded, e.CategoryInfo.Category);
        Assert.Equal("KalshiOrderLimitExceeded,KalshiPS.Cmdlets.NewKalshiOrderCommand", e.FullyQualifiedErrorId);
        Assert.Contains("-MaxOrderCount", e.Exception.Message);
        Assert.Empty(s.Server.RequestLog);
    }

    [Fact]
    public async Task The_session_limits_hold_for_single_orders_batch_items_and_amends()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var t = s.Market();
        Ps.Assert(s.Run(Connect(s, "-MaxOrderCount 5 -MaxOrderCost 2")));
        var session = s.Run("Get-KalshiSession").One();
        Assert.Equal(5m, session.D("MaxOrderCount"));
        Assert.Equal(2m, session.D("MaxOrderCost"));

        var tooMany = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 6 -Price 0.10").Errors);
        Assert.Contains("limit of 5 contracts", tooMany.Exception.Message);
        var tooDear = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 5 -Price 0.50").Errors); // $2.50
        Assert.Contains("$2.50", tooDear.Exception.Message);
        Assert.Contains("-MaxOrderCost 3", tooDear.Exception.Message);
        var sell = Assert.Single(s.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Sell -Count 5 -Price 0.50").Errors); // collateral 5 x 0.50
        Assert.Contains("-MaxOrderCost", sell.Exception.Message);
        Assert.Empty(s.MyOrders);

        var batch = s.Run($@"
            [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price='0.10' }},
            [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='50'; Price='0.11' }},
            [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='2'; Price='0.12' }} | New-KalshiOrder");
        Assert.Equal(2, batch.Output.Count);
        Assert.Contains("Count 50", Assert.Single(batch.Errors).Exception.Message);
        Assert.Equal(2, s.MyOrders.Count);

        var id = batch.Output[0].S("OrderId");
        var writes = s.Writes;
        var amend = Assert.Single(s.Run($"Set-KalshiOrder -OrderId {id} -Count 6").Errors);
        Assert.Equal(ErrorCategory.LimitsExceeded, amend.CategoryInfo.Category);
        Assert.Equal(writes, s.Writes);
        Ps.Assert(s.Run($"Set-KalshiOrder -OrderId {id} -Count 4"));
    }

    [Fact]
    public async Task The_default_limits_are_documented_values()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var session = s.Run("Get-KalshiSession").One();
        Assert.Equal(10000m, session.D("MaxOrderCount"));
        Assert.Equal(10000m, session.D("MaxOrderCost"));
        var e = Assert.IsType<ErrorRecord>(Assert.Single(s.Run("try { " + Connect(s, "-MaxOrderCount 0") + " } catch { $_ }").Output).BaseObject);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
    }
}
