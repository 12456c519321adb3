using System.Net;
using System.Text;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Wire;
using RichardSzalay.MockHttp;

namespace KalshiPS.UnitTests;

/// <summary>Read-ahead: the page after next is requested as its cursor arrives, only when it is certainly wanted.</summary>
public class PagerReadAheadTests
{
    private static string Page(string ticker, string cursor) => $"{{\"markets\":[{{\"ticker\":\"{ticker}\"}}],\"cursor\":\"{cursor}\"}}";

    private static (KalshiHttpPipeline Http, ScriptedHandler Handler) Pipeline()
    {
        var handler = new ScriptedHandler();
        var options = Pipelines.Options(handler, new RecordingTime());
        options.MaxRetries = 0;
        return (Pipelines.Create(options), handler);
    }

    private static IAsyncEnumerator<Page<string>> Read(KalshiHttpPipeline http) =>
        Pager.ReadAsync(http, () => new KalshiRequest("GET", "/markets").With("limit", 1L), "markets",
            (ref Utf8JsonReader r) => MarketDataWire.Market(ref r).Ticker, default).GetAsyncEnumerator();

    [Fact]
    public async Task When_more_than_a_full_page_is_still_wanted_the_page_after_next_leaves_as_the_next_ones_cursor_arrives()
    {
        var (http, handler) = Pipeline();
        using var _ = http;
        handler.Then(HttpStatusCode.OK, Page("A", "c1")).Then(HttpStatusCode.OK, Page("B", "c2")).Then(HttpStatusCode.OK, Page("C", ""));
        await using var e = Read(http);

        Assert.True(await e.MoveNextAsync());
        e.Current.PrefetchNext(ulong.MaxValue);
        await handler.WaitForRequestsAsync(3);          // page 3 was requested before the consumer moved to page 2
        Assert.Contains("cursor=c2", handler.Seen.Last().Uri.Query);
        var tickers = new List<string>(e.Current.Items);
        while (await e.MoveNextAsync()) { tickers.AddRange(e.Current.Items); e.Current.PrefetchNext(ulong.MaxValue); }
        Assert.Equal(new[] { "A", "B", "C" }, tickers);
        Assert.Equal(3, handler.Count);                 // nothing requested twice
    }

    [Fact]
    public async Task When_at_most_one_full_page_is_still_wanted_nothing_beyond_the_next_page_is_requested()
    {
        var (http, handler) = Pipeline();
        using var _ = http;
        handler.Then(HttpStatusCode.OK, Page("A", "c1")).Then(HttpStatusCode.OK, Page("B", "c2"));
        await using var e = Read(http);

        Assert.True(await e.MoveNextAsync());
        e.Current.PrefetchNext(1);                      // -First satisfied by one more item (limit is 1)
        Assert.True(await e.MoveNextAsync());
        Assert.Equal("B", Assert.Single(e.Current.Items));
        Assert.Equal(2, handler.Count);                 // no request for page 3 (its cursor c2 was never followed)
    }

    [Fact]
    public async Task A_read_ahead_the_full_read_does_not_confirm_is_dropped_and_the_confirmed_cursor_followed()
    {
        // Answered by cursor, not by arrival: the read-ahead for "h" and the request for "n" race each other.
        var mock = new MockHttpMessageHandler();
        var readAhead = mock.When("*").WithQueryString("cursor", "h").Respond("application/json", Page("X", ""));
        var confirmed = mock.When("*").WithQueryString("cursor", "n").Respond("application/json", Page("C", ""));
        // Page 2 starts with "cursor":"h" (found early) but ends with next_cursor "n", which the full read keeps.
        mock.When("*").WithQueryString("cursor", "c1").Respond("application/json", "{\"cursor\":\"h\",\"markets\":[{\"ticker\":\"B\"}],\"next_cursor\":\"n\"}");
        mock.When("*").Respond("application/json", Page("A", "c1"));
        var options = Pipelines.Options(mock, new RecordingTime());
        options.MaxRetries = 0;
        using var http = Pipelines.Create(options);
        await using var e = Read(http);
        var tickers = new List<string>();
        while (await e.MoveNextAsync()) { tickers.AddRange(e.Current.Items); e.Current.PrefetchNext(ulong.MaxValue); }
        Assert.Equal(new[] { "A", "B", "C" }, tickers);  // X (the unconfirmed read-ahead) never reaches the consumer
        Assert.Equal(1, mock.GetMatchCount(confirmed));
        Assert.True(mock.GetMatchCount(readAhead) <= 1);
    }
}

public class NextCursorTests
{
    private static string? Find(string json) => NextCursor.Find(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("{\"markets\":[{\"ticker\":\"A\",\"cursor\":\"inner\"}],\"cursor\":\"abc\"}", "abc")]
    [InlineData("{\"markets\":[] , \"cursor\" : \"a/b+c=\" }\n", "a/b+c=")]
    [InlineData("{\"cursor\":\"first\",\"markets\":[{\"ticker\":\"A\"}]}", "first")]
    [InlineData("{\"markets\":[],\"cursor\":\"\"}", null)]
    [InlineData("{\"markets\":[],\"cursor\":\"a\\\"b\"}", null)]          // escaped: left to the full read
    [InlineData("{\"markets\":[],\"meta\":{\"cursor\":\"nested\"}}", null)]
    [InlineData("{\"markets\":[{\"cursor\":\"in-an-item\"}]}", null)]
    [InlineData("{\"markets\":[],\"x_cursor\":\"no\"}", null)]
    [InlineData("{\"markets\":[],\"cursor\":null}", null)]
    public void Finds_only_a_plain_top_level_cursor_at_either_end(string json, string? expected) => Assert.Equal(expected, Find(json));
}
