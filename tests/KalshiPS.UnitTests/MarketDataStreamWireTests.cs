using System.Text;
using System.Text.Json;
using KalshiPS.Cmdlets;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>
/// Batch and event candlestick answers, lifecycle message types, and the reconnect reconciliation of state channels
/// (user_orders, market_positions), driven with literal frames and a fake connection.
/// </summary>
public class MarketDataStreamWireTests
{
    private static StreamMessage M(string json) => StreamFrames.M(json, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));

    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }


    [Fact]
    public void A_batch_answer_names_each_candle_by_its_market_whatever_the_field_order()
    {
        var answer = Read("""
            {"markets":[
              {"candlesticks":[{"end_period_ts":1767225600,"price":{"close_dollars":"0.5600"},"volume_fp":"3.00","extra":{"x":1}}],"market_ticker":"A-1"},
              {"market_ticker":"B-2","candlesticks":[]},
              {"market_ticker":"C-3","candlesticks":[{"end_period_ts":1767225600,"price":{"close_dollars":"0.10"}},{"end_period_ts":1767229200,"price":{"close_dollars":null}}]}
            ],"unknown":true}
            """, (ref Utf8JsonReader r) => MarketDataWire.CandleBatch(ref r, 60));
        Assert.Equal(new[] { "A-1", "C-3", "C-3" }, answer.Candles.Select(c => c.Ticker));
        Assert.Equal(new[] { "A-1", "B-2", "C-3" }, answer.Markets.OrderBy(t => t));       // B-2 is known, just empty
        Assert.Equal(0.5600m, answer.Candles[0].Close);
        Assert.Equal("0.5600", answer.Candles[0].Close!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(answer.Candles[2].Close);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), answer.Candles[0].EndTime);
        Assert.All(answer.Candles, c => Assert.Equal(60, c.PeriodMinutes));
    }

    [Fact]
    public void An_event_answer_pairs_market_tickers_with_candle_arrays_by_position()
    {
        var answer = Read("""
            {"market_candlesticks":[[{"end_period_ts":1767225600,"price":{"close_dollars":"0.20"}}],[],[{"end_period_ts":1767225600,"price":{"close_dollars":"0.70"}}]],
             "market_tickers":["E-A","E-B","E-C"],"adjusted_end_ts":1767229200}
            """, (ref Utf8JsonReader r) => MarketDataWire.EventCandlesticks(ref r, "E", 1440));
        Assert.Equal(new[] { ("E-A", 0.20m), ("E-C", 0.70m) }, answer.Candles.Select(c => (c.Ticker!, c.Close!.Value)));
        Assert.All(answer.Candles, c => { Assert.Equal("E", c.EventTicker); Assert.Equal(1440, c.PeriodMinutes); });
        Assert.Equal(1767229200, answer.AdjustedEndTs);
    }

    [Theory]
    [InlineData(1, 60, 100)]        // a day of hourly candles: the ticker limit
    [InlineData(3, 1, 2)]           // 3 days of minute candles: 4,321 per market
    [InlineData(8, 1, 1)]           // more than 10,000 per market: one at a time
    public void Batches_keep_within_100_tickers_and_10000_candles(int days, int period, int expectedSize)
    {
        var tickers = Enumerable.Range(0, 250).Select(i => "T-" + i).ToList();
        long end = 1_800_000_000, start = end - days * 86400L;
        var batches = GetKalshiCandlestickCommand.Batches(tickers, start, end, period).ToList();
        Assert.Equal(expectedSize, batches[0].Count);
        Assert.Equal(tickers, batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.True(b.Count * ((end - start) / (period * 60) + 1) <= 10000 || b.Count == 1));
    }

    [Fact]
    public void Lifecycle_frames_become_typed_objects_with_their_message_type()
    {
        var market = StreamWire.Lifecycle(M("""{"type":"market_lifecycle_v2","sid":1,"seq":1,"msg":{"market_ticker":"M-1","event_type":"determined","result":"yes","settlement_value":"1.0000","determination_ts":1767225600,"new_field":[1]}}"""));
        var m = Assert.IsType<KalshiLifecycleEvent>(market);
        Assert.Equal(LifecycleMessageType.MarketLifecycle, m.MessageType);
        Assert.Equal(("M-1", "Determined", "Yes", 1.0000m), (m.Ticker, m.EventType, m.Result, m.SettlementValue!.Value));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), m.Timestamp);

        var ev = Assert.IsType<KalshiEventLifecycle>(StreamWire.Lifecycle(M("""{"type":"event_lifecycle","sid":1,"seq":2,"msg":{"event_ticker":"E","series_ticker":"S","title":"T","subtitle":"U","collateral_return_type":"MECNET","strike_date":1767225600}}""")));
        Assert.Equal(LifecycleMessageType.EventLifecycle, ev.MessageType);
        Assert.Equal(("E", "S", "T", "U", "MECNET"), (ev.EventTicker, ev.SeriesTicker, ev.Title, ev.Subtitle, ev.CollateralReturnType));
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), ev.StrikeDate);

        var fee = Assert.IsType<KalshiEventFeeUpdate>(StreamWire.Lifecycle(M("""{"type":"event_fee_update","sid":1,"seq":3,"msg":{"event_ticker":"E","fee_type_override":"quadratic_with_maker_fees","fee_multiplier_override":0.5}}""")));
        Assert.Equal(LifecycleMessageType.EventFeeUpdate, fee.MessageType);
        Assert.Equal(("QuadraticWithMakerFees", 0.5m, false), (fee.FeeTypeOverride, fee.FeeMultiplierOverride!.Value, fee.Cleared));
        var cleared = Assert.IsType<KalshiEventFeeUpdate>(StreamWire.Lifecycle(M("""{"type":"event_fee_update","sid":1,"seq":4,"msg":{"event_ticker":"E","fee_type_override":null,"fee_multiplier_override":null}}""")));
        Assert.True(cleared.Cleared);

        var combo = Assert.IsType<KalshiLifecycleEvent>(StreamWire.Lifecycle(M("""{"type":"multivariate_market_lifecycle","sid":2,"seq":1,"msg":{"market_ticker":"KXMVE-1","event_type":"created"}}""")));
        Assert.Equal(LifecycleMessageType.MultivariateMarketLifecycle, combo.MessageType);
        Assert.Null(StreamWire.Lifecycle(M("""{"type":"something_new","sid":1,"seq":5,"msg":{}}""")));
    }

    [Fact]
    public void A_ticker_filter_passes_the_events_of_the_watched_markets()
    {
        var filter = new LifecycleFilter(new[] { "KXA-26JAN01-T1", "ODD-TICKER" }, t => t == "ODD-TICKER" ? "KXODDEVENT" : null);
        Assert.True(filter.Accepts(new KalshiLifecycleEvent { Ticker = "KXA-26JAN01-T1" }));
        Assert.False(filter.Accepts(new KalshiLifecycleEvent { Ticker = "KXA-26JAN01-T2" }));
        Assert.True(filter.Accepts(new KalshiEventFeeUpdate { EventTicker = "KXA-26JAN01" }));   // by Kalshi's ticker scheme
        Assert.True(filter.Accepts(new KalshiEventLifecycle { EventTicker = "KXODDEVENT" }));   // from the catalog
        Assert.False(filter.Accepts(new KalshiEventLifecycle { EventTicker = "KXA-26JAN0" }));  // a prefix, not the event
        Assert.False(filter.Accepts(new KalshiEventFeeUpdate { EventTicker = "KXB-26JAN01" }));
    }


    private static string OrderMsg(string id, string status, string filled, string remaining, long updatedMs) =>
        $$"""{"order_id":"{{id}}","ticker":"M-1","status":"{{status}}","yes_price_dollars":"0.4000","initial_count_fp":"5.00","fill_count_fp":"{{filled}}","remaining_count_fp":"{{remaining}}","last_updated_ts_ms":{{updatedMs}}}""";

    private static KalshiOrder Order(string id, string status, string filled, string remaining, DateTime updated) =>
        PortfolioWire.Order(JsonDocument.Parse(OrderMsg(id, status, filled, remaining, new DateTimeOffset(updated).ToUnixTimeMilliseconds())).RootElement);

    [Fact]
    public async Task After_a_resubscribe_orders_changed_meanwhile_are_written_once_and_nothing_twice()
    {
        var t0 = new DateTime(2026, 1, 2, 3, 0, 0, DateTimeKind.Utc);
        var rest = new List<KalshiOrder>();
        var written = new List<KalshiOrder>();
        var h = new StateReconcilingHandler<KalshiOrder>("user_orders", "user_order", Array.Empty<string>(), StreamWire.Order,
            o => o.OrderId, o => o.Ticker, o => StateReconcilingHandler<KalshiOrder>.Fingerprint(o.Status, o.Count, o.FilledCount, o.RemainingCount, o.YesPrice),
            o => o.LastUpdateTime, ct => Task.FromResult<IReadOnlyList<KalshiOrder>>(rest.ToList()), "Get-KalshiOrder", written.Add);
        var ctx = new FakeStreamContext { UtcNow = t0 };
        string Sub(long id, int sid) => "{\"id\":" + id + ",\"type\":\"subscribed\",\"msg\":{\"channel\":\"user_orders\",\"sid\":" + sid + "}}";

        await h.OnConnectedAsync(ctx, false, default);
        await h.OnMessageAsync(ctx, M(Sub(ctx.Commands, 1)), default);
        // Live: an order rests, then is partly filled; a repeated frame of the same state is not written again.
        ctx.UtcNow = t0.AddSeconds(10);
        await h.OnMessageAsync(ctx, M($$"""{"type":"user_order","sid":1,"msg":{{OrderMsg("a", "resting", "0.00", "5.00", 0)}}}"""), default);
        await h.OnMessageAsync(ctx, M($$"""{"type":"user_order","sid":1,"msg":{{OrderMsg("a", "resting", "2.00", "3.00", 0)}}}"""), default);
        await h.OnMessageAsync(ctx, M($$"""{"type":"user_order","sid":1,"msg":{{OrderMsg("a", "resting", "2.00", "3.00", 0)}}}"""), default);
        Assert.Equal(2, written.Count);

        // Down for a while: "a" is filled out, "b" is placed and canceled, "old" last changed before the stream began.
        rest.Add(Order("a", "executed", "5.00", "0.00", t0.AddSeconds(30)));
        rest.Add(Order("b", "canceled", "0.00", "0.00", t0.AddSeconds(35)));
        rest.Add(Order("old", "resting", "0.00", "5.00", t0.AddMinutes(-30)));
        ctx.UtcNow = t0.AddSeconds(60);
        await h.OnConnectedAsync(ctx, true, default);
        await h.OnMessageAsync(ctx, M(Sub(ctx.Commands, 2)), default);
        Assert.Equal(new[] { "a|Executed", "b|Canceled" }, written.Skip(2).Select(o => o.OrderId + "|" + o.Status));
        Assert.Equal(2, h.Reconciled);
        Assert.Empty(ctx.Warnings);
        Assert.Contains(ctx.VerboseLines, v => v.Contains("2 missed update(s)"));

        // The stream then repeats a's final state (sent just as the socket came back): a duplicate, not written.
        await h.OnMessageAsync(ctx, M($$"""{"type":"user_order","sid":2,"msg":{{OrderMsg("a", "executed", "5.00", "0.00", 0)}}}"""), default);
        Assert.Equal(4, written.Count);
        // A second reconnect with nothing new writes nothing (a and b are older than the last live moment).
        ctx.UtcNow = t0.AddSeconds(120);
        await h.OnConnectedAsync(ctx, true, default);
        await h.OnMessageAsync(ctx, M(Sub(ctx.Commands, 3)), default);
        Assert.Equal(4, written.Count);
    }

    [Fact]
    public async Task A_failed_reconciliation_is_a_warning_that_names_the_command_to_check()
    {
        var h = new StateReconcilingHandler<KalshiPosition>("market_positions", "market_position", Array.Empty<string>(), StreamWire.Position,
            p => p.Ticker, p => p.Ticker, p => StateReconcilingHandler<KalshiPosition>.Fingerprint(p.Position), p => p.LastUpdated,
            ct => throw new InvalidOperationException("503 from the exchange"), "Get-KalshiPosition", _ => { });
        var ctx = new FakeStreamContext();
        await h.OnConnectedAsync(ctx, false, default);
        await h.OnMessageAsync(ctx, M("{\"id\":" + ctx.Commands + ",\"type\":\"subscribed\",\"msg\":{\"channel\":\"market_positions\",\"sid\":1}}"), default);
        await h.OnConnectedAsync(ctx, true, default);
        await h.OnMessageAsync(ctx, M("{\"id\":" + ctx.Commands + ",\"type\":\"subscribed\",\"msg\":{\"channel\":\"market_positions\",\"sid\":2}}"), default);
        var warning = Assert.Single(ctx.Warnings);
        Assert.Contains("503 from the exchange", warning);
        Assert.Contains("Get-KalshiPosition", warning);
    }

    [Fact]
    public async Task After_a_failed_read_the_next_reconnect_still_covers_the_first_outage()
    {
        var t0 = new DateTime(2026, 1, 2, 3, 0, 0, DateTimeKind.Utc);
        int calls = 0;
        var written = new List<KalshiPosition>();
        var position = PortfolioWire.Position(JsonDocument.Parse($$"""{"ticker":"M-1","position_fp":"3.00","realized_pnl_dollars":"0.00","last_updated_ts":"{{t0.AddSeconds(20):yyyy-MM-ddTHH:mm:ssZ}}"}""").RootElement);
        var h = new StateReconcilingHandler<KalshiPosition>("market_positions", "market_position", Array.Empty<string>(), StreamWire.Position,
            p => p.Ticker, p => p.Ticker, p => StateReconcilingHandler<KalshiPosition>.Fingerprint(p.Position, p.RealizedPnl), p => p.LastUpdated,
            ct => ++calls == 1 ? throw new InvalidOperationException("503") : Task.FromResult<IReadOnlyList<KalshiPosition>>(new[] { position }),
            "Get-KalshiPosition", written.Add);
        var ctx = new FakeStreamContext { UtcNow = t0 };
        async Task Subscribe(int sid)
        {
            await h.OnConnectedAsync(ctx, sid > 1, default);
            await h.OnMessageAsync(ctx, M("{\"id\":" + ctx.Commands + ",\"type\":\"subscribed\",\"msg\":{\"channel\":\"market_positions\",\"sid\":" + sid + "}}"), default);
        }
        await Subscribe(1);               // live at t0; the position changes at t0+20 while the socket is down
        ctx.UtcNow = t0.AddSeconds(30);
        await Subscribe(2);               // the REST read fails
        ctx.UtcNow = t0.AddSeconds(60);
        await Subscribe(3);               // still reads from t0, so the change at t0+20 is recovered
        Assert.Single(ctx.Warnings);
        Assert.Equal(3m, Assert.Single(written).Position);
    }

    [Fact]
    public void State_fingerprints_compare_decimals_by_value()
    {
        Assert.Equal(StateReconcilingHandler<KalshiPosition>.Fingerprint(0.56m, "x", null), StateReconcilingHandler<KalshiPosition>.Fingerprint(0.5600m, "x", null));
        Assert.Equal(StateReconcilingHandler<KalshiPosition>.Fingerprint(10m), StateReconcilingHandler<KalshiPosition>.Fingerprint(10.00m));
        Assert.NotEqual(StateReconcilingHandler<KalshiPosition>.Fingerprint(10m), StateReconcilingHandler<KalshiPosition>.Fingerprint(1m));
    }
}
