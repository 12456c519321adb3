using System.Collections;
using System.Text;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>
/// The readers of the multivariate, data-service, FCM and index value JSON: fields by name, decimals exact, unknown
/// fields and wrong types tolerated; request bodies; the live ticker feed.
/// </summary>
public class DataServicesWireTests
{
    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }

    [Fact]
    public void A_collection_reads_its_events_and_falls_back_to_the_deprecated_ticker_list()
    {
        var c = Read(@"{""collection_ticker"":""KXMVE-X"",""series_ticker"":""KXMVE"",""title"":""T"",""open_date"":""2026-11-01T00:00:00Z"",
            ""close_date"":""2026-12-01T00:00:00Z"",""is_ordered"":false,""size_min"":2,""size_max"":3,""new_field"":{""a"":[1,2]},
            ""associated_events"":[{""ticker"":""E1"",""is_yes_only"":true,""size_max"":1,""active_quoters"":[""q""]},{""ticker"":""E2"",""is_yes_only"":false,""size_min"":null}],
            ""associated_event_tickers"":[""OLD""]}", MultivariateWire.Collection);
        Assert.Equal("KXMVE-X", c.CollectionTicker);
        Assert.Equal(new[] { "E1", "E2" }, c.AssociatedEventTickers.ToArray());     // the new list wins
        Assert.True(c.AssociatedEvents[0].IsYesOnly);
        Assert.Equal(1, c.AssociatedEvents[0].SizeMax);
        Assert.Null(c.AssociatedEvents[1].SizeMin);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), c.OpenTime);
        Assert.Equal(3, c.SizeMax);

        var legacy = Read(@"{""collection_ticker"":""K"",""associated_event_tickers"":[""A"",""B""]}", MultivariateWire.Collection);
        Assert.Equal(new[] { "A", "B" }, legacy.AssociatedEventTickers.ToArray());
    }

    [Fact]
    public void A_create_answer_and_its_request_body()
    {
        var made = Read(@"{""event_ticker"":""EV"",""market_ticker"":""MK"",""market"":{""ticker"":""MK"",""event_ticker"":""EV"",""yes_bid_dollars"":""0.4200""}}",
            (ref Utf8JsonReader r) => MultivariateWire.Created("KXMVE-X", ref r));
        Assert.Equal(("KXMVE-X", "MK", "EV"), (made.CollectionTicker, made.Ticker, made.EventTicker));
        Assert.Equal(0.4200m, made.Market.YesBid);

        var body = JsonDocument.Parse(MultivariateWire.CreateBody(new[] { new MultivariateWire.Leg { Ticker = "A-1", EventTicker = "A", Side = "yes" } }, true)).RootElement;
        Assert.Equal("A-1", body.GetProperty("selected_markets")[0].GetProperty("market_ticker").GetString());
        Assert.Equal("yes", body.GetProperty("selected_markets")[0].GetProperty("side").GetString());
        Assert.True(body.GetProperty("with_market_payload").GetBoolean());
        Assert.False(JsonDocument.Parse(MultivariateWire.CreateBody(Array.Empty<MultivariateWire.Leg>(), false)).RootElement.TryGetProperty("with_market_payload", out _));
    }

    [Fact]
    public void Free_form_details_keep_decimals_and_their_json()
    {
        var m = Read(@"{""id"":""m1"",""details"":{""spread"":-3.5,""n"":12345678901234567890123456789012,""list"":[1,""x"",null,true],""deep"":{""p"":0.1}},""source_ids"":{""a"":""1"",""b"":2}}",
            DataServicesWire.Milestone);
        Assert.Equal(-3.5m, m.Details["spread"]);
        Assert.IsType<string>(m.Details["n"]);                          // beyond decimal: kept as text, never a double
        Assert.Equal(new object?[] { 1m, "x", null, true }, (object?[])m.Details["list"]);
        Assert.Equal(0.1m, ((IDictionary<string, object>)m.Details["deep"])["p"]);
        Assert.Equal(@"{""spread"":-3.5,""n"":""12345678901234567890123456789012"",""list"":[1,""x"",null,true],""deep"":{""p"":0.1}}", m.DetailsJson);
        Assert.Equal(2m, m.SourceIds["b"]);
        Assert.Equal(@"{""a"":""1"",""b"":2}", m.SourceIds.ToString());     // exports as its JSON text
        Assert.Empty(Read(@"{""id"":""m2"",""details"":""not an object""}", DataServicesWire.Milestone).Details);
    }

    [Fact]
    public void Game_stats_weather_and_calibrations_read_into_rows()
    {
        var periods = Read(@"{""pbp"":{""periods"":[{""events"":[{""clock"":""10:00""}]},{""events"":[]},{""other"":1}]}}",
            (ref Utf8JsonReader r) => DataServicesWire.GameStats("m1", ref r));
        Assert.Equal(new[] { 1, 2, 3 }, periods.Select(p => p.Period));
        Assert.Equal("10:00", periods[0].Events[0]["clock"]);
        Assert.Empty(periods[2].Events);
        Assert.Empty(Read("{}", (ref Utf8JsonReader r) => DataServicesWire.GameStats("m1", ref r)));

        var points = Read(@"{""city"":""miami"",""units"":""fahrenheit"",""config_version"":""v1"",""timeseries"":[{""t"":1764547200000,""v"":81.25,""status"":""normal"",""contributors"":3},
            {""t"":1764547260000,""status"":""incomplete"",""stations"":[{""station_id"":""KMIA1M"",""code"":""pending"",""temp_f"":81.234}]}]}", DataServicesWire.Weather);
        Assert.Equal(81.25m, points[0].Value);
        Assert.Equal(new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), points[0].Time);
        Assert.Null(points[1].Value);
        Assert.Equal(81.234m, points[1].Stations[0].TemperatureF);
        Assert.All(points, p => Assert.Equal(("miami", "fahrenheit", "v1"), (p.City, p.Units, p.ConfigVersion)));

        var cal = Read(@"{""city"":""miami"",""units"":""celsius"",""calibrations"":[{""config_version"":""c1"",""effective_at_ms"":1764547200000,""city_reference_c"":0.0125,
            ""stations"":[{""station_id"":""S"",""weight"":0.5,""offset_c"":-0.02}]}]}", DataServicesWire.Calibrations);
        Assert.Equal(0.0125m, cal[0].CityReferenceCelsius);
        Assert.Equal(-0.02m, cal[0].Stations[0].OffsetCelsius);
        Assert.Equal("celsius", cal[0].Units);
    }

    [Fact]
    public void Incentive_rewards_are_dollars_from_centi_cents_exactly()
    {
        var p = Read(@"{""id"":""i"",""market_ticker"":""T"",""incentive_type"":""liquidity"",""period_reward"":1234567,""max_reward_per_account"":5,""target_size_fp"":""10.50"",""paid_out"":false}",
            DataServicesWire.IncentiveProgram);
        Assert.Equal(123.4567m, p.PeriodReward);
        Assert.Equal(0.0005m, p.MaxRewardPerAccount);
        Assert.Equal(10.50m, p.TargetSize);
        Assert.False(p.PaidOut);
    }

    [Fact]
    public void Tags_and_sport_filters_become_flat_rows_in_display_order()
    {
        var tags = Read(@"{""tags_by_categories"":{""Crypto"":[""BTC"",""ETH""],""Sports"":[],""Odd"":null}}", DataServicesWire.Tags);
        Assert.Equal(new[] { ("Crypto", "BTC"), ("Crypto", "ETH") }, tags.Select(t => (t.Category, t.Tag)));

        var sports = Read(@"{""filters_by_sports"":{""Basketball"":{""scopes"":[""Game""],""competitions"":{""NBA"":{""scopes"":[""Game"",""Futures""]}}},""Golf"":{}},
            ""sport_ordering"":[""Basketball""]}", DataServicesWire.SportFilters);
        Assert.Equal(new[] { "Basketball", "Golf" }, sports.Select(s => s.Sport));
        Assert.Equal(1, sports[0].Order);
        Assert.Null(sports[1].Order);
        Assert.Equal(new[] { "Game", "Futures" }, (IEnumerable<string>)sports[0].CompetitionScopes["NBA"]);
        Assert.Equal("NBA: Game, Futures", sports[0].CompetitionScopes.ToString());
        Assert.Equal(new[] { "NBA" }, sports[0].Competitions.ToArray());
    }

    [Fact]
    public void Subtraders_caps_and_their_request_bodies()
    {
        var s = Read(@"{""subtrader_id"":""acct_desk1"",""exchange_indices"":[0,""2"",null],""trading_blocked"":true,""fcm_trading_blocked"":false}", FcmWire.Subtrader);
        Assert.Equal(new[] { 0, 2 }, s.ExchangeIndices.ToArray());
        Assert.True(s.TradingBlocked);

        var cap = Read(@"{""subtrader_id"":""acct_desk1"",""limit"":""250.500000"",""executed_utilization"":""10.25"",""resting_order_utilization"":""0.75"",""pending_order_utilization"":""0"",""cap_date"":""2026-12-01""}", FcmWire.Cap);
        Assert.Equal(250.500000m, cap.Limit);
        Assert.Equal(239.5m, cap.Available);
        Assert.Equal("2026-12-01", cap.CapDate);

        Assert.Equal(@"{""subtrader_id"":""acct_desk1"",""limit"":""250.50""}", FcmWire.CapBody("acct_desk1", 250.5m));
        Assert.Equal(@"{""subtrader_id"":""a"",""limit"":""0.0001""}", FcmWire.CapBody("a", 0.0001m));
        Assert.Equal(@"{""subtrader_suffix"":""desk9""}", FcmWire.CreateBody("desk9"));
        Assert.Null(FcmApi.SuffixProblem("desk9"));
        Assert.Contains("upper-case", FcmApi.SuffixProblem("Desk9"));
        Assert.Contains("at most 16", FcmApi.SuffixProblem(new string('a', 17)));
        Assert.NotNull(FcmApi.SuffixProblem(""));
    }

    [Fact]
    public void Index_values_read_each_channel_and_the_relayed_frame()
    {
        var pyth = Read(@"{""underlying_ticker"":""Metal.XAU/USD"",""value_usd"":""2650.25000000"",""source_ts_ms"":1764547200000,""received_at"":1764547200100}",
            (ref Utf8JsonReader r) => IndexValueWire.Value("pyth_value", ref r));
        Assert.Equal(("Metal.XAU/USD", 2650.25000000m), (pyth.IndexId, pyth.Value));
        Assert.Equal(new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), pyth.SourceTime);

        var oneSecond = Read(@"{""index_id"":""BRTI"",""received_at"":1764547200100,""data"":""{\""type\"":\""value\"",\""time\"":1764547200000,\""id\"":\""BRTI\"",\""value\"":\""97250.12345678\""}"",
            ""avg_60s_data"":{""value"":""97249.00000000"",""window_size"":59},""last_60s_windowed_average_15min"":{""value"":""97248.5"",""window_size"":14}}",
            (ref Utf8JsonReader r) => IndexValueWire.Value("cfbenchmarks_value", ref r));
        Assert.Equal(97250.12345678m, oneSecond.Value);                 // from the frame: the message has no value of its own
        Assert.Equal(new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), oneSecond.SourceTime);
        Assert.Equal((97249.00000000m, 59), (oneSecond.Average60s!.Value, oneSecond.Average60sTicks!.Value));
        Assert.Equal(97248.5m, oneSecond.QuarterCloseAverage);

        var garbled = Read(@"{""index_id"":""BRTI"",""data"":""not json""}", (ref Utf8JsonReader r) => IndexValueWire.Value("cfbenchmarks_value", ref r));
        Assert.Null(garbled.Value);
        Assert.Equal("not json", garbled.Data);
    }

    [Fact]
    public void A_ticker_feed_queues_adds_removes_and_resets_and_rejects_non_tickers()
    {
        var source = new System.Collections.ObjectModel.ObservableCollection<string> { "kxa-1", "bad ticker" };
        using var feed = new TickerFeed(source);
        Assert.Equal(new[] { "KXA-1" }, feed.Initial);
        Assert.True(feed.TryTakeRejected(out var rejected));
        Assert.Contains("'bad ticker' is not a market ticker", rejected);

        source.Add("KXB-2");
        source.Remove("kxa-1");
        source.Clear();
        Assert.True(feed.TryTake(out var add));
        Assert.Equal(new[] { "KXB-2" }, add.Added);
        Assert.True(feed.TryTake(out var remove));
        Assert.Equal(new[] { "KXA-1" }, remove.Removed);
        Assert.True(feed.TryTake(out var reset));
        Assert.Empty(reset.Replace!);
        Assert.False(feed.TryTake(out _));

        feed.Dispose();
        source.Add("KXC-3");
        Assert.False(feed.TryTake(out _));                              // unhooked: no more changes
    }

    [Fact]
    public void A_ticker_set_checks_and_normalizes_what_is_added()
    {
        var set = new KalshiTickerSet(new[] { "kxa-1" });
        Assert.True(set.Contains("KXA-1"));
        Assert.False(set.Add("KXA-1"));
        Assert.Throws<ArgumentException>(() => set.Add("../x"));
        Assert.Throws<ArgumentException>(() => set.Add(""));
        var changes = new List<string>();
        set.CollectionChanged += (_, e) => changes.Add(e.Action.ToString());
        set.Add("kxb-2");
        set.Remove("KXA-1");
        Assert.Equal(new[] { "Add", "Remove" }, changes);
        Assert.Equal(new[] { "KXB-2" }, set.ToArray());
    }
}
