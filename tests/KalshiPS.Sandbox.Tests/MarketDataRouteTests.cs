using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>Batch and event candlesticks, multivariate events, the spec's extra fields, unknown routes, lifecycle messages.</summary>
public class MarketDataRouteTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    public async Task InitializeAsync() { _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 60 }); _c = new TestClient(_s); }
    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    private static string Window(int hours = 24) =>
        $"start_ts={DateTimeOffset.UtcNow.AddHours(-hours).ToUnixTimeSeconds()}&end_ts={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&period_interval=60";

    [Fact]
    public async Task Batch_candlesticks_answer_one_entry_per_known_market_within_the_limits()
    {
        var tickers = _s.Exchange.Markets.Take(3).Select(m => m.Ticker).ToList();
        var (st, body) = await _c.GetAsync($"/markets/candlesticks?market_tickers={string.Join(",", tickers)},NO-SUCH-MARKET&{Window()}", false);
        Assert.Equal(200, st);
        var markets = body.GetProperty("markets").EnumerateArray().ToList();
        Assert.Equal(tickers, markets.Select(m => m.GetProperty("market_ticker").GetString()));
        Assert.Contains(markets, m => m.GetProperty("candlesticks").GetArrayLength() > 0);
        var candle = markets.SelectMany(m => m.GetProperty("candlesticks").EnumerateArray()).First();
        Assert.Equal(JsonValueKind.String, candle.GetProperty("price").GetProperty("close_dollars").ValueKind);

        var many = string.Join(",", Enumerable.Range(0, 101).Select(i => "T" + i));
        Assert.Equal(400, (await _c.GetAsync($"/markets/candlesticks?market_tickers={many}&{Window()}", false)).Status);
        // 60 one-minute candles a day x 100 markets x 2 days is over 10,000.
        var hundred = string.Join(",", _s.Exchange.Markets.Take(10).Select(m => m.Ticker));
        var longWindow = $"start_ts={DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds()}&end_ts={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&period_interval=1";
        Assert.Equal(400, (await _c.GetAsync($"/markets/candlesticks?market_tickers={hundred}&{longWindow}", false)).Status);
    }

    [Fact]
    public async Task Event_candlesticks_pair_market_tickers_with_their_candles()
    {
        var ev = _s.Exchange.AllEvents.First(e => e.Markets.Count > 1);
        var (st, body) = await _c.GetAsync($"/series/{ev.SeriesTicker}/events/{ev.EventTicker}/candlesticks?{Window()}", false);
        Assert.Equal(200, st);
        Assert.Equal(ev.Markets.Select(m => m.Ticker), body.GetProperty("market_tickers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(ev.Markets.Count, body.GetProperty("market_candlesticks").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("adjusted_end_ts").ValueKind);
        Assert.Equal(404, (await _c.GetAsync($"/series/KXOTHER/events/{ev.EventTicker}/candlesticks?{Window()}", false)).Status);
    }

    [Fact]
    public async Task Multivariate_events_are_listed_apart_and_filter_by_collection()
    {
        var (st, body) = await _c.GetAsync("/events/multivariate?with_nested_markets=true", false);
        Assert.Equal(200, st);
        var events = body.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Single(e.GetProperty("markets").EnumerateArray()));
        var combo = events[0].GetProperty("event_ticker").GetString();
        var (_, plain) = await _c.GetAsync("/events?limit=200", false);
        Assert.DoesNotContain(plain.GetProperty("events").EnumerateArray(), e => e.GetProperty("event_ticker").GetString() == combo);
        var (_, byCollection) = await _c.GetAsync($"/events/multivariate?collection_ticker={Exchange.ComboCollection}", false);
        Assert.Equal(events.Count, byCollection.GetProperty("events").GetArrayLength());
        var (_, none) = await _c.GetAsync("/events/multivariate?collection_ticker=KXMVEOTHER", false);
        Assert.Equal(0, none.GetProperty("events").GetArrayLength());
        Assert.Equal(400, (await _c.GetAsync($"/events/multivariate?collection_ticker={Exchange.ComboCollection}&series_ticker={Exchange.ComboSeries}", false)).Status);
    }

    [Fact]
    public async Task Markets_events_and_series_carry_the_fields_the_spec_lists()
    {
        var m = _s.Exchange.Markets.First();
        var (_, market) = await _c.GetAsync($"/markets/{m.Ticker}", false);
        Assert.Equal(JsonValueKind.String, market.GetProperty("market").GetProperty("expiration_value").ValueKind);
        var (_, ev) = await _c.GetAsync($"/events/{m.EventTicker}", false);
        var source = Assert.Single(ev.GetProperty("event").GetProperty("settlement_sources").EnumerateArray());
        Assert.Equal(JsonValueKind.String, source.GetProperty("url").ValueKind);
        var (_, series) = await _c.GetAsync($"/series/{m.SeriesTicker}", false);
        var s = series.GetProperty("series");
        Assert.Equal(s.GetProperty("category").GetString(), Assert.Single(s.GetProperty("categories").EnumerateArray()).GetString());
        Assert.StartsWith("https://", s.GetProperty("contract_terms_url").GetString());
        Assert.Equal(JsonValueKind.Array, s.GetProperty("additional_prohibitions").ValueKind);
    }

    [Fact]
    public async Task An_order_create_answer_has_no_status()
    {
        var m = _s.Exchange.Markets.First(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled);
        var (st, body) = await _c.PostAsync("/portfolio/events/orders", new
        {
            ticker = m.Ticker, side = "bid", price = "0.0100", count = "1.00", time_in_force = "good_till_canceled",
            self_trade_prevention_type = "taker_at_cross", client_order_id = Guid.NewGuid().ToString(),
        });
        Assert.Equal(201, st);
        Assert.False(body.TryGetProperty("status", out _));
        Assert.Equal("1.00", body.GetProperty("remaining_count").GetString());
    }

    [Theory]
    [InlineData("/markets/orderbooks/x")]
    [InlineData("/portfolio/orders/fills")] // not an order id (queue_positions is a real route now)
    [InlineData("/portfolio/orders/not-an-order/queue_position")]
    [InlineData("/markets/lowercase-ticker")]
    [InlineData("/series/KXHIGHNY/markets/orderbooks/candlesticks")]
    [InlineData("/no/such/route.json")]
    public async Task A_path_no_route_serves_is_404_route_not_found(string path)
    {
        var (st, body) = await _c.GetAsync(path);
        Assert.Equal(404, st);
        Assert.Equal("route not found", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Real_routes_still_name_what_is_missing()
    {
        var (st, body) = await _c.GetAsync("/markets/NO-SUCH-MARKET", false);
        Assert.Equal(404, st);
        Assert.Equal("market not found", body.GetProperty("error").GetProperty("message").GetString());
        var (st2, body2) = await _c.GetAsync($"/portfolio/orders/{Guid.NewGuid()}");
        Assert.Equal(404, st2);
        Assert.NotEqual("route not found", body2.GetProperty("error").GetProperty("message").GetString());
    }

    private async Task<ClientWebSocket> SubscribeAsync(string channel)
    {
        var ws = await SandboxSocket.ConnectAsync(_s);
        await SandboxSocket.SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { channel } } });
        Assert.Equal("subscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());
        return ws;
    }

    private static Task<JsonElement> ReceiveAsync(ClientWebSocket ws) => SandboxSocket.ReceiveAsync(ws);

    [Fact]
    public async Task Market_lifecycle_v2_carries_event_lifecycle_and_fee_updates_but_no_combos()
    {
        using var ws = await SubscribeAsync("market_lifecycle_v2");
        var ev = _s.Exchange.AllEvents[1];
        _s.Exchange.SetEventFeeOverride(ev.EventTicker, "flat", 0.5m);
        _s.Exchange.CreateMultivariateEvent(Exchange.ComboCollection, _s.Exchange.Markets.Take(2).Select(m => m.Ticker).ToList()); // not on this channel
        _s.Exchange.SetEventFeeOverride(ev.EventTicker, null, null);
        _s.Exchange.AddEvent(new EventInfo { EventTicker = "KXNEW-26JAN01", SeriesTicker = ev.SeriesTicker, Title = "New", SubTitle = "new" });

        var set = await ReceiveAsync(ws);
        Assert.Equal("event_fee_update", set.GetProperty("type").GetString());
        Assert.Equal(ev.EventTicker, set.GetProperty("msg").GetProperty("event_ticker").GetString());
        Assert.Equal("flat", set.GetProperty("msg").GetProperty("fee_type_override").GetString());
        Assert.Equal(0.5m, set.GetProperty("msg").GetProperty("fee_multiplier_override").GetDecimal());
        var cleared = await ReceiveAsync(ws);
        Assert.Equal("event_fee_update", cleared.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("msg").GetProperty("fee_type_override").ValueKind); // cleared: sent as null
        var created = await ReceiveAsync(ws);
        Assert.Equal("event_lifecycle", created.GetProperty("type").GetString());
        Assert.Equal("KXNEW-26JAN01", created.GetProperty("msg").GetProperty("event_ticker").GetString());
        Assert.Equal(cleared.GetProperty("seq").GetInt64() + 1, created.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Multivariate_market_lifecycle_announces_combo_events_and_markets()
    {
        using var ws = await SubscribeAsync("multivariate_market_lifecycle");
        _s.Exchange.SetEventFeeOverride(_s.Exchange.AllEvents[0].EventTicker, "flat", 1m); // not on this channel
        var combo = _s.Exchange.CreateMultivariateEvent(Exchange.ComboCollection, _s.Exchange.Markets.Take(2).Select(m => m.Ticker).ToList());
        var ev = await ReceiveAsync(ws);
        Assert.Equal("event_lifecycle", ev.GetProperty("type").GetString());
        Assert.Equal(combo.EventTicker, ev.GetProperty("msg").GetProperty("event_ticker").GetString());
        var market = await ReceiveAsync(ws);
        Assert.Equal("multivariate_market_lifecycle", market.GetProperty("type").GetString());
        Assert.Equal(combo.Markets[0].Ticker, market.GetProperty("msg").GetProperty("market_ticker").GetString());
        Assert.Equal("created", market.GetProperty("msg").GetProperty("event_type").GetString());
    }

    [Fact]
    public async Task Control_endpoints_set_fee_overrides_and_make_combo_events()
    {
        using var http = new HttpClient();
        var ev = _s.Exchange.AllEvents[0];
        var fee = await http.PostAsync(_s.ControlUri + $"/events/{ev.EventTicker}/fee_override",
            new StringContent("""{"fee_type_override":"flat","fee_multiplier_override":0.5}""", Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)fee.StatusCode);
        var (_, read) = await _c.GetAsync($"/events/{ev.EventTicker}", false);
        Assert.Equal("flat", read.GetProperty("event").GetProperty("fee_type_override").GetString());
        Assert.Equal(0.5m, read.GetProperty("event").GetProperty("fee_multiplier_override").GetDecimal());

        var legs = _s.Exchange.Markets.Take(2).Select(m => m.Ticker).ToArray();
        int before = _s.Exchange.MultivariateEvents.Count;
        var made = await http.PostAsync(_s.ControlUri + "/multivariate_events",
            new StringContent(JsonSerializer.Serialize(new { legs }), Encoding.UTF8, "application/json"));
        Assert.Equal(201, (int)made.StatusCode);
        Assert.Equal(before + 1, _s.Exchange.MultivariateEvents.Count);
        var bad = await http.PostAsync(_s.ControlUri + "/multivariate_events",
            new StringContent("""{"legs":["NO-SUCH","ALSO-NOT"]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
    }
}
