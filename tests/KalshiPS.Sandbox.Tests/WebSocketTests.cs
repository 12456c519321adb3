using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

public class WebSocketTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    public async Task InitializeAsync() => _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 20 });
    public async Task DisposeAsync() => await _s.DisposeAsync();

    private async Task<ClientWebSocket> ConnectAsync(bool badSignature = false)
    {
        var ws = new ClientWebSocket();
        using var rsa = RSA.Create(); rsa.ImportFromPem(_s.PrivateKeyPem);
        long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ws.Options.SetRequestHeader("KALSHI-ACCESS-KEY", _s.ApiKeyId);
        ws.Options.SetRequestHeader("KALSHI-ACCESS-TIMESTAMP", ts.ToString());
        ws.Options.SetRequestHeader("KALSHI-ACCESS-SIGNATURE", TestSigning.Sign(rsa, ts + "GET" + (badSignature ? "/trade-api/v2" : "/trade-api/ws/v2")));
        using var cts = new CancellationTokenSource(5000);
        await ws.ConnectAsync(_s.WebSocketUri, cts.Token);
        return ws;
    }

    private static Task SendAsync(ClientWebSocket ws, object cmd) => SandboxSocket.SendAsync(ws, cmd);

    private static Task<JsonElement> ReceiveAsync(ClientWebSocket ws) => SandboxSocket.ReceiveAsync(ws);

    private Market Active() => _s.Exchange.Markets.First(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled);

    [Fact]
    public async Task Handshake_with_wrong_signature_is_rejected()
    {
        var ex = await Assert.ThrowsAnyAsync<WebSocketException>(() => ConnectAsync(badSignature: true));
        Assert.Contains("401", ex.Message);
    }

    [Fact]
    public async Task Snapshot_then_deltas_rebuild_the_engine_book()
    {
        var m = Active();
        using var ws = await ConnectAsync();
        await SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = m.Ticker } });
        var ack = await ReceiveAsync(ws);
        Assert.Equal("subscribed", ack.GetProperty("type").GetString());
        Assert.Equal(1, ack.GetProperty("id").GetInt32());
        int sid = ack.GetProperty("msg").GetProperty("sid").GetInt32();
        var snap = await ReceiveAsync(ws);
        Assert.Equal("orderbook_snapshot", snap.GetProperty("type").GetString());
        Assert.Equal(1, snap.GetProperty("seq").GetInt64());
        var book = new Dictionary<(string, decimal), decimal>();
        foreach (var side in new[] { "yes", "no" })
            if (snap.GetProperty("msg").TryGetProperty(side + "_dollars_fp", out var levels))
                foreach (var l in levels.EnumerateArray()) book[(side, decimal.Parse(l[0].GetString()!))] = decimal.Parse(l[1].GetString()!);

        // Generate traffic: a resting bid, a crossing ask from another user, a cancel.
        var ex = _s.Exchange;
        var bestNo = ex.GetBook(m.Ticker).No[^1];
        var rest = ex.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.01m, Count = 5 });
        ex.PlaceOrder("u2", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 2, TimeInForce = TimeInForce.ImmediateOrCancel });
        ex.CancelOrder("u1", rest.Order.OrderId);
        ex.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Ask, Price = 0.99m, Count = 3 });

        long seq = 1;
        for (int i = 0; i < 4; i++) // +5 rest, -2 trade, -5 cancel, +3 rest
        {
            var d = await ReceiveAsync(ws);
            Assert.Equal("orderbook_delta", d.GetProperty("type").GetString());
            Assert.Equal(sid, d.GetProperty("sid").GetInt32());
            Assert.Equal(++seq, d.GetProperty("seq").GetInt64());
            var msg = d.GetProperty("msg");
            var key = (msg.GetProperty("side").GetString()!, decimal.Parse(msg.GetProperty("price_dollars").GetString()!));
            book[key] = book.GetValueOrDefault(key) + decimal.Parse(msg.GetProperty("delta_fp").GetString()!);
            if (book[key] <= 0) book.Remove(key);
        }
        var engine = ex.GetBook(m.Ticker);
        var expected = engine.Yes.Select(l => (("yes", l.Price), l.Size)).Concat(engine.No.Select(l => (("no", l.Price), l.Size))).OrderBy(x => x.Item1).ToList();
        Assert.Equal(expected, book.Select(kv => (kv.Key, kv.Value)).OrderBy(x => x.Key).ToList());
    }

    [Fact]
    public async Task Commands_errors_list_and_unsubscribe()
    {
        var m = Active();
        using var ws = await ConnectAsync();
        await SendAsync(ws, new { id = 1, cmd = "bogus" });
        Assert.Equal(5, (await ReceiveAsync(ws)).GetProperty("msg").GetProperty("code").GetInt32());
        await SendAsync(ws, new { id = 2, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" } } });
        Assert.Equal(14, (await ReceiveAsync(ws)).GetProperty("msg").GetProperty("code").GetInt32());
        await SendAsync(ws, new { id = 3, cmd = "subscribe", @params = new { channels = new[] { "ticker", "fill" } } });
        var a1 = await ReceiveAsync(ws); var a2 = await ReceiveAsync(ws);
        Assert.Equal("ticker", a1.GetProperty("msg").GetProperty("channel").GetString());
        Assert.Equal("fill", a2.GetProperty("msg").GetProperty("channel").GetString());
        await SendAsync(ws, new { id = 4, cmd = "list_subscriptions" });
        Assert.Equal(2, (await ReceiveAsync(ws)).GetProperty("msg").GetArrayLength());
        await SendAsync(ws, new { id = 5, cmd = "unsubscribe", @params = new { sids = new[] { a1.GetProperty("msg").GetProperty("sid").GetInt32() } } });
        Assert.Equal("unsubscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());
        await SendAsync(ws, new { id = 6, cmd = "unsubscribe", @params = new { sids = new[] { 999 } } });
        Assert.Equal(7, (await ReceiveAsync(ws)).GetProperty("msg").GetProperty("code").GetInt32());
        // A fill for this user arrives on the fill channel.
        var bestNo = _s.Exchange.GetBook(m.Ticker).No[^1];
        _s.Exchange.PlaceOrder(_s.UserId, new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel, ClientOrderId = "ws-fill" });
        var fill = await ReceiveAsync(ws);
        Assert.Equal("fill", fill.GetProperty("type").GetString());
        Assert.Equal("ws-fill", fill.GetProperty("msg").GetProperty("client_order_id").GetString());
        Assert.Equal("1.00", fill.GetProperty("msg").GetProperty("post_position_fp").GetString());
    }

    [Fact]
    public async Task Update_subscription_and_private_channels()
    {
        var markets = _s.Exchange.Markets.Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled).Take(2).ToList();
        using var ws = await ConnectAsync();
        await SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = markets[0].Ticker } });
        int sid = (await ReceiveAsync(ws)).GetProperty("msg").GetProperty("sid").GetInt32();
        Assert.Equal(1, (await ReceiveAsync(ws)).GetProperty("seq").GetInt64());
        await SendAsync(ws, new { id = 2, cmd = "update_subscription", @params = new { sid, action = "add_markets", market_tickers = new[] { markets[1].Ticker } } });
        var snap2 = await ReceiveAsync(ws);
        Assert.Equal("orderbook_snapshot", snap2.GetProperty("type").GetString());
        Assert.Equal(markets[1].Ticker, snap2.GetProperty("msg").GetProperty("market_ticker").GetString());
        Assert.Equal(2, snap2.GetProperty("seq").GetInt64());
        var ok = await ReceiveAsync(ws);
        Assert.Equal("ok", ok.GetProperty("type").GetString());
        Assert.Equal(2, ok.GetProperty("msg").GetProperty("market_tickers").GetArrayLength());
        await SendAsync(ws, new { id = 3, cmd = "update_subscription", @params = new { sid, action = "get_snapshot", market_tickers = new[] { markets[0].Ticker } } });
        Assert.Equal(3, (await ReceiveAsync(ws)).GetProperty("seq").GetInt64());
        await SendAsync(ws, new { id = 4, cmd = "update_subscription", @params = new { sid, action = "nope", market_tickers = new[] { markets[0].Ticker } } });
        Assert.Equal(13, (await ReceiveAsync(ws)).GetProperty("msg").GetProperty("code").GetInt32());
        await SendAsync(ws, new { id = 5, cmd = "unsubscribe", @params = new { sids = new[] { sid } } });
        Assert.Equal("unsubscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());

        await SendAsync(ws, new { id = 6, cmd = "subscribe", @params = new { channels = new[] { "user_orders", "market_positions" } } });
        await ReceiveAsync(ws); await ReceiveAsync(ws);
        var bestNo = _s.Exchange.GetBook(markets[0].Ticker).No[^1];
        _s.Exchange.PlaceOrder(_s.UserId, new OrderRequest { Ticker = markets[0].Ticker, Side = OrderSide.Bid, Price = 1m - bestNo.Price, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel });
        var types = new List<string>();
        for (int i = 0; i < 2; i++) types.Add((await ReceiveAsync(ws)).GetProperty("type").GetString()!);
        Assert.Contains("market_position", types);
        Assert.Contains("user_order", types);
    }

    [Fact]
    public async Task Connection_is_dropped_every_n_data_messages()
    {
        var m = Active();
        _s.Faults.WsDropEveryMessages = 2;
        using var ws = await ConnectAsync();
        await SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = m.Ticker } });
        await ReceiveAsync(ws); await ReceiveAsync(ws); // ack + snapshot (data message 1)
        _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.01m, Count = 1 });
        Assert.Equal("orderbook_delta", (await ReceiveAsync(ws)).GetProperty("type").GetString()); // data message 2
        _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.02m, Count = 1 });
        await Assert.ThrowsAnyAsync<Exception>(() => ReceiveAsync(ws)); // the 3rd data message aborts the connection
        _s.Faults.WsDropEveryMessages = 0;
    }

    [Fact]
    public async Task Injected_seq_gap_and_overflow()
    {
        var m = Active();
        _s.Faults.WsSkipSeqEvery = 2;
        using var ws = await ConnectAsync();
        await SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_tickers = new[] { m.Ticker } } });
        await ReceiveAsync(ws); await ReceiveAsync(ws); // ack, snapshot seq 1
        _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.01m, Count = 1 });
        _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.02m, Count = 1 });
        Assert.Equal(2, (await ReceiveAsync(ws)).GetProperty("seq").GetInt64());
        Assert.Equal(4, (await ReceiveAsync(ws)).GetProperty("seq").GetInt64()); // gap: 3 skipped
        _s.Faults.WsSkipSeqEvery = 0;
        _s.Faults.WsForceOverflowNext = 1;
        _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.03m, Count = 1 });
        var err = await ReceiveAsync(ws);
        Assert.Equal("error", err.GetProperty("type").GetString());
        Assert.Equal(25, err.GetProperty("msg").GetProperty("code").GetInt32());
        await SendAsync(ws, new { id = 9, cmd = "list_subscriptions" });
        Assert.Equal(0, (await ReceiveAsync(ws)).GetProperty("msg").GetArrayLength());
    }

    [Fact]
    public async Task Lost_delta_consumes_its_seq_and_ignored_get_snapshot_gets_no_answer()
    {
        var m = Active();
        _s.Faults.WsLoseDeltaEvery = 2;
        try
        {
            using var ws = await ConnectAsync();
            await SendAsync(ws, new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_tickers = new[] { m.Ticker } } });
            var ack = await ReceiveAsync(ws); await ReceiveAsync(ws); // ack, snapshot seq 1
            int sid = ack.GetProperty("msg").GetProperty("sid").GetInt32();
            _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.01m, Count = 1 });
            _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.02m, Count = 7 }); // lost
            _s.Exchange.PlaceOrder("u1", new OrderRequest { Ticker = m.Ticker, Side = OrderSide.Bid, Price = 0.03m, Count = 1 });
            var d1 = await ReceiveAsync(ws);
            Assert.Equal(2, d1.GetProperty("seq").GetInt64());
            Assert.Equal("0.0100", d1.GetProperty("msg").GetProperty("price_dollars").GetString());
            var d3 = await ReceiveAsync(ws);
            Assert.Equal(4, d3.GetProperty("seq").GetInt64());                          // seq 3 was consumed...
            Assert.Equal("0.0300", d3.GetProperty("msg").GetProperty("price_dollars").GetString()); // ...and its delta (0.02) never arrives
            _s.Faults.WsLoseDeltaEvery = 0;

            _s.Faults.WsIgnoreGetSnapshotNext = 1;
            await SendAsync(ws, new { id = 2, cmd = "update_subscription", @params = new { sid, action = "get_snapshot", market_tickers = new[] { m.Ticker } } });
            await SendAsync(ws, new { id = 3, cmd = "list_subscriptions" });
            var next = await ReceiveAsync(ws);
            Assert.Equal("ok", next.GetProperty("type").GetString()); // nothing for id 2
            Assert.Equal(3, next.GetProperty("id").GetInt32());
            await SendAsync(ws, new { id = 4, cmd = "update_subscription", @params = new { sid, action = "get_snapshot", market_tickers = new[] { m.Ticker } } });
            Assert.Equal("orderbook_snapshot", (await ReceiveAsync(ws)).GetProperty("type").GetString()); // only the next one was ignored
        }
        finally { _s.Faults.WsLoseDeltaEvery = 0; _s.Faults.WsIgnoreGetSnapshotNext = 0; }
    }
}
