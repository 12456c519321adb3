using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>The shared Utf8JsonReader pattern (Wire/README.md): exact decimals from bytes, cheap skipping, tolerance.</summary>
public class WireReaderTests
{
    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }

    private static decimal? Dec(string jsonValue) => Read("{\"v\":" + jsonValue + "}", (ref Utf8JsonReader r) =>
    {
        decimal? v = null;
        while (r.NextProperty(out var f)) if (f.SequenceEqual("v".AsSpan())) v = r.Dec(); else r.Skip();
        return v;
    });

    [Theory]
    [InlineData("\"0.5600\"", "0.5600")]
    [InlineData("\"10.00\"", "10.00")]
    [InlineData("\"-3.25\"", "-3.25")]
    [InlineData("\"0.123456\"", "0.123456")]
    [InlineData("\"7\"", "7")]
    [InlineData("0.45", "0.45")]
    [InlineData("\"1e-2\"", "0.01")]           // unusual spellings take the text path, still exact
    [InlineData("\"123456789012345678901.5\"", "123456789012345678901.5")]
    public void Fixed_point_reads_exactly_and_keeps_the_scale(string wire, string expected)
    {
        var value = Dec(wire);
        Assert.Equal(expected, value!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"0,56\"")]
    [InlineData("\"\"")]
    [InlineData("\"abc\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"a\":[1,2]}")]
    [InlineData("[\"0.5\"]")]
    public void Anything_else_reads_as_null(string wire) => Assert.Null(Dec(wire));

    [Theory]
    [InlineData("0.5600", true)]
    [InlineData("-0.01", true)]
    [InlineData(".5", false)]
    [InlineData("5.", false)]
    [InlineData("-0.00", false)]
    [InlineData("1e2", false)]
    [InlineData(" 1", false)]
    [InlineData("1234567890123456789", false)]
    public void The_byte_parser_takes_only_plain_fixed_point(string text, bool fast)
    {
        Assert.Equal(fast, WireReader.TryParseFixed(Encoding.ASCII.GetBytes(text), out var value));
        if (fast) Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Unknown_and_wrong_typed_fields_are_skipped_without_losing_the_next_item()
    {
        const string page = """
            {"future":{"deep":[1,{"x":[[]]}]},"markets":[
              {"ticker":"A","yes_bid_dollars":{"oops":[1]},"extra":[{"a":1}],"event_ticker":"E","tick\u0065r2":"x"},
              null, 7,
              {"ticker":"B","yes_bid_dollars":"0.4200","close_time":"2026-05-02T03:59:00Z"}
            ],"cursor":"c"}
            """;
        var markets = Read(page, (ref Utf8JsonReader r) => r.Field("markets", MarketDataWire.Market))!;
        Assert.Equal(new[] { "A", "B" }, markets.Select(m => m.Ticker));
        Assert.Null(markets[0].YesBid);
        Assert.Equal("E", markets[0].EventTicker);
        Assert.Equal(0.42m, markets[1].YesBid);
        Assert.Equal(new DateTime(2026, 5, 2, 3, 59, 0, DateTimeKind.Utc), markets[1].CloseTime);
        Assert.Equal(DateTimeKind.Utc, markets[1].CloseTime!.Value.Kind);
    }

    [Fact]
    public void An_escaped_property_name_still_matches()
    {
        var m = Read("""{"tick\u0065r":"A","event_ticker":"E\u0031"}""", MarketDataWire.Market);
        Assert.Equal("A", m.Ticker);
        Assert.Equal("E1", m.EventTicker);
    }

    [Fact]
    public void Wrapped_answers_read_the_inner_object_or_the_bare_body()
    {
        Assert.Equal("O1", Read("""{"x":1,"order":{"order_id":"O1"}}""", (ref Utf8JsonReader r) => r.Wrapped("order", PortfolioWire.Order)).OrderId);
        Assert.Equal("O2", Read("""{"order_id":"O2","order":"not an object"}""", (ref Utf8JsonReader r) => r.Wrapped("order", PortfolioWire.Order)).OrderId);
    }

    [Fact]
    public void Repeated_strings_are_shared_and_still_exact()
    {
        var markets = Read("""{"markets":[{"ticker":"A","event_ticker":"EV"},{"ticker":"B","event_ticker":"EV"},{"ticker":"C","event_ticker":"\u00c9V"}]}""",
            (ref Utf8JsonReader r) => r.Field("markets", MarketDataWire.Market))!;
        Assert.Same(markets[0].EventTicker, markets[1].EventTicker);
        Assert.Equal("ÉV", markets[2].EventTicker);
    }

    [Fact]
    public void The_string_cache_is_bounded_and_a_shared_slot_never_returns_another_name()
    {
        var first = Utf8Strings.Get(Encoding.UTF8.GetBytes("KXBENCH-26MAY01-B7"));
        Assert.Same(first, Utf8Strings.Get(Encoding.UTF8.GetBytes("KXBENCH-26MAY01-B7")));
        // More names than the cache has slots: every answer is still exactly the bytes given, and non-ASCII decodes.
        for (var i = 0; i < 10_000; i++)
        {
            var name = "KXT-" + i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(name, Utf8Strings.Get(Encoding.UTF8.GetBytes(name)));
        }
        Assert.Equal("Zürich", Utf8Strings.Get(Encoding.UTF8.GetBytes("Zürich")));
        Assert.Equal("KXBENCH-26MAY01-B7", Utf8Strings.Get(Encoding.UTF8.GetBytes("KXBENCH-26MAY01-B7")));
    }

    [Fact]
    public void A_delta_frame_is_read_from_its_bytes_whatever_the_field_order()
    {
        var frames = new[]
        {
            """{"type":"orderbook_delta","sid":3,"seq":9,"msg":{"market_ticker":"T","price_dollars":"0.4500","delta_fp":"-2.50","side":"no","ts_ms":1777593600000}}""",
            """{"msg":{"side":"no","delta_fp":"-2.50","price_dollars":"0.4500","market_ticker":"T","ts_ms":1777593600000},"seq":9,"sid":3,"type":"orderbook_delta"}""",
        };
        foreach (var json in frames)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var m = StreamMessage.Parse(bytes, bytes.Length, DateTime.UtcNow)!;
            Assert.Equal(("orderbook_delta", 3, 9L), (m.Type, m.Sid!.Value, m.Seq!.Value));
            var d = m.Delta!.Value;
            Assert.Equal(("T", "no", 0.4500m, -2.50m), (d.Ticker, d.Side, d.Price!.Value, d.Size!.Value));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1777593600000).UtcDateTime, d.Time);
        }
    }

    [Fact]
    public void Other_frames_keep_msg_for_the_handlers_that_ask()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"id":4,"type":"error","msg":{"code":6,"msg":"Already subscribed","sid":2}}""");
        var m = StreamMessage.Parse(bytes, bytes.Length, DateTime.UtcNow)!;
        Assert.Null(m.Delta);
        Assert.Equal(6, m.ErrorCode);
        Assert.Equal("Already subscribed", m.ErrorText);
        Assert.Equal(2, m.Sid); // from inside msg, as before
    }
}

public class DeferredBookTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_pending_book_is_built_when_taken_and_never_in_a_state_known_to_be_wrong()
    {
        var t = new OrderbookTracker(new[] { "A" }, depth: 0);
        var pending = t.OnSnapshot("A", 1, new[] { new KalshiPriceLevel(0.40m, 10m) }, new KalshiPriceLevel[0], T0).Pending!;
        t.OnDelta("A", 2, "yes", 0.40m, 5m, T0);
        Assert.Equal(15m, pending.Materialize().BestYesBidSize); // the latest trusted state, not the one at publish time

        var gap = t.OnDelta("A", 4, "yes", 0.40m, 100m, T0);   // seq 3 lost: the book is no longer trusted
        Assert.Null(gap.Pending);
        Assert.Equal(15m, pending.Materialize().BestYesBidSize); // what was trusted before the gap
        Assert.Equal(2, pending.Materialize().Sequence);
    }

    [Fact]
    public void The_outbox_hands_out_the_built_book_not_the_pending_one()
    {
        var t = new OrderbookTracker(new[] { "A" });
        var box = new StreamOutbox(16, TimeSpan.Zero);
        var pending = t.OnSnapshot("A", 1, new[] { new KalshiPriceLevel(0.40m, 10m) }, new KalshiPriceLevel[0], T0).Pending!;
        box.Post("A", pending);
        t.OnDelta("A", 2, "yes", 0.41m, 1m, T0);
        box.Post("A", pending); // replaced, still one entry
        Assert.Equal(TakeResult.Item, box.TryTake(TimeSpan.Zero, default, out var item));
        var book = Assert.IsType<KalshiOrderbook>(item);
        Assert.Equal(0.41m, book.BestYesBid);
        Assert.Equal(TakeResult.Timeout, box.TryTake(TimeSpan.Zero, default, out _));
    }
}

public class PrefetchTests
{
    private static string Page(string ticker, string cursor) => $"{{\"markets\":[{{\"ticker\":\"{ticker}\"}}],\"cursor\":\"{cursor}\"}}";

    [Fact]
    public async Task The_next_page_is_requested_while_this_one_is_used_only_when_asked()
    {
        var handler = new ScriptedHandler();
        var options = Pipelines.Options(handler, new RecordingTime());
        options.MaxRetries = 0;
        using var http = Pipelines.Create(options);
        handler.Then(HttpStatusCode.OK, Page("A", "c1")).Then(HttpStatusCode.OK, Page("B", "c2")).Then(HttpStatusCode.OK, Page("C", ""));
        await using var e = Pager.ReadAsync(http, () => new KalshiRequest("GET", "/markets"), "markets",
            (ref Utf8JsonReader r) => MarketDataWire.Market(ref r).Ticker, default).GetAsyncEnumerator();

        Assert.True(await e.MoveNextAsync());
        Assert.Equal(1, handler.Count);                 // nothing read ahead unless asked
        e.Current.PrefetchNext();
        e.Current.PrefetchNext();                       // idempotent
        await handler.WaitForRequestsAsync(2);           // page 2 is on its way before the consumer asks for it
        Assert.True(await e.MoveNextAsync());
        Assert.Equal("B", Assert.Single(e.Current.Items));
        Assert.Equal(2, handler.Count);
        Assert.Contains("cursor=c1", handler.Seen.Last().Uri.Query);
        Assert.True(await e.MoveNextAsync());
        Assert.True(e.Current.IsLast);
        e.Current.PrefetchNext();                       // no-op on the last page
        Assert.False(await e.MoveNextAsync());
        Assert.Equal(3, handler.Count);
    }
}
