using System.Net.Http;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

public class RestTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    public async Task InitializeAsync() { _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 120 }); _c = new TestClient(_s); }
    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    private Market ActiveLinear() => _s.Exchange.Markets.First(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled);

    private static object Order(string ticker, string side, string price, string count, string tif = "good_till_canceled", string? cid = null) => new
    {
        ticker, side, price, count, time_in_force = tif, self_trade_prevention_type = "taker_at_cross", client_order_id = cid ?? Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task Markets_paginate_with_cursor_and_validate_limit()
    {
        var seen = new List<string>();
        string cursor = "";
        int pages = 0;
        do
        {
            var (st, body) = await _c.GetAsync("/markets?limit=50" + (cursor == "" ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), sign: false);
            Assert.Equal(200, st);
            seen.AddRange(body.GetProperty("markets").EnumerateArray().Select(m => m.GetProperty("ticker").GetString()!));
            cursor = body.GetProperty("cursor").GetString()!;
            pages++;
        } while (cursor != "");
        Assert.Equal(3, pages);
        Assert.Equal(120, seen.Distinct().Count());
        Assert.Equal(400, (await _c.GetAsync("/markets?limit=1001", false)).Status);
        Assert.Equal(400, (await _c.GetAsync("/markets?cursor=garbage!", false)).Status);
        var (_, open) = await _c.GetAsync("/markets?status=open&limit=1000", false);
        Assert.All(open.GetProperty("markets").EnumerateArray(), m => Assert.Equal("active", m.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Orders_paginate_newest_first_and_are_stable_under_inserts()
    {
        var m = ActiveLinear();
        for (int i = 0; i < 5; i++) await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "1.00", cid: "p" + i));
        var (_, p1) = await _c.GetAsync("/portfolio/orders?limit=2");
        Assert.Equal(new[] { "p4", "p3" }, p1.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("client_order_id").GetString()));
        await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "1.00", cid: "late"));
        var (_, p2) = await _c.GetAsync("/portfolio/orders?limit=2&cursor=" + Uri.EscapeDataString(p1.GetProperty("cursor").GetString()!));
        Assert.Equal(new[] { "p2", "p1" }, p2.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("client_order_id").GetString()));
        var (_, p3) = await _c.GetAsync("/portfolio/orders?limit=2&cursor=" + Uri.EscapeDataString(p2.GetProperty("cursor").GetString()!));
        Assert.Equal(new[] { "p0" }, p3.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("client_order_id").GetString()));
        Assert.Equal("", p3.GetProperty("cursor").GetString());
        var (_, trades) = await _c.GetAsync($"/markets/trades?ticker={m.Ticker}&limit=2", false);
        Assert.True(trades.GetProperty("trades").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Market_shape_and_404()
    {
        var m = ActiveLinear();
        var (st, body) = await _c.GetAsync("/markets/" + m.Ticker, false);
        Assert.Equal(200, st);
        var mk = body.GetProperty("market");
        Assert.Matches(@"^\d\.\d{4}$", mk.GetProperty("yes_bid_dollars").GetString());
        Assert.Matches(@"^\d+\.\d{2}$", mk.GetProperty("volume_fp").GetString());
        Assert.False(mk.TryGetProperty("yes_bid", out _));
        Assert.Equal("linear_cent", mk.GetProperty("price_level_structure").GetString());
        var book = _s.Exchange.GetBook(m.Ticker);
        Assert.Equal(book.Yes[^1].Price.ToString("0.0000"), mk.GetProperty("yes_bid_dollars").GetString());
        Assert.Equal(404, (await _c.GetAsync("/no/such/route")).Status);
        var (nf, err) = await _c.GetAsync("/markets/NOPE-1", false);
        Assert.Equal(404, nf);
        Assert.Equal("not_found", err.GetProperty("error").GetProperty("code").GetString());
        var (_, ob) = await _c.GetAsync($"/markets/{m.Ticker}/orderbook?depth=1", false);
        Assert.Single(ob.GetProperty("orderbook_fp").GetProperty("yes_dollars").EnumerateArray());
    }

    [Fact]
    public async Task V1_writes_are_gone()
    {
        var (st, body) = await _c.PostAsync("/portfolio/orders", new { ticker = "X" });
        Assert.Equal(410, st);
        Assert.Equal("deprecated_v1_order_endpoint", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(410, (await _c.DeleteAsync("/portfolio/orders/abc")).Status);
    }

    [Fact]
    public async Task Create_then_duplicate_client_order_id_is_409_and_counted()
    {
        var m = ActiveLinear();
        var (st, body) = await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "2.00", cid: "dup-1"));
        Assert.Equal(201, st);
        Assert.Equal("dup-1", body.GetProperty("client_order_id").GetString());
        Assert.Equal("2.00", body.GetProperty("remaining_count").GetString());
        var (dup, err) = await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "2.00", cid: "dup-1"));
        Assert.Equal(409, dup);
        Assert.Equal("order_already_exists", err.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, _s.RequestCount("POST", "/portfolio/events/orders"));
        var (g, order) = await _c.GetAsync("/portfolio/orders/" + body.GetProperty("order_id").GetString());
        Assert.Equal(200, g);
        Assert.Equal("resting", order.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(404, (await _c.GetAsync("/portfolio/orders/unknown")).Status);
    }

    [Fact]
    public async Task Batch_create_reports_per_item_errors()
    {
        var m = ActiveLinear();
        var (st, body) = await _c.PostAsync("/portfolio/events/orders/batched", new
        {
            orders = new[] { Order(m.Ticker, "bid", "0.0100", "1.00"), Order(m.Ticker, "bid", "0.0150", "1.00"), Order("NOPE", "bid", "0.0100", "1.00") },
        });
        Assert.Equal(201, st);
        var items = body.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.False(items[0].TryGetProperty("error", out _));
        Assert.Equal("invalid_price", items[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("market_not_found", items[2].GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Balance_positions_fills_and_settlement_arithmetic()
    {
        var m = ActiveLinear();
        var bestNo = _s.Exchange.GetBook(m.Ticker).No[^1];
        decimal yesAsk = 1m - bestNo.Price;
        // Buy 3 YES at the best ask (IOC).
        var (st, created) = await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", yesAsk.ToString("0.0000"), "3.00", "immediate_or_cancel"));
        Assert.Equal(201, st);
        Assert.Equal("3.00", created.GetProperty("fill_count").GetString());
        var (_, bal) = await _c.GetAsync("/portfolio/balance");
        Assert.Equal(Fp.Cents(10000m - 3 * yesAsk), bal.GetProperty("balance").GetInt64());
        var (_, pos) = await _c.GetAsync("/portfolio/positions?ticker=" + m.Ticker);
        var p = Assert.Single(pos.GetProperty("market_positions").EnumerateArray());
        Assert.Equal("3.00", p.GetProperty("position_fp").GetString());
        Assert.Equal((3 * yesAsk).ToString("0.0000"), p.GetProperty("market_exposure_dollars").GetString());
        var (_, fills) = await _c.GetAsync("/portfolio/fills?ticker=" + m.Ticker);
        Assert.Equal(3m, fills.GetProperty("fills").EnumerateArray().Sum(f => decimal.Parse(f.GetProperty("count_fp").GetString()!)));
        // Settle YES through the control endpoint.
        using var http = new HttpClient();
        var resp = await http.PostAsync(_s.ControlUri + $"/markets/{m.Ticker}/settle", new StringContent("{\"result\":\"yes\"}"));
        Assert.True(resp.IsSuccessStatusCode);
        var (_, bal2) = await _c.GetAsync("/portfolio/balance");
        Assert.Equal(Fp.Cents(10000m - 3 * yesAsk + 3m), bal2.GetProperty("balance").GetInt64());
        var (_, sets) = await _c.GetAsync("/portfolio/settlements");
        var s = Assert.Single(sets.GetProperty("settlements").EnumerateArray());
        Assert.Equal(300, s.GetProperty("revenue").GetInt64());
        Assert.Equal("yes", s.GetProperty("market_result").GetString());
    }

    [Fact]
    public async Task Cancel_amend_decrease_and_cancel_all()
    {
        var m = ActiveLinear();
        var (_, a) = await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "10.00"));
        string id = a.GetProperty("order_id").GetString()!;
        var (d, dec) = await _c.PostAsync($"/portfolio/events/orders/{id}/decrease", new { reduce_by = "4.00" });
        Assert.Equal(200, d);
        Assert.Equal("6.00", dec.GetProperty("remaining_count").GetString());
        Assert.Equal(400, (await _c.PostAsync($"/portfolio/events/orders/{id}/decrease", new { reduce_by = "1.00", reduce_to = "1.00" })).Status);
        var (am, amend) = await _c.PostAsync($"/portfolio/events/orders/{id}/amend", new { price = "0.0200", count = "8.00" });
        Assert.Equal(200, am);
        Assert.Equal("8.00", amend.GetProperty("remaining_count").GetString());
        var (c, cancel) = await _c.DeleteAsync($"/portfolio/events/orders/{id}?market_ticker={m.Ticker}");
        Assert.Equal(200, c);
        Assert.Equal("8.00", cancel.GetProperty("reduced_by").GetString());
        await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "1.00"));
        Assert.Equal(204, (await _c.DeleteAsync("/portfolio/events/orders")).Status);
        var (_, resting) = await _c.GetAsync("/portfolio/orders?status=resting");
        Assert.Empty(resting.GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task Faults_rate_limit_and_fail_after_commit()
    {
        var m = ActiveLinear();
        _s.Faults.FailNextCreateAfterCommit = 1;
        var (st, _) = await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "1.00", cid: "retry-me"));
        Assert.Equal(503, st);
        Assert.Contains(_s.Exchange.GetOrders(_s.UserId), o => o.ClientOrderId == "retry-me");   // it was placed
        Assert.Equal(409, (await _c.PostAsync("/portfolio/events/orders", Order(m.Ticker, "bid", "0.0100", "1.00", cid: "retry-me"))).Status);

        _s.Faults.ReadTokensPerSecond = 20; // two GETs of 10 tokens, then 429
        Assert.Equal(200, (await _c.GetAsync("/portfolio/balance")).Status);
        Assert.Equal(200, (await _c.GetAsync("/portfolio/balance")).Status);
        var (limited, body) = await _c.GetAsync("/portfolio/balance");
        Assert.Equal(429, limited);
        Assert.Equal("too many requests", body.GetProperty("error").GetString());
        _s.Faults.ReadTokensPerSecond = 0;

        _s.Faults.FailNextRequests = 1;
        Assert.Equal(503, (await _c.GetAsync("/markets", false)).Status);
        Assert.Equal(200, (await _c.GetAsync("/markets", false)).Status);
    }
}
