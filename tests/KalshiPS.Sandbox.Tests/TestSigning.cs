using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KalshiPS.Sandbox.Tests;

/// <summary>Test-local, independent implementation of Kalshi request signing (doc §2).</summary>
internal static class TestSigning
{
    public static string Sign(RSA key, string text) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

    /// <summary>Adds the three headers; signedText overrides what is signed (to build wrong signatures on purpose).</summary>
    public static void AddAuth(HttpRequestMessage req, string keyId, RSA key, long? tsMs = null, string? signedText = null)
    {
        long ts = tsMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string path = req.RequestUri!.AbsolutePath; // full path from host root, query stripped
        string text = signedText ?? ts + req.Method.Method + path;
        req.Headers.Add("KALSHI-ACCESS-KEY", keyId);
        req.Headers.Add("KALSHI-ACCESS-TIMESTAMP", ts.ToString());
        req.Headers.Add("KALSHI-ACCESS-SIGNATURE", Sign(key, text));
    }
}

/// <summary>A tiny signed REST client for tests.</summary>
internal sealed class TestClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly SandboxServer _server;
    public RSA Key { get; }
    public string KeyId { get; }

    public TestClient(SandboxServer server, string? keyId = null, RSA? key = null)
    {
        _server = server;
        if (key == null) { key = RSA.Create(); key.ImportFromPem(server.PrivateKeyPem); }
        Key = key; KeyId = keyId ?? server.ApiKeyId;
    }

    /// <summary>Creates a client for a brand-new user with its own key.</summary>
    public static TestClient NewUser(SandboxServer server)
    {
        var rsa = RSA.Create(2048);
        var id = server.RegisterKey(rsa.ExportSubjectPublicKeyInfoPem());
        return new TestClient(server, id, rsa);
    }

    public Uri Url(string relative) => new(_server.RestUri + relative);

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string relative, object? body = null, bool sign = true)
    {
        using var req = new HttpRequestMessage(method, Url(relative));
        if (body != null) req.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (sign) TestSigning.AddAuth(req, KeyId, Key);
        using var resp = await _http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)resp.StatusCode, json);
    }

    public Task<(int Status, JsonElement Body)> GetAsync(string rel, bool sign = true) => SendAsync(HttpMethod.Get, rel, null, sign);
    public Task<(int Status, JsonElement Body)> PostAsync(string rel, object body) => SendAsync(HttpMethod.Post, rel, body);
    public Task<(int Status, JsonElement Body)> DeleteAsync(string rel, object? body = null) => SendAsync(HttpMethod.Delete, rel, body);

    public async Task<HttpResponseMessage> RawAsync(HttpRequestMessage req) => await _http.SendAsync(req);

    public void Dispose() => _http.Dispose();
}
