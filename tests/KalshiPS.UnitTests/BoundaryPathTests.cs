using KalshiPS.Api;
using KalshiPS.Http;

namespace KalshiPS.UnitTests;

/// <summary>Issue 9: typed segments, the canonical-path guard and Invoke-KalshiRequest's path normalisation.</summary>
public class SegmentTests
{
    [Theory]
    [InlineData("MarketTicker", "KXHIGHNY-26NOV24-B45", "KXHIGHNY-26NOV24-B45")]
    [InlineData("MarketTicker", " kxhighny-26nov24-b42.5\t", "KXHIGHNY-26NOV24-B42.5")]
    [InlineData("EventTicker", "KX_A.B-1", "KX_A.B-1")]
    [InlineData("OrderId", "0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("ClientOrderId", "my-id_1.a:b", "my-id_1.a:b")]
    public void Valid_values_are_canonicalised(string kindName, string raw, string expected)
    {
        var kind = Enum.Parse<SegmentKind>(kindName);
        var s = Segment.Parse(kind, raw, "X");
        Assert.Equal(expected, s.Value);
        if (kind != SegmentKind.ClientOrderId) Assert.Equal(expected, s.Encoded); // nothing in a valid ticker or id needs escaping
    }

    [Theory]
    [InlineData("OrderId", ".")]
    [InlineData("OrderId", "..")]
    [InlineData("OrderId", "")]
    [InlineData("OrderId", "0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("OrderId", "{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    [InlineData("MarketTicker", ".")]
    [InlineData("MarketTicker", "..")]
    [InlineData("MarketTicker", "A B")]
    [InlineData("MarketTicker", "A?B")]
    [InlineData("MarketTicker", "A%2FB")]
    [InlineData("MarketTicker", "KXÉ")]
    [InlineData("MarketTicker", "A\n")]
    [InlineData("MarketTicker", "A,B")]
    [InlineData("SeriesTicker", "-A")]
    [InlineData("ClientOrderId", "a b")]
    public void Invalid_values_are_refused_with_the_text_escaped_and_the_parameter_named(string kindName, string raw)
    {
        var kind = Enum.Parse<SegmentKind>(kindName);
        var e = Assert.Throws<InvalidSegmentException>(() => Segment.Parse(kind, raw, "OrderId"));
        Assert.Equal("OrderId", e.ParamName);
        Assert.Equal(raw, e.Received);
        Assert.StartsWith("-OrderId '", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("Nothing was sent", e.Message);
    }

    [Fact]
    public void Long_values_are_cut_in_the_message()
    {
        var e = Assert.Throws<InvalidSegmentException>(() => Segment.Parse(SegmentKind.MarketTicker, new string('A', 5000), "Ticker"));
        Assert.Contains("(5000 characters)", e.Message);
        Assert.True(e.Message.Length < 600);
    }

    [Fact]
    public void ApiPath_fills_the_template_with_encoded_segments()
    {
        Assert.Equal("/series/KX/markets/KX-1/candlesticks",
            ApiPath.Of("/series/{0}/markets/{1}/candlesticks", Segment.Parse(SegmentKind.SeriesTicker, "kx", "S"), Segment.Parse(SegmentKind.MarketTicker, "kx-1", "T")));
        Assert.Throws<InvalidSegmentException>(() => ApiPath.Of("/portfolio/orders/{0}", SegmentKind.OrderId, ".", "OrderId"));
    }
}

public class CanonicalPathTests
{
    [Theory]
    [InlineData("/portfolio/events/orders/")]
    [InlineData("/portfolio/events/orders/.")]
    [InlineData("/portfolio/events/..")]
    [InlineData("/markets/%2e%2e")]
    [InlineData("/markets/%2E")]
    [InlineData("/markets/a%2Fb")]
    [InlineData("/markets/a%5cb")]
    [InlineData("/markets/a b")]
    [InlineData("/markets/a?b")]
    [InlineData("/markets/%41")]
    [InlineData("/markets/a\\b")]
    [InlineData("/")]
    public void Requests_with_non_canonical_paths_cannot_be_made(string path)
    {
        Assert.Throws<ArgumentException>(() => new KalshiRequest("GET", path));
    }

    [Fact]
    public void The_signed_path_is_the_path_sent()
    {
        var r = new KalshiRequest("DELETE", "/portfolio/events/orders").With("ticker", "A");
        var uri = r.BuildUri(new Uri("https://api.example/trade-api/v2"));
        Assert.Equal("/trade-api/v2/portfolio/events/orders", uri.AbsolutePath);
        Assert.Equal("?ticker=A", uri.Query);
        Assert.Equal("/trade-api/v2/markets/%C3%A9", new KalshiRequest("GET", "/markets/%C3%A9").BuildUri(new Uri("https://api.example/trade-api/v2/")).AbsolutePath);
    }
}

public class RawRequestPathTests
{
    private const string Base = "/trade-api/v2";

    [Fact]
    public void The_query_is_split_off_and_decoded()
    {
        var p = RawRequestPath.Parse("/portfolio/events/orders?ticker=A&x=%41%20b&tickers=B&tickers=C&flag", Base);
        Assert.Equal("/portfolio/events/orders", p.Path);
        Assert.Equal(new[] { "ticker=A", "x=A b", "tickers=B", "tickers=C", "flag=" }, p.Query.Select(kv => kv.Key + "=" + kv.Value).ToArray());
    }

    [Theory]
    [InlineData("portfolio/balance", "/portfolio/balance", false)]
    [InlineData("  /portfolio/balance ", "/portfolio/balance", false)]
    [InlineData("/trade-api/v2/portfolio/balance", "/portfolio/balance", true)]
    [InlineData("/markets/KX%2DA", "/markets/KX-A", false)]
    [InlineData("/markets/a b", "/markets/a%20b", false)]
    [InlineData("/markets/é", "/markets/%C3%A9", false)]
    [InlineData("/markets/a:b", "/markets/a%3Ab", false)]
    public void Paths_are_normalised(string text, string expected, bool stripped)
    {
        var p = RawRequestPath.Parse(text, Base);
        Assert.Equal(expected, p.Path);
        Assert.Equal(stripped, p.StrippedBase);
        _ = new KalshiRequest("GET", p.Path); // and the result passes the last guard
    }

    [Theory]
    [InlineData("/../../sandbox/faults", "dot segment")]
    [InlineData("/%2e%2e/%2e%2e/sandbox/faults", "dot segment")]
    [InlineData("/markets/.%2E", "dot segment")]
    [InlineData("/trade-api/v2/../x", "dot segment")]
    [InlineData("http://evil/x", "absolute URL")]
    [InlineData("//evil/x", "protocol-relative")]
    [InlineData("/a\\b", "backslash")]
    [InlineData("/portfolio/events/orders/", "ends with '/'")]
    [InlineData("/a//b", "empty segment")]
    [InlineData("/a/%2F", "encoded separator")]
    [InlineData("/a/%5c", "encoded separator")]
    [InlineData("/a/%0A", "control character")]
    [InlineData("/a\n", "control character")]
    [InlineData("/a#b", "fragment")]
    [InlineData("/a/%zz", "two hex digits")]
    [InlineData("/a/%C3", "not UTF-8")]
    [InlineData("/a?=x", "no name")]
    [InlineData(" ", "empty")]
    public void Paths_that_could_leave_the_base_are_refused(string text, string why)
    {
        var e = Assert.Throws<ArgumentException>(() => RawRequestPath.Parse(text, Base));
        Assert.Contains(why, e.Message);
        Assert.Contains("Nothing was sent", e.Message);
    }
}

public class UserNumberTests
{
    [Theory]
    [InlineData("0.45", "0.45")]
    [InlineData(" 10 ", "10")]
    [InlineData(".5", "0.5")]
    [InlineData("2.50", "2.50")]
    [InlineData("-1", "-1")]
    public void Plain_numbers_are_read_in_the_invariant_culture(string text, string expected)
    {
        using (new CultureScope("de-DE"))
            Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UserNumber.Parse(text));
    }

    [Theory]
    [InlineData("2,5", "use a dot as decimal separator: 2.5")]
    [InlineData("0,05", "use a dot as decimal separator: 0.05")]
    [InlineData("1,000", "without separators: 1000")]
    [InlineData("1.000,50", "use a dot as decimal separator")]
    [InlineData("$0.40", "without a currency sign: 0.40")]
    [InlineData("1e2", "without an exponent: 100")]
    [InlineData(" ", "empty")]
    [InlineData("45c", "0.45")]
    [InlineData("+3", "without the '+': 3")]
    [InlineData("0x10", "digits and at most one dot")]
    [InlineData("1.2.3", "digits and at most one dot")]
    [InlineData("١٢", "digits and at most one dot")]
    [InlineData("99999999999999999999999999999999", "too large")]
    public void Ambiguous_or_foreign_text_is_refused_with_the_text_and_the_fix(string text, string fix)
    {
        using (new CultureScope("fr-FR"))
        {
            var e = Assert.Throws<FormatException>(() => UserNumber.Parse(text));
            Assert.StartsWith("'" + text.Replace("'", "''") + "'", e.Message.Replace("\\u0661\\u0662", "١٢"));
            Assert.Contains(fix, e.Message);
        }
    }

    [Fact]
    public void Doubles_snap_to_the_millionth_they_mean_only_within_1e_9()
    {
        Assert.Equal(0.33m, UserNumber.FromDouble(0.30 + 0.03));
        Assert.Equal(0.3m, UserNumber.FromDouble(0.1 + 0.2));
        Assert.Equal(0.3300004m, UserNumber.FromDouble(0.3300004));
        Assert.Equal(0.33000001m, UserNumber.FromDouble(0.33000001)); // 1e-8 off a millionth: kept exactly as given
        Assert.Equal(0.33m, UserNumber.FromDouble(0.33 + 1e-10));
        Assert.Equal(1000000000m, UserNumber.FromDouble(1e9));
        Assert.Equal(2147483648m, UserNumber.FromDouble(Math.Pow(2, 31)));
        Assert.Throws<FormatException>(() => UserNumber.FromDouble(double.NaN));
        Assert.Throws<FormatException>(() => UserNumber.FromDouble(1e300));
    }

    [Fact]
    public void Messages_show_values_exactly()
    {
        Assert.Equal("0.32999999999999996", UserNumber.Exact(0.32999999999999996m));
        Assert.Equal("0.33", UserNumber.Exact(0.33m));
        Assert.Equal("3.00", OrderValidation.Num(3m));
    }

    [Fact]
    public void The_fat_finger_guard_counts_contracts_and_dollars()
    {
        var limits = new OrderLimits(100m, 50m);
        OrderValidation.CheckLimits(KalshiPS.Models.KalshiAction.Buy, 0.50m, 100m, limits);
        var count = Assert.Throws<KalshiPS.Cmdlets.OrderLimitException>(() => OrderValidation.CheckLimits(KalshiPS.Models.KalshiAction.Buy, 0.01m, 101m, limits));
        Assert.Contains("-MaxOrderCount 101", count.Message);
        var cost = Assert.Throws<KalshiPS.Cmdlets.OrderLimitException>(() => OrderValidation.CheckLimits(KalshiPS.Models.KalshiAction.Sell, 0.40m, 90m, limits)); // 90 x 0.60
        Assert.Contains("$54.00", cost.Message);
        Assert.Contains("-MaxOrderCost 54", cost.Message);
        Assert.Throws<KalshiPS.Cmdlets.OrderLimitException>(() => OrderValidation.CheckLimits(KalshiPS.Models.KalshiAction.Buy, 0.01m, decimal.MaxValue, limits));
    }
}

public class HeaderValueTests
{
    [Fact]
    public void Surrounding_whitespace_is_trimmed_with_a_note()
    {
        var notes = new List<string>();
        Assert.Equal("key-1", KalshiPS.Session.HeaderValues.Clean(" key-1\r\n", "-ApiKeyId", "shape", notes));
        Assert.Contains("-ApiKeyId ' key-1\\u000D\\u000A' had surrounding whitespace", Assert.Single(notes));
        Assert.Equal("key-2", KalshiPS.Session.HeaderValues.Clean("key-2", "-ApiKeyId", "shape", notes));
        Assert.Single(notes);
    }

    [Theory]
    [InlineData("x\r\nX-Evil: 1", "\\u000D")]
    [InlineData("a\u0000b", "\\u0000")]
    [InlineData("a b", "a space")]
    [InlineData("kéy", "non-ASCII")]
    public void Characters_a_header_cannot_carry_are_refused(string value, string shown)
    {
        var e = Assert.Throws<ArgumentException>(() => KalshiPS.Session.HeaderValues.Clean(value, "$env:KALSHI_API_KEY_ID", "shape", null));
        Assert.StartsWith("$env:KALSHI_API_KEY_ID '", e.Message);
        Assert.Contains(shown, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_signer_refuses_a_key_id_that_cannot_be_a_header()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        var e = Assert.Throws<KalshiPS.Auth.KalshiKeyException>(() => KalshiPS.Auth.RequestSigner.FromPem("id\r\nX-Evil: 1", pem));
        Assert.DoesNotContain(pem.Substring(40, 20), e.Message);
    }
}
