using System.Net.Http;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

public class AuthTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    public async Task InitializeAsync() { _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 10 }); _c = new TestClient(_s); }
    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    private async Task<(int, JsonElement)> Send(string rel, Func<long, string, string> signedText, long? ts = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, _c.Url(rel)) { Content = new StringContent("{\"a\":1}", System.Text.Encoding.UTF8, "application/json") };
        long t = ts ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        TestSigning.AddAuth(req, _s.ApiKeyId, _c.Key, t, signedText(t, req.RequestUri!.AbsolutePath));
        using var resp = await _c.RawAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return ((int)resp.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Fact]
    public async Task Documented_signature_is_accepted()
    {
        var (status, body) = await _c.GetAsync("/portfolio/balance");
        Assert.Equal(200, status);
        Assert.Equal(1_000_000, body.GetProperty("balance").GetInt64());
        Assert.Equal("10000.0000", body.GetProperty("balance_dollars").GetString());
    }

    [Fact]
    public async Task Body_is_not_signed_but_path_with_prefix_is()
    {
        // Documented: ts + METHOD + full path. The body is ignored (so a 400 about the body, not a 401).
        var (ok, _) = await Send("/portfolio/events/orders", (t, p) => t + "POST" + p);
        Assert.Equal(400, ok);
        // Outdated: body appended.
        var (withBody, err) = await Send("/portfolio/events/orders", (t, p) => t + "POST" + p + "{\"a\":1}");
        Assert.Equal(401, withBody);
        Assert.Equal("INCORRECT_API_KEY_SIGNATURE", err.GetProperty("error").GetProperty("details").GetString());
        Assert.Equal("authentication_error", err.GetProperty("error").GetProperty("code").GetString());
        // Outdated: path without /trade-api/v2.
        var (noPrefix, _) = await Send("/portfolio/events/orders", (t, p) => t + "POST" + "/portfolio/events/orders");
        Assert.Equal(401, noPrefix);
    }

    [Fact]
    public async Task Query_is_stripped_before_signing()
    {
        var (status, _) = await _c.GetAsync("/portfolio/orders?limit=5");
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Stale_timestamp_is_rejected()
    {
        long old = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        var (status, body) = await Send("/portfolio/events/orders", (t, p) => t + "POST" + p, old);
        Assert.Equal(401, status);
        Assert.Equal("header_timestamp_expired", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Missing_headers_and_unknown_key_are_401_public_reads_need_none()
    {
        var (missing, _) = await _c.GetAsync("/portfolio/balance", sign: false);
        Assert.Equal(401, missing);
        using var stranger = new TestClient(_s, "no-such-key", _c.Key);
        var (unknown, body) = await stranger.GetAsync("/portfolio/balance");
        Assert.Equal(401, unknown);
        Assert.Equal("NOT_FOUND", body.GetProperty("error").GetProperty("details").GetString());
        var (pub, _) = await _c.GetAsync("/markets", sign: false);
        Assert.Equal(200, pub);
    }
}
