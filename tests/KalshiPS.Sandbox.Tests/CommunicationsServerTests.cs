using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>The communications routes, channel visibility and API keys over HTTP and WebSocket, three users.</summary>
public class CommunicationsServerTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    public async Task InitializeAsync() => _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 20, RfqDesk = false });
    public async Task DisposeAsync() => await _s.DisposeAsync();

    private string Ticker => _s.Exchange.Markets.First(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent).Ticker;

    private Task<ClientWebSocket> ConnectAsync() => SandboxSocket.ConnectAsync(_s);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(5000);
        var buf = new byte[1 << 16]; using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do { r = await ws.ReceiveAsync(buf, cts.Token); ms.Write(buf, 0, r.Count); } while (!r.EndOfMessage);
        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    [Fact]
    public async Task Rfq_events_reach_everyone_and_quote_events_only_the_two_parties()
    {
        using var carol = new TestClient(_s);
        using var alice = TestClient.NewUser(_s);
        using var bob = TestClient.NewUser(_s);
        using var ws = await ConnectAsync(); // carol's stream
        await ws.SendAsync(Encoding.UTF8.GetBytes("""{"id":1,"cmd":"subscribe","params":{"channels":["communications"]}}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal("subscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());

        var (st, created) = await alice.SendAsync(HttpMethod.Post, "/communications/rfqs", new { market_ticker = Ticker, contracts_fp = "4", rest_remainder = false });
        Assert.Equal(201, st);
        var rfqId = created.GetProperty("id").GetString()!;
        var (qs, quote) = await bob.SendAsync(HttpMethod.Post, "/communications/quotes", new { rfq_id = rfqId, yes_bid = "0.40", no_bid = "0.50", rest_remainder = false });
        Assert.Equal(201, qs);
        var quoteId = quote.GetProperty("id").GetString()!;
        Assert.Equal(404, (await carol.SendAsync(HttpMethod.Get, $"/communications/quotes/{quoteId}")).Status); // private to the two
        Assert.Equal(204, (await alice.SendAsync(HttpMethod.Put, $"/communications/rfqs/{rfqId}/quotes/{quoteId}/accept", new { accepted_side = "yes" })).Status);
        Assert.Equal(204, (await bob.SendAsync(HttpMethod.Put, $"/communications/rfqs/{rfqId}/quotes/{quoteId}/confirm", new { })).Status);
        var (_, executed) = await alice.SendAsync(HttpMethod.Get, $"/communications/rfqs/{rfqId}/quotes/{quoteId}");
        Assert.Equal("executed", executed.GetProperty("quote").GetProperty("status").GetString());
        Assert.False(executed.GetProperty("quote").TryGetProperty("creator_order_id", out _)); // bob's order id is bob's to see
        Assert.True(executed.GetProperty("quote").TryGetProperty("rfq_creator_order_id", out _));
        var (_, mine) = await carol.SendAsync(HttpMethod.Post, "/communications/rfqs", new { market_ticker = Ticker, contracts_fp = "1.00", rest_remainder = false });

        var first = await ReceiveAsync(ws);
        Assert.Equal("rfq_created", first.GetProperty("type").GetString());
        Assert.Equal(rfqId, first.GetProperty("msg").GetProperty("id").GetString());
        Assert.Equal("", first.GetProperty("msg").GetProperty("creator_id").GetString());
        var next = await ReceiveAsync(ws); // nothing of the quote in between
        Assert.Equal("rfq_created", next.GetProperty("type").GetString());
        Assert.Equal(mine.GetProperty("id").GetString(), next.GetProperty("msg").GetProperty("id").GetString());
        Assert.Equal(Exchange.CommunicationsId(_s.UserId), next.GetProperty("msg").GetProperty("creator_id").GetString());
        Assert.Equal(first.GetProperty("seq").GetInt64() + 1, next.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_generated_key_authenticates_until_it_is_deleted()
    {
        using var me = new TestClient(_s);
        var (st, gen) = await me.SendAsync(HttpMethod.Post, "/api_keys/generate", new { name = "bot", scopes = new[] { "read", "write" } });
        Assert.Equal(201, st);
        var keyId = gen.GetProperty("api_key_id").GetString()!;
        using var rsa = RSA.Create();
        rsa.ImportFromPem(gen.GetProperty("private_key").GetString());
        using var bot = new TestClient(_s, keyId, rsa);
        Assert.Equal(200, (await bot.SendAsync(HttpMethod.Get, "/portfolio/balance")).Status);
        var (_, list) = await me.SendAsync(HttpMethod.Get, "/api_keys");
        Assert.Contains(list.GetProperty("api_keys").EnumerateArray(), k => k.GetProperty("api_key_id").GetString() == keyId && k.GetProperty("name").GetString() == "bot");
        Assert.Equal(400, (await me.SendAsync(HttpMethod.Post, "/api_keys", new { name = "x", public_key = "-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----" })).Status);
        Assert.Equal(204, (await me.SendAsync(HttpMethod.Delete, "/api_keys/" + keyId)).Status);
        Assert.Equal(401, (await bot.SendAsync(HttpMethod.Get, "/portfolio/balance")).Status);
        Assert.Equal(404, (await me.SendAsync(HttpMethod.Delete, "/api_keys/" + keyId)).Status);
    }
}
