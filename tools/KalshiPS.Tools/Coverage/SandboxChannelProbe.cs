using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using KalshiPS.Sandbox;

namespace KalshiPS.Tools.Coverage;

/// <summary>
/// Which channels a running sandbox accepts, found the way a client finds out: one signed connection, one subscribe
/// per channel (with a market ticker, which orderbook_delta requires), "subscribed" or an error as the answer.
/// </summary>
public static class SandboxChannelProbe
{
    public static async Task<HashSet<string>> ServedAsync(SandboxServer sandbox, IEnumerable<string> channels, CancellationToken ct = default)
    {
        var served = new HashSet<string>(StringComparer.Ordinal);
        using var socket = new ClientWebSocket();
        foreach (var (name, value) in sandbox.SignRequest("GET", sandbox.WebSocketUri.AbsolutePath)) socket.Options.SetRequestHeader(name, value);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(sandbox.WebSocketUri, timeout.Token);
        var ticker = sandbox.Exchange.Markets.First().Ticker;
        long id = 0;
        foreach (var channel in channels)
        {
            var command = JsonSerializer.Serialize(new { id = ++id, cmd = "subscribe", @params = new { channels = new[] { channel }, market_tickers = new[] { ticker } } });
            await socket.SendAsync(Encoding.UTF8.GetBytes(command), WebSocketMessageType.Text, true, timeout.Token);
            if (await AnswerTypeAsync(socket, id, timeout.Token) == "subscribed") served.Add(channel);
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "probe done", timeout.Token);
        return served;
    }

    /// <summary>The type of the first message that answers command <paramref name="id"/> (data messages in between are skipped).</summary>
    private static async Task<string?> AnswerTypeAsync(ClientWebSocket socket, long id, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
            using var doc = JsonDocument.Parse(message.ToArray());
            var root = doc.RootElement;
            if (root.TryGetProperty("id", out var answered) && answered.ValueKind == JsonValueKind.Number && answered.GetInt64() == id)
                return root.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
    }
}
