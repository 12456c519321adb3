using System.Diagnostics;
using System.Net.Http;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

public class ServerTests
{
    [Fact]
    public async Task Starts_fast_and_is_deterministic_per_seed()
    {
        await (await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 5 })).DisposeAsync(); // warm-up (JIT)
        var sw = Stopwatch.StartNew();
        await using var a = await SandboxServer.StartAsync(new SandboxOptions { Seed = 7 });
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"startup took {sw.Elapsed}");
        await using var b = await SandboxServer.StartAsync(new SandboxOptions { Seed = 7 });
        Assert.Equal(60, a.Exchange.Markets.Count);
        Assert.Equal(a.Exchange.Markets.Select(m => m.Ticker + m.Status + m.PriceStructure), b.Exchange.Markets.Select(m => m.Ticker + m.Status + m.PriceStructure));
        var t = a.Exchange.Markets.First(m => m.Status == "active").Ticker;
        Assert.Equal(a.Exchange.GetBook(t).Yes, b.Exchange.GetBook(t).Yes);
        Assert.NotEqual(a.Port, b.Port);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(a.PrivateKeyPath));
        Assert.Equal($"http://127.0.0.1:{a.Port}/trade-api/v2", a.RestUri.ToString());
    }

    [Fact]
    public async Task SignRequest_headers_are_accepted()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 5 });
        using var http = new HttpClient();
        var req = new HttpRequestMessage(HttpMethod.Get, s.RestUri + "/portfolio/balance?x=1");
        foreach (var (k, v) in s.SignRequest("GET", "/trade-api/v2/portfolio/balance?x=1")) req.Headers.Add(k, v);
        Assert.Equal(200, (int)(await http.SendAsync(req)).StatusCode);
    }

    [Fact]
    public async Task Connection_reset_after_commit_still_places_the_order()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 20 });
        using var c = new TestClient(s);
        s.Faults.FailNextCreateAfterCommit = 1;
        s.Faults.AfterCommitMode = AfterCommitFailure.ConnectionReset;
        var m = s.Exchange.Markets.First(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => c.PostAsync("/portfolio/events/orders", new
        {
            ticker = m.Ticker, side = "bid", price = "0.0100", count = "1.00", time_in_force = "good_till_canceled",
            self_trade_prevention_type = "taker_at_cross", client_order_id = "reset-1",
        }));
        Assert.Single(s.Exchange.GetOrders(s.UserId), o => o.ClientOrderId == "reset-1");
        Assert.Equal(1, s.RequestCount("POST", "/portfolio/events/orders"));
    }

    [Fact]
    public async Task Events_series_candles_and_control_endpoints()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 30 });
        using var c = new TestClient(s);
        var m = s.Exchange.Markets.First(x => x.Status == "active");
        var (st, ev) = await c.GetAsync($"/events/{m.EventTicker}?with_nested_markets=true", false);
        Assert.Equal(200, st);
        Assert.Contains(ev.GetProperty("event").GetProperty("markets").EnumerateArray(), x => x.GetProperty("ticker").GetString() == m.Ticker);
        var (_, evs) = await c.GetAsync("/events?limit=3", false);
        Assert.Equal(3, evs.GetProperty("events").GetArrayLength());
        Assert.Equal(200, (await c.GetAsync($"/series/{m.SeriesTicker}", false)).Status);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (cs, candles) = await c.GetAsync($"/series/{m.SeriesTicker}/markets/{m.Ticker}/candlesticks?start_ts={now - 86400}&end_ts={now}&period_interval=60", false);
        Assert.Equal(200, cs);
        Assert.True(candles.GetProperty("candlesticks").GetArrayLength() > 0);
        using var http = new HttpClient();
        var r = await http.PostAsync(s.ControlUri + "/faults", new StringContent("{\"fail_next_requests\":1}"));
        Assert.True(r.IsSuccessStatusCode);
        Assert.Equal(1, s.Faults.FailNextRequests);
        Assert.Equal(503, (await c.GetAsync("/exchange/status", false)).Status);
    }
}
