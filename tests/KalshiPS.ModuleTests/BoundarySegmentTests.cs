using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Issue 9, "one way to build a request path": every cmdlet parameter that becomes a path segment (or a filter or id
/// the wire carries) refuses a corpus of bad values before anything is sent, with an InvalidArgument error that
/// names the parameter. One sandbox and one runspace for the whole corpus; one script invocation per parameter.
/// </summary>
public class BoundarySegmentTests
{
    private readonly ITestOutputHelper _log;
    public BoundarySegmentTests(ITestOutputHelper log) { _log = log; }

    private const string SomeUuid = "0f8fad5b-d9cb-469f-a165-70867728950e";

    /// <summary>Values that are neither a ticker nor an id of any kind (≥150).</summary>
    internal static List<string?> Corpus()
    {
        var list = new List<string?>
        {
            null, "", " ", "  ", "\t", " \t ",
            // dots, literal and encoded
            ".", "..", "...", "./", "../", "./x", "../x", "x/..", "x/.", ".x", "..x", ".hidden", "%2e", "%2E", "%2e%2e", "%2E%2E", ".%2e", "%2e.",
            "..%2f", "%2e%2e%2f", "%252e%252e", "../../sandbox/faults", "..%2F..%2Fsandbox", "%2e%2e/%2e%2e/sandbox/faults",
            // slashes and backslashes
            "/", "//", "A/B", "/A", "A/", "A//B", "\\", "A\\B", "..\\..", "%2F", "A%2FB", "%2f", "%5C", "A%5cB", "https://evil.example/x", "//evil.example",
            // query, fragment, escapes and other punctuation
            "?", "#", "%", "&", "A?B", "A#B", "A%B", "A&B", "A?status=resting", "A#frag", "%00", "A%20B", "%%", "A=B", "A;B", "A,B", "A+B", "A@B",
            "A:B", "A*B", "A!B", "A$B", "A'B", "A\"B", "A(B)", "A[B]", "A{B}", "A<B>", "A|B", "A^B", "A`B", "A~B", "-A", "_A", "-", "_", "--",
            "-Confirm", "A B", " A B ", "A\tB", "A\u00A0B", "\u00A0", "\u2003", "A\u2028B", "A\u3000B", "A\n", "\nA", "A\r\nX-Evil: 1", "A\r",
            // non-ASCII
            "É", "KXÉ", "\uFF21", "A\u0301", "Ä", "ß", "ı", "İ", "\U0001F642", "A\U0001F642", "\uFEFFA", "A\u200B", "\u202EA", "Ω", "中文", "κ",
            "A\uD800", "KX\u2013A", "KX\u2014A", "KX\u2212A", "KX\uFF0DA",
            // very long
            new string('A', 257), new string('A', 1000), new string('A', 10_000), "KX-" + new string('9', 300), new string('.', 300),
        };
        // every control character, inside a value and alone
        for (char c = '\0'; c < ' '; c++) { list.Add("A" + c + "B"); if (c != '\t') list.Add(c.ToString()); }
        list.Add("A\u007FB");
        list.Add("\u007F");
        return list.Distinct().ToList();
    }

    /// <summary>Tickers that are fine but are not order ids (UUIDs only).</summary>
    private static readonly string[] NotUuids =
    {
        "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5bd9cb469fa16570867728950e", "{" + SomeUuid + "}", SomeUuid + "0", "0f8fad5b_d9cb_469f_a165_70867728950e",
        "zf8fad5b-d9cb-469f-a165-70867728950e", "KXHIGHNY-26NOV24-B45", "1", "abc",
    };

    private static bool Blank(string? v) => v == null || v.Trim(' ', '\t').Length == 0;

    [Fact]
    public async Task Every_segment_parameter_refuses_the_bad_corpus_before_any_request()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var ticker = s.Market();
        var corpus = Corpus();
        Assert.True(corpus.Count >= 150, $"corpus has {corpus.Count} values");

        // (command with $v, parameter, is it an optional filter where blank means "not given", is it an order id)
        var cases = new (string Command, string Parameter, bool Filter, bool Uuid)[]
        {
            ("Get-KalshiOrder -OrderId $v", "OrderId", false, true),
            ("Get-KalshiOrder -Ticker $v", "Ticker", true, false),
            ("Get-KalshiOrder -EventTicker $v", "EventTicker", true, false),
            ("Remove-KalshiOrder -OrderId $v -Confirm:$false", "OrderId", false, true),
            ($"Remove-KalshiOrder -OrderId {SomeUuid} -Ticker $v -Confirm:$false", "Ticker", true, false),
            ("Remove-KalshiOrder -Ticker $v -Confirm:$false", "Ticker", false, false),
            ("Set-KalshiOrder -OrderId $v -Price 0.5 -Confirm:$false", "OrderId", false, true),
            ($"Set-KalshiOrder -OrderId {SomeUuid} -Ticker $v -Price 0.5 -Confirm:$false", "Ticker", true, false),
            ("New-KalshiOrder -Ticker $v -Side Yes -Action Buy -Count 1 -Price 0.5 -Confirm:$false", "Ticker", false, false),
            ($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.5 -OrderGroupId $v -Confirm:$false", "OrderGroupId", true, true),
            ("Get-KalshiMarket -Ticker $v", "Ticker", false, false),
            ("Get-KalshiMarket -EventTicker $v", "EventTicker", true, false),
            ("Get-KalshiMarket -SeriesTicker $v", "SeriesTicker", true, false),
            ("Get-KalshiEvent -EventTicker $v", "EventTicker", false, false),
            ("Get-KalshiEvent -SeriesTicker $v", "SeriesTicker", true, false),
            ("Get-KalshiSeries -SeriesTicker $v", "SeriesTicker", false, false),
            ("Get-KalshiEventMetadata -EventTicker $v", "EventTicker", false, false),
            ("Get-KalshiFeeChange -SeriesTicker $v", "SeriesTicker", true, false),
            ("Get-KalshiFeeChange -EventTicker $v", "EventTicker", true, false),
            ("Get-KalshiCandlestick -Ticker $v", "Ticker", false, false),
            ($"Get-KalshiCandlestick -Ticker {ticker} -SeriesTicker $v", "SeriesTicker", true, false),
            ("Get-KalshiOrderbook -Ticker $v", "Ticker", false, false),
            ("Get-KalshiTrade -Ticker $v", "Ticker", true, false),
            ("Get-KalshiFill -Ticker $v", "Ticker", true, false),
            ("Get-KalshiFill -OrderId $v", "OrderId", true, true),
            ("Get-KalshiPosition -Ticker $v", "Ticker", true, false),
            ("Get-KalshiPosition -EventTicker $v", "EventTicker", true, false),
            ("Get-KalshiSettlement -Ticker $v", "Ticker", true, false),
            ("Get-KalshiSettlement -EventTicker $v", "EventTicker", true, false),
        };

        s.Server.ResetRequestLog();
        int invocations = 0;
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var values = corpus.Where(v => !(c.Filter && Blank(v))).ToList();
            if (c.Uuid) values.AddRange(NotUuids);
            var script = "foreach ($v in $corpus) {\n" +
                         "  $ev = $null\n" +
                         $"  try {{ $null = {c.Command} -ErrorAction SilentlyContinue -ErrorVariable ev }} catch {{ $ev = @($_) }}\n" +
                         "  $r = @($ev)\n" +
                         "  $f = if ($r.Count) { $r[0] } else { $null }\n" +
                         "  [pscustomobject]@{ N = $r.Count; Id = $f.FullyQualifiedErrorId; Cat = [string]$f.CategoryInfo.Category; Param = $f.Exception.ParamName; Msg = $f.Exception.Message }\n" +
                         "}";
            var r = s.Run(script, new Dictionary<string, object?> { ["corpus"] = values.ToArray() });
            Assert.Equal(values.Count, r.Output.Count);
            for (int i = 0; i < values.Count; i++)
            {
                invocations++;
                var o = r.Output[i];
                var why = Check(o, c.Parameter);
                if (why != null) failures.Add($"{c.Command} with {Show(values[i])}: {why}");
            }
        }

        var requests = s.Server.RequestLog;
        _log.WriteLine($"bad-segment corpus: {corpus.Count} values (+{NotUuids.Length} non-UUIDs for id parameters) x {cases.Length} cmdlet parameters = {invocations} invocations; requests seen by the sandbox: {requests.Count}");
        foreach (var f in failures.Take(20)) _log.WriteLine(f);
        Assert.Empty(failures);
        Assert.Empty(requests);
    }

    private static string? Check(System.Management.Automation.PSObject o, string parameter)
    {
        if (Convert.ToInt32(o.Properties["N"].Value) != 1) return $"{o.Properties["N"].Value} errors";
        var id = o.S("Id") ?? "";
        if (!id.StartsWith("KalshiInvalidArgument", StringComparison.Ordinal)) return "error id " + id + ": " + o.S("Msg");
        if (o.S("Cat") != "InvalidArgument") return "category " + o.S("Cat");
        if (o.S("Param") != parameter) return "ParamName " + o.S("Param");
        var msg = o.S("Msg") ?? "";
        if (!msg.Contains("-" + parameter + " ", StringComparison.Ordinal)) return "message does not name -" + parameter + ": " + msg;
        if (msg.Any(ch => ch < ' ')) return "message carries a control character";
        return null;
    }

    private static string Show(string? v)
    {
        if (v == null) return "$null";
        var sb = new StringBuilder();
        foreach (var ch in v.Take(40)) sb.Append(ch < ' ' || ch > '~' ? $"\\u{(int)ch:X4}" : ch.ToString());
        return "'" + sb + (v.Length > 40 ? "…" : "") + "'";
    }

    [Fact]
    public async Task Valid_segments_still_work_and_are_normalised()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var ticker = s.Market();
        var placed = s.Run($"New-KalshiOrder -Ticker ' {ticker.ToLowerInvariant()} ' -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId 'my-id_1.a:b'").One();
        var id = placed.S("OrderId")!;
        Assert.Equal("my-id_1.a:b", placed.S("ClientOrderId"));
        var got = s.Run($"Get-KalshiOrder -OrderId ' {id.ToUpperInvariant()} '").One();
        Assert.Equal(id, got.S("OrderId"));
        Assert.Equal(ticker, s.Run($"Get-KalshiOrderbook -Ticker {ticker.ToLowerInvariant()}").One().S("Ticker"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("x\r\ny")]
    [InlineData("é")]
    public async Task Bad_client_order_ids_are_refused_before_sending(string cid)
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var ticker = s.Market();
        s.Server.ResetRequestLog();
        var r = s.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.10 -ClientOrderId $cid", new Dictionary<string, object?> { ["cid"] = cid });
        var e = Assert.Single(r.Errors);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("-ClientOrderId", e.Exception.Message);
        Assert.Empty(s.Server.RequestLog);
    }

    [Fact]
    public async Task Remove_order_dot_cancels_nothing()
    {
        await using var s = await TradingSandbox.StartAsync(markets: 5);
        var ticker = s.Market();
        Ps.Assert(s.Run($"New-KalshiOrder -Ticker {ticker} -Side Yes -Action Buy -Count 1 -Price 0.10"));
        foreach (var bad in new[] { ".", "..", "", " " })
        {
            var r = s.Run("Remove-KalshiOrder -OrderId $bad -Confirm:$false; Remove-KalshiOrder -OrderId $bad -Ticker " + ticker + " -Confirm:$false",
                new Dictionary<string, object?> { ["bad"] = bad });
            Assert.Equal(2, r.Errors.Count);
        }
        Assert.Single(s.MyOrders, o => o.Status == KalshiPS.Sandbox.OrderStatus.Resting);
        Assert.Equal(0, s.Server.RequestCount("DELETE", "/portfolio"));
    }
}
