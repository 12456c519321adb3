using System.Globalization;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>Runs a block under another current culture and restores it.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture, _ui;
    public CultureScope(string name)
    {
        _culture = CultureInfo.CurrentCulture; _ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
    }
    public void Dispose() { CultureInfo.CurrentCulture = _culture; CultureInfo.CurrentUICulture = _ui; }
}

public class FixedPointTests
{
    [Theory]
    [InlineData("0.5600", "0.56")]
    [InlineData("10.00", "10")]
    [InlineData("0.001", "0.001")]
    [InlineData("1.0000", "1")]
    [InlineData("0.123456", "0.123456")]
    [InlineData("-3.25", "-3.25")]
    public void Parses_fixed_point_strings(string wire, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), FixedPoint.Parse(wire));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("0,56")]      // a comma is never a Kalshi decimal separator; must not become 56
    [InlineData("1,000.00")]
    public void Rejects_text_that_is_not_a_fixed_point_number(string? wire)
    {
        Assert.False(FixedPoint.TryParse(wire!, out _));
        Assert.Throws<FormatException>(() => FixedPoint.Parse(wire!));
    }

    [Fact]
    public void Formats_prices_with_four_decimals_and_counts_with_two()
    {
        Assert.Equal("0.5600", FixedPoint.Price(0.56m));
        Assert.Equal("0.0010", FixedPoint.Price(0.001m));
        Assert.Equal("10.00", FixedPoint.Count(10m));
        Assert.Equal("0.25", FixedPoint.Count(0.25m));
    }

    [Fact]
    public void Never_rounds_a_price_or_count_on_the_way_to_the_wire()
    {
        Assert.Equal("0.0450", FixedPoint.Price(0.045m));
        Assert.Equal("0.9550", FixedPoint.Price(1m - 0.045m));
        Assert.Equal("0.4500", FixedPoint.Price(0.450000m));
        Assert.Equal("0.12345", FixedPoint.Price(0.12345m)); // finer grids (up to 6 decimals) pass through exactly
        Assert.Throws<ArgumentException>(() => FixedPoint.Price(0.1234567m));
        Assert.Throws<ArgumentException>(() => FixedPoint.Count(1.005m));
        Assert.Throws<ArgumentException>(() => FixedPoint.Count(0.001m));
        Assert.Equal("1.50", FixedPoint.Count(1.5m));
    }

    [Fact]
    public void Is_culture_invariant_under_german_culture()
    {
        using var _ = new CultureScope("de-DE");
        Assert.Equal(0.56m, FixedPoint.Parse("0.5600"));
        Assert.Equal(10m, FixedPoint.Parse("10.00"));
        Assert.Equal("0.5600", FixedPoint.Price(0.56m));
        Assert.Equal("1234.50", FixedPoint.Count(1234.5m));
        using var doc = JsonDocument.Parse("{\"p\":\"0.4200\",\"t\":\"2026-05-01T12:00:00Z\"}");
        Assert.Equal(0.42m, doc.RootElement.Dec("p"));
        Assert.Equal(new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc), doc.RootElement.Time("t"));
    }
}

public class JsonFieldsTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Missing_null_and_wrong_typed_fields_read_as_null()
    {
        var o = J("{\"n\":null,\"arr\":[1],\"obj\":{},\"s\":\"x\",\"b\":true}");
        Assert.Null(o.Str("missing"));
        Assert.Null(o.Str("n"));
        Assert.Null(o.Str("arr"));
        Assert.Null(o.Dec("s"));
        Assert.Null(o.Dec("obj"));
        Assert.Null(o.Long("s"));
        Assert.Null(o.Bool("s"));
        Assert.Null(o.Time("b"));
        Assert.Null(o.Time("s"));
        Assert.Null(o.Obj("arr"));
        Assert.Null(o.Arr("obj"));
        Assert.Null(J("[1,2]").Str("x"));       // not an object at all
        Assert.Null(default(JsonElement).Dec("x"));
    }

    [Fact]
    public void Numbers_and_strings_are_interchangeable()
    {
        var o = J("{\"ds\":\"0.5600\",\"dn\":0.56,\"ls\":\"42\",\"ln\":42,\"bs\":\"true\",\"bn\":false,\"sn\":12.50}");
        Assert.Equal(0.56m, o.Dec("ds"));
        Assert.Equal(0.56m, o.Dec("dn"));
        Assert.Equal(42L, o.Long("ls"));
        Assert.Equal(42L, o.Long("ln"));
        Assert.True(o.Bool("bs"));
        Assert.False(o.Bool("bn"));
        Assert.Equal("12.50", o.Str("sn"));
        Assert.Equal("true", J("{\"x\":true}").Str("x"));
    }

    [Fact]
    public void Times_read_as_utc_from_rfc3339_and_unix_seconds()
    {
        var expected = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var secs = new DateTimeOffset(expected).ToUnixTimeSeconds();
        var o = J($"{{\"z\":\"2026-05-01T12:00:00Z\",\"off\":\"2026-05-01T08:00:00-04:00\",\"frac\":\"2026-05-01T12:00:00.000123Z\",\"n\":{secs},\"s\":\"{secs}\",\"ms\":{secs * 1000},\"empty\":\"\"}}");
        foreach (var name in new[] { "z", "off", "n", "s", "ms" })
        {
            var t = o.Time(name);
            Assert.Equal(expected, t);
            Assert.Equal(DateTimeKind.Utc, t!.Value.Kind);
        }
        Assert.Equal(expected.AddTicks(1230), o.Time("frac"));
        Assert.Null(o.Time("empty"));
        Assert.Equal(expected, o.TimeMs("ms"));
        Assert.Equal(DateTimeKind.Utc, o.TimeMs("ms")!.Value.Kind);
    }

    [Fact]
    public void First_present_alias_wins()
    {
        var o = J("{\"new\":\"\",\"old\":\"legacy\",\"a\":null,\"b\":\"0.10\"}");
        Assert.Equal("legacy", o.StrAny("new", "old"));
        Assert.Equal(0.10m, o.DecAny("a", "b"));
        Assert.Null(o.StrAny("x", "y"));
    }
}

public class MarketDataWireTests
{
    // A current-shape (post 2026-03-12) Market: dollars/fp strings only, no integer cents.
    private const string CurrentMarket = """
    {
      "ticker": "KXHIGHNY-26MAY01-B45",
      "event_ticker": "KXHIGHNY-26MAY01",
      "market_type": "binary",
      "title": "Highest temperature in NYC",
      "yes_sub_title": "44° to 45°",
      "no_sub_title": "44° to 45°",
      "status": "active",
      "created_time": "2026-04-28T14:00:00Z",
      "open_time": "2026-04-29T14:00:00Z",
      "close_time": "2026-05-02T03:59:00Z",
      "expected_expiration_time": "2026-05-02T14:00:00Z",
      "latest_expiration_time": "2026-05-09T14:00:00Z",
      "updated_time": "2026-05-01T11:59:58.123Z",
      "yes_bid_dollars": "0.4200",
      "yes_ask_dollars": "0.4400",
      "no_bid_dollars": "0.5600",
      "no_ask_dollars": "0.5800",
      "last_price_dollars": "0.4300",
      "previous_price_dollars": "0.3900",
      "previous_yes_bid_dollars": "0.3800",
      "notional_value_dollars": "1.0000",
      "settlement_value_dollars": null,
      "yes_bid_size_fp": "150.00",
      "yes_ask_size_fp": "12.50",
      "volume_fp": "10234.00",
      "volume_24h_fp": "512.00",
      "open_interest_fp": "2048.75",
      "result": "",
      "can_close_early": true,
      "price_level_structure": "tapered_deci_cent",
      "price_ranges": [
        {"start": "0.0000", "end": "0.1000", "step": "0.0010"},
        {"start": "0.1000", "end": "0.9000", "step": "0.0100"},
        {"start": "0.9000", "end": "1.0000", "step": "0.0010"}
      ],
      "fractional_trading_enabled": true,
      "strike_type": "between",
      "floor_strike": 44,
      "cap_strike": 45,
      "rules_primary": "If the highest temperature ...",
      "some_future_field": {"nested": [1, 2, 3]}
    }
    """;

    [Fact]
    public void Market_reads_current_dollar_and_fp_fields()
    {
        var m = MarketDataWire.Market(JsonDocument.Parse(CurrentMarket).RootElement);
        Assert.Equal("KXHIGHNY-26MAY01-B45", m.Ticker);
        Assert.Equal("KXHIGHNY-26MAY01", m.EventTicker);
        Assert.Equal("44° to 45°", m.YesSubtitle);
        Assert.Equal("Active", m.Status); // one vocabulary: enum-style names in outputs
        Assert.Equal(0.42m, m.YesBid);
        Assert.Equal(0.44m, m.YesAsk);
        Assert.Equal(0.56m, m.NoBid);
        Assert.Equal(0.58m, m.NoAsk);
        Assert.Equal(0.43m, m.LastPrice);
        Assert.Equal(0.39m, m.PreviousPrice);
        Assert.Equal(150m, m.YesBidSize);
        Assert.Equal(12.5m, m.YesAskSize);
        Assert.Equal(10234m, m.Volume);
        Assert.Equal(512m, m.Volume24h);
        Assert.Equal(2048.75m, m.OpenInterest);
        Assert.Equal(1m, m.NotionalValue);
        Assert.Null(m.SettlementValue);
        Assert.Null(m.Result); // "" means not settled
        Assert.Equal(new DateTime(2026, 5, 2, 3, 59, 0, DateTimeKind.Utc), m.CloseTime);
        Assert.Equal(DateTimeKind.Utc, m.CloseTime!.Value.Kind);
        Assert.True(m.CanCloseEarly);
        Assert.True(m.FractionalTrading);
        Assert.Equal("TaperedDeciCent", m.PriceLevelStructure);
        Assert.Equal("0.00-0.10:0.001;0.10-0.90:0.01;0.90-1.00:0.001", m.PriceRanges);
        Assert.Equal(44m, m.FloorStrike);
        Assert.Equal(45m, m.CapStrike);
    }

    [Fact]
    public void Market_ignores_legacy_integer_cent_fields()
    {
        var legacyOnly = """{"ticker":"OLD","yes_bid":42,"yes_ask":44,"no_bid":56,"last_price":43,"volume":1000,"open_interest":7,"liquidity":12345}""";
        var m = MarketDataWire.Market(JsonDocument.Parse(legacyOnly).RootElement);
        Assert.Equal("OLD", m.Ticker);
        Assert.Null(m.YesBid);
        Assert.Null(m.YesAsk);
        Assert.Null(m.NoBid);
        Assert.Null(m.LastPrice);
        Assert.Null(m.Volume);
        Assert.Null(m.OpenInterest);

        // Both present: the dollars field wins, never the integer cents.
        var both = MarketDataWire.Market(JsonDocument.Parse("""{"yes_bid":42,"yes_bid_dollars":"0.4200"}""").RootElement);
        Assert.Equal(0.42m, both.YesBid);
    }

    [Fact]
    public void Book_levels_come_out_best_first_from_ascending_wire_arrays()
    {
        var book = JsonDocument.Parse("""
            {"yes_dollars":[["0.3800","5.00"],["0.4000","10.00"],["0.4200","13.00"]],
             "no_dollars":[["0.5400","1.00"],["0.5500","2.00"],["0.5600","3.50"]]}
            """).RootElement;
        var (yes, no) = MarketDataWire.BookSides(book);
        Assert.Equal(new[] { 0.42m, 0.40m, 0.38m }, yes.Select(l => l.Price));
        Assert.Equal(new[] { 13m, 10m, 5m }, yes.Select(l => l.Size));
        Assert.Equal(new[] { 0.56m, 0.55m, 0.54m }, no.Select(l => l.Price));
        Assert.Equal(3.5m, no[0].Size);
    }

    [Fact]
    public void Book_levels_tolerate_missing_sides_bad_levels_and_ws_spelling()
    {
        var book = JsonDocument.Parse("""
            {"yes_dollars_fp":[["0.4200","1.00"],["bad","1.00"],["0.4100"],["0.4000","0.00"],"x",[0.39, 2]],
             "no_dollars":null}
            """).RootElement;
        var (yes, no) = MarketDataWire.BookSides(book);
        Assert.Equal(new[] { 0.42m, 0.39m }, yes.Select(l => l.Price));
        Assert.Empty(no);
    }

    [Fact]
    public void Orderbook_derives_asks_and_spread_from_bids()
    {
        var yes = new[] { new KalshiPriceLevel(0.42m, 13m), new KalshiPriceLevel(0.40m, 10m) };
        var no = new[] { new KalshiPriceLevel(0.56m, 7m), new KalshiPriceLevel(0.55m, 2m) };
        var b = KalshiOrderbook.FromBids("T", yes, no, 0);
        Assert.Equal(0.42m, b.BestYesBid);
        Assert.Equal(13m, b.BestYesBidSize);
        Assert.Equal(0.44m, b.BestYesAsk);
        Assert.Equal(7m, b.BestYesAskSize);
        Assert.Equal(0.56m, b.BestNoBid);
        Assert.Equal(0.58m, b.BestNoAsk);
        Assert.Equal(0.02m, b.Spread);
        Assert.Equal(new[] { 0.44m, 0.45m }, b.YesAsks.Select(l => l.Price)); // asks best (lowest) first
        Assert.Equal(new[] { 0.58m, 0.60m }, b.NoAsks.Select(l => l.Price));
    }

    [Fact]
    public void Orderbook_depth_and_one_sided_books()
    {
        var yes = new[] { new KalshiPriceLevel(0.42m, 1m), new KalshiPriceLevel(0.40m, 1m) };
        var top = KalshiOrderbook.FromBids("T", yes, new KalshiPriceLevel[0], 1);
        Assert.Single(top.YesBids);
        Assert.Equal(0.42m, top.BestYesBid);
        Assert.Null(top.BestYesAsk);
        Assert.Null(top.Spread);
        Assert.Equal(0.58m, top.BestNoAsk);
        Assert.Empty(top.YesAsks);
    }
}

public class PriceGridTests
{
    private static PriceGrid Grid(string json) => PriceGrid.From(JsonDocument.Parse(json).RootElement);

    private const string LinearCent = """{"price_level_structure":"linear_cent","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0100"}]}""";
    private const string DeciCent = """{"price_level_structure":"deci_cent","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0010"}]}""";
    private const string Tapered = """
        {"price_level_structure":"tapered_deci_cent","price_ranges":[
          {"start":"0.0000","end":"0.1000","step":"0.0010"},
          {"start":"0.1000","end":"0.9000","step":"0.0100"},
          {"start":"0.9000","end":"1.0000","step":"0.0010"}]}
        """;

    [Theory]
    [InlineData(LinearCent, "0.01", true)]
    [InlineData(LinearCent, "0.56", true)]
    [InlineData(LinearCent, "0.5600", true)]
    [InlineData(LinearCent, "0.99", true)]
    [InlineData(LinearCent, "0.555", false)]
    [InlineData(LinearCent, "0.001", false)]
    [InlineData(DeciCent, "0.555", true)]
    [InlineData(DeciCent, "0.001", true)]
    [InlineData(DeciCent, "0.999", true)]
    [InlineData(DeciCent, "0.5555", false)]
    [InlineData(Tapered, "0.005", true)]
    [InlineData(Tapered, "0.099", true)]
    [InlineData(Tapered, "0.10", true)]
    [InlineData(Tapered, "0.105", false)]
    [InlineData(Tapered, "0.56", true)]
    [InlineData(Tapered, "0.565", false)]
    [InlineData(Tapered, "0.90", true)]
    [InlineData(Tapered, "0.905", true)]
    [InlineData(Tapered, "0.999", true)]
    public void Accepts_only_prices_on_the_grid(string market, string price, bool accepted)
    {
        Assert.Equal(accepted, Grid(market).Accepts(decimal.Parse(price, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(LinearCent)]
    [InlineData(DeciCent)]
    [InlineData(Tapered)]
    public void Zero_one_and_outside_are_never_accepted(string market)
    {
        var g = Grid(market);
        Assert.False(g.Accepts(0m));
        Assert.False(g.Accepts(1m));
        Assert.False(g.Accepts(-0.01m));
        Assert.False(g.Accepts(1.01m));
    }

    [Fact]
    public void Without_ranges_known_structures_still_give_their_grid()
    {
        Assert.True(Grid("""{"price_level_structure":"deci_cent"}""").Accepts(0.555m));
        var tapered = Grid("""{"price_level_structure":"tapered_deci_cent","price_ranges":[]}""");
        Assert.True(tapered.Accepts(0.055m));
        Assert.False(tapered.Accepts(0.555m));
        var plain = Grid("{}");
        Assert.True(plain.Accepts(0.56m));
        Assert.False(plain.Accepts(0.555m));
    }

    [Fact]
    public void Neighbours_name_the_closest_valid_prices()
    {
        var g = Grid(Tapered);
        Assert.Equal((0.10m, 0.11m), g.Neighbours(0.105m));
        Assert.Equal((0.56m, 0.57m), g.Neighbours(0.565m));
        Assert.Equal(((decimal?)null, 0.01m), Grid(LinearCent).Neighbours(0.005m));
    }

    [Fact]
    public void Ranges_with_bad_or_zero_steps_are_skipped()
    {
        var g = Grid("""{"price_ranges":[{"start":"0","end":"1","step":"0"},{"start":"x","end":"1","step":"0.01"},{"start":"0","end":"1","step":"0.001"}]}""");
        Assert.Single(g.Ranges);
        Assert.True(g.Accepts(0.555m));
    }
}

public class UnixSecondsTests
{
    [Fact]
    public void Utc_and_offset_times_convert_exactly()
    {
        var utc = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(utc).ToUnixTimeSeconds(), JsonFields.ToUnixSeconds(utc));
        Assert.Equal(new DateTimeOffset(utc).ToUnixTimeSeconds(), JsonFields.ToUnixSeconds(utc.ToLocalTime()));
    }
}
