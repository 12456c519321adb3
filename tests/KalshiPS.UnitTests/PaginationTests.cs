using System.Net;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Session;
using KalshiPS.Wire;
using RichardSzalay.MockHttp;
using KalshiPS.Models;

namespace KalshiPS.UnitTests;

public class PaginationTests
{
    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));

    private static string Page(string[] tickers, string? cursorJson) =>
        "{\"markets\":[" + string.Join(",", tickers.Select(t => $"{{\"ticker\":\"{t}\"}}")) + "]" + (cursorJson == null ? "" : ",\"cursor\":" + cursorJson) + "}";

    private static (KalshiHttpPipeline Http, ScriptedHandler Handler) Pipeline()
    {
        var handler = new ScriptedHandler();
        var options = Pipelines.Options(handler, new RecordingTime());
        options.MaxRetries = 0;
        return (Pipelines.Create(options), handler);
    }

    private static IAsyncEnumerable<Page<string>> Read(KalshiHttpPipeline http, CancellationToken ct = default) =>
        Pager.ReadAsync(http, () => new KalshiRequest("GET", "/markets").With("limit", 2L).With("status", "open").With("series_ticker", "KXHIGHNY"),
            "markets", (ref Utf8JsonReader r) => MarketDataWire.Market(ref r).Ticker, ct);

    [Fact]
    public async Task Follows_cursors_with_identical_filters_and_passes_the_cursor_back_unchanged()
    {
        const string odd = "CgsI+/=7x%2Fz&a b"; // base64-ish, with characters that need escaping
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A", "B" }, JsonSerializer.Serialize(odd)))
               .Then(HttpStatusCode.OK, Page(new[] { "C", "D" }, "\"c2\""))
               .Then(HttpStatusCode.OK, Page(new[] { "E" }, "\"\""));
        var pages = new List<Page<string>>();
        await foreach (var p in Read(http)) pages.Add(p);

        Assert.Equal(new[] { "A", "B", "C", "D", "E" }, pages.SelectMany(p => p.Items));
        Assert.Equal(new[] { 1, 2, 3 }, pages.Select(p => p.Number));
        Assert.Equal(new[] { false, false, true }, pages.Select(p => p.IsLast));

        var queries = handler.Seen.Select(r => Query(r.Uri)).ToArray();
        Assert.False(queries[0].ContainsKey("cursor"));
        Assert.Equal(odd, queries[1]["cursor"]);
        Assert.Equal("c2", queries[2]["cursor"]);
        foreach (var q in queries)
        {
            Assert.Equal("2", q["limit"]);
            Assert.Equal("open", q["status"]);
            Assert.Equal("KXHIGHNY", q["series_ticker"]);
        }
        Assert.All(handler.Seen, r => Assert.Equal("/trade-api/v2/markets", r.Uri.AbsolutePath));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task Stops_on_empty_null_or_missing_cursor(string? cursorJson)
    {
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A" }, cursorJson));
        var pages = new List<Page<string>>();
        await foreach (var p in Read(http)) pages.Add(p);
        var only = Assert.Single(pages);
        Assert.True(only.IsLast);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Yields_page_by_page_without_reading_ahead()
    {
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A" }, "\"c1\""))
               .Then(HttpStatusCode.OK, Page(new[] { "B" }, "\"c2\""));
        await using var e = Read(http).GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(new[] { "A" }, e.Current.Items);
        Assert.Equal(1, handler.Count);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(new[] { "B" }, e.Current.Items);
        Assert.Equal(2, handler.Count);
        // Stopping early (e.g. Select-Object -First) sends nothing more: the script has no third answer.
    }

    [Fact]
    public async Task A_repeated_cursor_stops_with_an_error_instead_of_looping()
    {
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A" }, "\"c1\""))
               .Then(HttpStatusCode.OK, Page(new[] { "B" }, "\"c2\""))
               .Then(HttpStatusCode.OK, Page(new[] { "C" }, "\"c1\""));
        var items = new List<string>();
        var e = await Assert.ThrowsAnyAsync<KalshiApiException>(async () =>
        {
            await foreach (var p in Read(http)) items.AddRange(p.Items);
        });
        Assert.Contains("same page cursor", e.Message);
        Assert.Equal(new[] { "A", "B" }, items);
        Assert.Equal(3, handler.Count);
    }

    [Fact]
    public async Task A_cursor_echoed_back_immediately_is_caught_too()
    {
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A" }, "\"c1\""))
               .Then(HttpStatusCode.OK, Page(new[] { "A" }, "\"c1\""));
        await Assert.ThrowsAnyAsync<KalshiApiException>(async () => { await foreach (var _ in Read(http)) { } });
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task Error_on_a_later_page_surfaces_after_earlier_pages()
    {
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A" }, "\"c1\""))
               .Then(HttpStatusCode.BadRequest, """{"error":{"code":"invalid_cursor","message":"bad cursor"}}""");
        var items = new List<string>();
        var e = await Assert.ThrowsAnyAsync<KalshiApiException>(async () => { await foreach (var p in Read(http)) items.AddRange(p.Items); });
        Assert.Equal(KalshiErrorKind.InvalidRequest, e.Kind);
        Assert.Equal(new[] { "A" }, items);
    }

    [Fact]
    public async Task ListMarkets_pages_through_get_markets_with_mockhttp()
    {
        var mock = new MockHttpMessageHandler(BackendDefinitionBehavior.Always);
        var url = "http://127.0.0.1:5000/trade-api/v2/markets";
        mock.Expect(url).WithExactQueryString(new Dictionary<string, string> { ["limit"] = "100", ["status"] = "open", ["event_ticker"] = "KXHIGHNY-26MAY01", ["tickers"] = "A,B" })
            .Respond("application/json", """{"markets":[{"ticker":"A","yes_bid_dollars":"0.4200"}],"cursor":"page2"}""");
        mock.Expect(url).WithExactQueryString(new Dictionary<string, string> { ["limit"] = "100", ["status"] = "open", ["event_ticker"] = "KXHIGHNY-26MAY01", ["tickers"] = "A,B", ["cursor"] = "page2" })
            .Respond("application/json", """{"markets":[{"ticker":"B","yes_bid_dollars":"0.1000"}],"cursor":""}""");

        using var session = KalshiSession.Create(new SessionSettings { BaseUri = Pipelines.Base, InnerHandler = mock, TimeProvider = new RecordingTime(), MaxRetries = 0 });
        var api = new MarketDataApi(session);
        var markets = new List<KalshiPS.Models.KalshiMarket>();
        await foreach (var page in api.ListMarkets(new MarketQuery { Status = "open", EventTicker = "KXHIGHNY-26MAY01", Tickers = new[] { "A", "B" } }, 100, CancellationToken.None))
            markets.AddRange(page.Items);

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "A", "B" }, markets.Select(m => m.Ticker));
        Assert.Equal(new decimal?[] { 0.42m, 0.10m }, markets.Select(m => m.YesBid));
    }

    [Fact]
    public async Task Cancellation_between_pages_stops_the_listing()
    {
        var (http, handler) = Pipeline();
        handler.Then(HttpStatusCode.OK, Page(new[] { "A" }, "\"c1\""));
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var p in Read(http, cts.Token)) cts.Cancel();
        });
        Assert.Equal(1, handler.Count);
    }
}
