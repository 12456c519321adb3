using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KalshiPS.Sandbox.Tests;

/// <summary>Raw WebSocket helpers for tests that speak the protocol themselves.</summary>
internal static class SandboxSocket
{
    /// <summary>A WebSocket signed with the sandbox's start-up key, connected (fails after 5 seconds).</summary>
    public static async Task<ClientWebSocket> ConnectAsync(SandboxServer server)
    {
        var ws = new ClientWebSocket();
        using var rsa = RSA.Create(); rsa.ImportFromPem(server.PrivateKeyPem);
        long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ws.Options.SetRequestHeader("KALSHI-ACCESS-KEY", server.ApiKeyId);
        ws.Options.SetRequestHeader("KALSHI-ACCESS-TIMESTAMP", ts.ToString());
        ws.Options.SetRequestHeader("KALSHI-ACCESS-SIGNATURE", TestSigning.Sign(rsa, ts + "GET/trade-api/ws/v2"));
        using var cts = new CancellationTokenSource(5000);
        await ws.ConnectAsync(server.WebSocketUri, cts.Token);
        return ws;
    }

    /// <summary>The next frame as JSON; fails after 5 seconds.</summary>
    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(5000);
        var buf = new byte[1 << 16]; using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do { r = await ws.ReceiveAsync(buf, cts.Token); ms.Write(buf, 0, r.Count); } while (!r.EndOfMessage);
        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    public static Task SendAsync(ClientWebSocket ws, object cmd) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(cmd)), WebSocketMessageType.Text, true, CancellationToken.None);
}
