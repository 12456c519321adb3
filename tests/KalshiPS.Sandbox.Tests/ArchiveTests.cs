using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>
/// The historical archive: records older than the movable cutoff leave the live endpoints and are served by
/// /historical/* in the spec's shapes; the control endpoint moves the cutoff. Also deposits, withdrawals, the
/// resting-order total and batch queue positions.
/// </summary>
public class ArchiveTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    private Market _traded = null!, _settled = null!;

    public async Task InitializeAsync()
    {
        _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 30, Clock = _clock });
        _c = new TestClient(_s);
        var active = _s.Exchange.Markets.Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled).ToList();
        (_traded, _settled) = (active[0], active[1]);
        foreach (var m in new[] { _traded, _settled }) _s.Exchange.CancelAll(Exchange.HouseUserId, m.Ticker);
        _clock.Offset = TimeSpan.FromDays(-10); // an old history: a fill, an executed order and a settled position
        Trade(_traded.Ticker, 0.40m);
        Trade(_settled.Ticker, 0.30m);
        _s.Exchange.SettleMarket(_settled.Ticker, "yes");
        _clock.Offset = TimeSpan.Zero;
        Trade(_traded.Ticker, 0.45m);
    }

    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    private void Trade(string ticker, decimal price)
    {
        _s.Exchange.PlaceOrder(Exchange.HouseUserId, new OrderRequest { Ticker = ticker, Side = OrderSide.Ask, Price = price, Count = 2 });
        _s.Exchange.PlaceOrder(_s.UserId, new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = price, Count = 2, TimeInForce = TimeInForce.ImmediateOrCancel });
    }

    private async Task MoveCutoff(DateTimeOffset at, int overlapSeconds = 0)
    {
        using var http = new HttpClient();
        var body = new StringContent(JsonSerializer.Serialize(new { at = at.ToString("O"), overlap_seconds = overlapSeconds }), System.Text.Encoding.UTF8, "application/json");
        var resp = await http.PostAsync(_s.ControlUri + "/historical/cutoff", body);
        Assert.Equal(200, (int)resp.StatusCode);
    }

    private static List<string> Strings(JsonElement body, string array, string field) =>
        body.GetProperty(array).EnumerateArray().Select(e => e.GetProperty(field).GetString()!).ToList();

    [Fact]
    public async Task Records_older_than_the_cutoff_move_from_the_live_endpoints_to_the_archive()
    {
        // Default cutoff (90 days back): everything is live, the archive is empty.
        var (_, fills) = await _c.GetAsync("/portfolio/fills");
        Assert.Equal(3, fills.GetProperty("fills").GetArrayLength());
        Assert.Empty((await _c.GetAsync("/historical/fills")).Body.GetProperty("fills").EnumerateArray());

        await MoveCutoff(DateTimeOffset.UtcNow.AddDays(-5));

        var live = (await _c.GetAsync("/portfolio/fills")).Body;
        var archived = (await _c.GetAsync("/historical/fills")).Body;
        Assert.Single(live.GetProperty("fills").EnumerateArray());
        Assert.Equal(2, archived.GetProperty("fills").GetArrayLength());
        Assert.Empty(Strings(live, "fills", "fill_id").Intersect(Strings(archived, "fills", "fill_id")));
        Assert.Equal("0.4000", archived.GetProperty("fills").EnumerateArray().First(f => f.GetProperty("ticker").GetString() == _traded.Ticker).GetProperty("yes_price_dollars").GetString());

        // Orders: the two old executed ones are archived (resting ones never are).
        var orders = Strings((await _c.GetAsync("/historical/orders")).Body, "orders", "status");
        Assert.Equal(new[] { "executed", "executed" }, orders);
        Assert.All(Strings((await _c.GetAsync("/portfolio/orders")).Body, "orders", "last_update_time"),
            t => Assert.True(DateTimeOffset.Parse(t) > DateTimeOffset.UtcNow.AddDays(-5)));

        // Trades: public, same split.
        var oldTrades = (await _c.GetAsync($"/historical/trades?ticker={_traded.Ticker}", sign: false)).Body;
        Assert.Single(oldTrades.GetProperty("trades").EnumerateArray());
        Assert.DoesNotContain(Strings((await _c.GetAsync($"/markets/trades?ticker={_traded.Ticker}&limit=1000", false)).Body, "trades", "trade_id"),
            Strings(oldTrades, "trades", "trade_id").Contains);

        // The market settled ten days ago is gone from /markets and found in /historical/markets.
        Assert.Equal(404, (await _c.GetAsync($"/markets/{_settled.Ticker}", false)).Status);
        Assert.DoesNotContain(_settled.Ticker, Strings((await _c.GetAsync("/markets?limit=1000", false)).Body, "markets", "ticker"));
        Assert.Equal(new[] { _settled.Ticker }, Strings((await _c.GetAsync("/historical/markets", false)).Body, "markets", "ticker"));
        Assert.Equal("finalized", (await _c.GetAsync($"/historical/markets/{_settled.Ticker}", false)).Body.GetProperty("market").GetProperty("status").GetString());
        Assert.Equal(404, (await _c.GetAsync($"/historical/markets/{_traded.Ticker}", false)).Status);

        // The settled (flat) position is archived; the open one stays live.
        var positions = (await _c.GetAsync("/historical/positions")).Body;
        Assert.Equal(new[] { _settled.Ticker }, Strings(positions, "market_positions", "ticker"));
        Assert.Equal(_settled.EventTicker, Strings(positions, "event_positions", "event_ticker").Single());
        Assert.Equal(new[] { _traded.Ticker }, Strings((await _c.GetAsync("/portfolio/positions")).Body, "market_positions", "ticker"));
    }

    [Fact]
    public async Task Archived_candles_use_the_historical_spelling_and_live_candles_refuse_archived_markets()
    {
        await MoveCutoff(DateTimeOffset.UtcNow.AddDays(-5));
        long start = DateTimeOffset.UtcNow.AddDays(-11).ToUnixTimeSeconds(), end = DateTimeOffset.UtcNow.AddDays(-9).ToUnixTimeSeconds();
        var (status, body) = await _c.GetAsync($"/historical/markets/{_settled.Ticker}/candlesticks?start_ts={start}&end_ts={end}&period_interval=60", false);
        Assert.Equal(200, status);
        var candle = Assert.Single(body.GetProperty("candlesticks").EnumerateArray());
        Assert.Equal("0.3000", candle.GetProperty("price").GetProperty("close").GetString());
        Assert.Equal("0.3000", candle.GetProperty("price").GetProperty("mean").GetString());
        Assert.Equal("2.00", candle.GetProperty("volume").GetString());
        Assert.False(candle.TryGetProperty("volume_fp", out _));
        Assert.True(candle.GetProperty("yes_bid").TryGetProperty("close", out _));
        Assert.Equal(404, (await _c.GetAsync($"/series/{_settled.SeriesTicker}/markets/{_settled.Ticker}/candlesticks?start_ts={start}&end_ts={end}&period_interval=60", false)).Status);
        Assert.Equal(401, (await _c.GetAsync("/historical/fills", sign: false)).Status); // the account's archive needs a key
    }

    [Fact]
    public async Task An_overlap_puts_records_in_both_as_while_kalshi_archives()
    {
        await MoveCutoff(DateTimeOffset.UtcNow.AddDays(-5), overlapSeconds: 30 * 86400);
        var live = Strings((await _c.GetAsync("/portfolio/fills")).Body, "fills", "fill_id");
        var archived = Strings((await _c.GetAsync("/historical/fills")).Body, "fills", "fill_id");
        Assert.Single(live);
        Assert.Equal(3, archived.Count);
        Assert.Contains(live[0], archived);
    }

    [Fact]
    public async Task Control_endpoint_moves_one_cutoff_at_a_time_and_refuses_bad_times()
    {
        using var http = new HttpClient();
        var at = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var resp = await http.PostAsync(_s.ControlUri + "/historical/cutoff", new StringContent($"{{\"trades_created_ts\":{at.ToUnixTimeSeconds()}}}"));
        Assert.Equal(200, (int)resp.StatusCode);
        Assert.Equal(at, _s.HistoricalCutoff.TradesCreated);
        Assert.NotEqual(at, _s.HistoricalCutoff.OrdersUpdated);
        var (_, cutoff) = await _c.GetAsync("/historical/cutoff", false);
        Assert.Equal("2026-09-01T00:00:00.000Z", cutoff.GetProperty("trades_created_ts").GetString());
        resp = await http.PostAsync(_s.ControlUri + "/historical/cutoff", new StringContent("{\"at\":\"yesterday\"}"));
        Assert.Equal(400, (int)resp.StatusCode);
    }

    [Fact]
    public async Task Deposits_withdrawals_and_resting_value_in_cents_and_batch_queue_positions()
    {
        _s.Exchange.RecordMovement(_s.UserId, "deposit", 50m, "wire", "pending");
        _s.Exchange.RecordMovement(_s.UserId, "withdrawal", 20m, "ach", "applied", 0.25m);
        var deposits = (await _c.GetAsync("/portfolio/deposits")).Body.GetProperty("deposits").EnumerateArray().ToList();
        Assert.Equal(2, deposits.Count);
        Assert.Equal(("pending", "wire", 5000L), (deposits[0].GetProperty("status").GetString(), deposits[0].GetProperty("type").GetString(), deposits[0].GetProperty("amount_cents").GetInt64()));
        Assert.False(deposits[0].TryGetProperty("finalized_ts", out _));
        Assert.Equal(1_000_000L, deposits[1].GetProperty("amount_cents").GetInt64()); // the opening deposit of the starting balance
        var withdrawal = Assert.Single((await _c.GetAsync("/portfolio/withdrawals")).Body.GetProperty("withdrawals").EnumerateArray());
        Assert.Equal(25L, withdrawal.GetProperty("fee_cents").GetInt64());
        Assert.Equal(400, (await _c.GetAsync("/portfolio/deposits?limit=501")).Status);

        // Two bids at one price: the counterparty's 3 are ahead of ours.
        var ticker = _traded.Ticker;
        _s.Exchange.PlaceOrder("counterparty", new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = 0.05m, Count = 3 });
        var mine = _s.Exchange.PlaceOrder(_s.UserId, new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = 0.05m, Count = 4 }).Order;
        var (status, q) = await _c.GetAsync($"/portfolio/orders/queue_positions?market_tickers={ticker}");
        Assert.Equal(200, status);
        var item = Assert.Single(q.GetProperty("queue_positions").EnumerateArray());
        Assert.Equal((mine.OrderId, ticker, "3.00"), (item.GetProperty("order_id").GetString(), item.GetProperty("market_ticker").GetString(), item.GetProperty("queue_position_fp").GetString()));
        Assert.Empty((await _c.GetAsync($"/portfolio/orders/queue_positions?event_ticker={_settled.EventTicker}X")).Body.GetProperty("queue_positions").EnumerateArray());

        var (_, resting) = await _c.GetAsync("/portfolio/summary/total_resting_order_value");
        Assert.Equal(20L, resting.GetProperty("total_resting_order_value").GetInt64()); // 4 x $0.05
        Assert.Equal("0.2000", resting.GetProperty("resting_order_value_breakdown")[0].GetProperty("balance").GetString());
    }
}
