using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>The sandbox's multivariate, data-service and FCM endpoints in the spec's shapes, and its index value channels.</summary>
public class DataServicesSandboxTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    public async Task InitializeAsync() { _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 40 }); _c = new TestClient(_s); }
    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    private static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();

    [Fact]
    public async Task Collections_list_get_and_create_a_tradable_market_once_per_selection()
    {
        var (st, list) = await _c.GetAsync("/multivariate_event_collections?status=open", sign: false);
        Assert.Equal(200, st);
        var c = list.GetProperty("multivariate_contracts").EnumerateArray().Single();
        Assert.Equal("KXMVESANDBOX-COMBO", c.GetProperty("collection_ticker").GetString());
        var events = c.GetProperty("associated_events").EnumerateArray().Select(e => e.GetProperty("ticker").GetString()!).ToList();
        Assert.Equal(events, Strings(c.GetProperty("associated_event_tickers")));
        Assert.Equal(400, (await _c.GetAsync("/multivariate_event_collections?status=bogus", false)).Status);
        Assert.Equal(404, (await _c.GetAsync("/multivariate_event_collections/KXNOPE", false)).Status);
        Assert.Equal("KXMVESANDBOX-COMBO", (await _c.GetAsync("/multivariate_event_collections/KXMVESANDBOX-COMBO", false)).Body.GetProperty("multivariate_contract").GetProperty("collection_ticker").GetString());

        var legs = events.Select(e => _s.Exchange.GetEvent(e)!.Markets.First(m => m.Status == "active")).ToList();
        object Leg(Market m, string side) => new { market_ticker = m.Ticker, event_ticker = m.EventTicker, side };
        var (cs, made) = await _c.PostAsync("/multivariate_event_collections/KXMVESANDBOX-COMBO", new { selected_markets = new[] { Leg(legs[0], "yes"), Leg(legs[1], "no") }, with_market_payload = true });
        Assert.Equal(200, cs);
        var ticker = made.GetProperty("market_ticker").GetString()!;
        Assert.Equal(ticker, made.GetProperty("market").GetProperty("ticker").GetString());
        var market = _s.Exchange.GetMarket(ticker)!;
        Assert.Equal(made.GetProperty("event_ticker").GetString(), market.EventTicker);
        Assert.Equal(200, (await _c.GetAsync("/markets/" + ticker, false)).Status); // listed like any other market

        var (_, again) = await _c.PostAsync("/multivariate_event_collections/KXMVESANDBOX-COMBO", new { selected_markets = new[] { Leg(legs[1], "no"), Leg(legs[0], "yes") } });
        Assert.Equal(ticker, again.GetProperty("market_ticker").GetString());     // unordered: same selection, same market
        Assert.False(again.TryGetProperty("market", out _));
        var (_, other) = await _c.PostAsync("/multivariate_event_collections/KXMVESANDBOX-COMBO", new { selected_markets = new[] { Leg(legs[0], "yes"), Leg(legs[1], "yes") } });
        Assert.NotEqual(ticker, other.GetProperty("market_ticker").GetString());

        Assert.Equal(400, (await _c.PostAsync("/multivariate_event_collections/KXMVESANDBOX-COMBO", new { selected_markets = new[] { Leg(legs[0], "yes") } })).Status);
        Assert.Equal(400, (await _c.PostAsync("/multivariate_event_collections/KXMVESANDBOX-COMBO", new { selected_markets = new[] { Leg(legs[0], "yes"), Leg(legs[0], "no") } })).Status);
        Assert.Equal(400, (await _c.PostAsync("/multivariate_event_collections/KXMVESANDBOX-LATER", new { selected_markets = new[] { Leg(legs[0], "yes"), Leg(legs[1], "yes") } })).Status); // not open yet
    }

    [Fact]
    public async Task Data_services_answer_in_the_spec_shapes()
    {
        var (st, ms) = await _c.GetAsync("/milestones?limit=2", false);
        Assert.Equal(200, st);
        var first = ms.GetProperty("milestones")[0];
        foreach (var f in new[] { "id", "category", "type", "start_date", "related_event_tickers", "title", "notification_message", "details", "primary_event_tickers", "last_updated_ts" })
            Assert.True(first.TryGetProperty(f, out _), "milestone field " + f);
        Assert.NotEqual("", ms.GetProperty("cursor").GetString());
        Assert.Equal(400, (await _c.GetAsync("/milestones", false)).Status);   // limit is required
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal(id, (await _c.GetAsync("/milestones/" + id, false)).Body.GetProperty("milestone").GetProperty("id").GetString());

        var live = (await _c.GetAsync("/live_data/milestone/" + id, false)).Body.GetProperty("live_data");
        Assert.Equal(id, live.GetProperty("milestone_id").GetString());
        var batch = (await _c.GetAsync($"/live_data/batch?milestone_ids={id}&milestone_ids=nope", false)).Body.GetProperty("live_datas");
        Assert.Equal(1, batch.GetArrayLength());
        Assert.Equal(404, (await _c.GetAsync("/live_data/political_race/milestone/" + id, false)).Status); // a basketball game
        Assert.Equal(2, (await _c.GetAsync($"/live_data/milestone/{id}/game_stats", false)).Body.GetProperty("pbp").GetProperty("periods").GetArrayLength());
        Assert.Equal(400, (await _c.GetAsync("/live_data/weather/miami?last_sec=60&from=1", false)).Status);
        var weather = (await _c.GetAsync("/live_data/weather/miami?last_sec=86400", false)).Body;
        Assert.Equal("fahrenheit", weather.GetProperty("units").GetString());
        Assert.Equal(120, weather.GetProperty("timeseries").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, weather.GetProperty("timeseries")[0].GetProperty("v").ValueKind);
        Assert.Equal(2, (await _c.GetAsync("/live_data/weather/miami/calibrations", false)).Body.GetProperty("calibrations").GetArrayLength());

        var targets = (await _c.GetAsync("/structured_targets?page_size=2", false)).Body;
        Assert.Equal(2, targets.GetProperty("structured_targets").GetArrayLength());
        var tid = targets.GetProperty("structured_targets")[0].GetProperty("id").GetString();
        Assert.Equal(1, (await _c.GetAsync($"/structured_targets?ids={tid}", false)).Body.GetProperty("structured_targets").GetArrayLength());

        var inc = (await _c.GetAsync("/incentive_programs?status=active", false)).Body;
        Assert.All(inc.GetProperty("incentive_programs").EnumerateArray(), p => Assert.Equal(JsonValueKind.Number, p.GetProperty("period_reward").ValueKind));
        Assert.False(inc.TryGetProperty("next_cursor", out _));
        var paged = (await _c.GetAsync("/incentive_programs?limit=1", false)).Body;
        Assert.NotNull(paged.GetProperty("next_cursor").GetString());    // this endpoint's cursor field
        Assert.True((await _c.GetAsync("/search/tags_by_categories", false)).Body.GetProperty("tags_by_categories").TryGetProperty("Crypto", out _));
        Assert.Equal(new[] { "Football", "Basketball" }, Strings((await _c.GetAsync("/search/filters_by_sport", false)).Body.GetProperty("sport_ordering")));
    }

    [Fact]
    public async Task An_fcm_member_sees_only_its_own_subtraders_and_their_caps()
    {
        var subs = (await _c.GetAsync("/fcm/subtraders")).Body.GetProperty("subtraders");
        Assert.Equal(new[] { _s.UserId + "_desk1", _s.UserId + "_desk2" }, subs.EnumerateArray().Select(s => s.GetProperty("subtrader_id").GetString()));
        Assert.Equal(401, (await _c.GetAsync("/fcm/subtraders", sign: false)).Status);
        var (cs, made) = await _c.PostAsync("/fcm/subtraders", new { subtrader_suffix = "ops" });
        Assert.Equal(201, cs);
        Assert.Equal(_s.UserId + "_ops", made.GetProperty("subtrader_id").GetString());
        Assert.Equal(409, (await _c.PostAsync("/fcm/subtraders", new { subtrader_suffix = "ops" })).Status);
        Assert.Equal(400, (await _c.PostAsync("/fcm/subtraders", new { subtrader_suffix = "Ops!" })).Status);

        var desk = _s.UserId + "_desk1";
        Assert.Equal(2, (await _c.GetAsync("/fcm/orders?subtrader_id=" + desk)).Body.GetProperty("orders").GetArrayLength());
        Assert.Equal(400, (await _c.GetAsync("/fcm/orders")).Status);
        Assert.Equal(1, (await _c.GetAsync("/fcm/orders?client_order_ids=seed-rest")).Body.GetProperty("orders").GetArrayLength());
        Assert.Equal(1, (await _c.GetAsync($"/fcm/positions?subtrader_id={desk}&count_filter=position")).Body.GetProperty("market_positions").GetArrayLength());

        var other = TestClient.NewUser(_s);                             // another member: not its subtrader
        Assert.Equal(404, (await other.GetAsync("/fcm/positions?subtrader_id=" + desk)).Status);

        Assert.Equal(404, (await _c.GetAsync("/fcm/subtraders/event_contract_daily_cap?subtrader_id=" + desk)).Status);
        Assert.Equal(200, (await _c.SendAsync(HttpMethod.Put, "/fcm/subtraders/event_contract_daily_cap", new { subtrader_id = desk, limit = "250.50" })).Status);
        var cap = (await _c.GetAsync("/fcm/subtraders/event_contract_daily_cap?subtrader_id=" + desk)).Body;
        Assert.Equal("250.5000", cap.GetProperty("limit").GetString());
        Assert.Equal(JsonValueKind.String, cap.GetProperty("resting_order_utilization").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\d$", cap.GetProperty("cap_date").GetString());
        Assert.Equal(400, (await _c.SendAsync(HttpMethod.Put, "/fcm/subtraders/event_contract_daily_cap", new { subtrader_id = desk, limit = 250 })).Status);
        Assert.Equal(200, (await _c.DeleteAsync("/fcm/subtraders/event_contract_daily_cap?subtrader_id=" + desk)).Status);
        Assert.Equal(404, (await _c.DeleteAsync("/fcm/subtraders/event_contract_daily_cap?subtrader_id=" + desk)).Status);
    }

    private Task<ClientWebSocket> ConnectAsync() => SandboxSocket.ConnectAsync(_s);

    private static Task SendAsync(ClientWebSocket ws, object cmd) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(cmd)), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(5000);
        var buf = new byte[1 << 16]; using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do { r = await ws.ReceiveAsync(buf, cts.Token); ms.Write(buf, 0, r.Count); } while (!r.EndOfMessage);
        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    [Fact]
    public async Task Index_channels_send_values_of_the_subscribed_indices_in_sequence()
    {
        using var ws = await ConnectAsync();
        await SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "cfbenchmarks_value_5hz" }, index_ids = new[] { "ETHUSD_RTI" } } });
        var ack = await ReceiveAsync(ws);
        Assert.Equal("subscribed", ack.GetProperty("type").GetString());
        int sid = ack.GetProperty("msg").GetProperty("sid").GetInt32();
        IndexFeed.Publish(_s.Exchange, "cfbenchmarks_value_5hz", "BRTI", 1m);   // not subscribed: never sent
        long seq = 0;
        for (int i = 0; i < 3; i++)
        {
            var m = await ReceiveAsync(ws);
            Assert.Equal("cfbenchmarks_value_5hz", m.GetProperty("type").GetString());
            Assert.Equal(sid, m.GetProperty("sid").GetInt32());
            Assert.Equal(++seq, m.GetProperty("seq").GetInt64());
            Assert.Equal("ETHUSD_RTI", m.GetProperty("msg").GetProperty("index_id").GetString());
            Assert.Matches(@"^\d+\.\d{8}$", m.GetProperty("msg").GetProperty("value_usd").GetString());
        }

        await SendAsync(ws, new { id = 2, cmd = "subscribe", @params = new { channels = new[] { "pyth_value" }, underlying_tickers = new[] { "all" } } });
        JsonElement pyth;
        do pyth = await ReceiveAsync(ws); while (pyth.GetProperty("type").GetString() != "pyth_value");
        Assert.True(pyth.GetProperty("msg").TryGetProperty("underlying_ticker", out _));

        await SendAsync(ws, new { id = 3, cmd = "subscribe", @params = new { channels = new[] { "cfbenchmarks_value" }, index_ids = new[] { "BRTI" } } });
        JsonElement one;
        do one = await ReceiveAsync(ws); while (one.GetProperty("type").GetString() != "cfbenchmarks_value");
        Assert.Equal("BRTI", JsonDocument.Parse(one.GetProperty("msg").GetProperty("data").GetString()!).RootElement.GetProperty("id").GetString());
        Assert.True(one.GetProperty("msg").GetProperty("avg_60s_data").TryGetProperty("window_size", out _));
    }
}
