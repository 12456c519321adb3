using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using KalshiPS.Auth;
using KalshiPS.Streaming;
using Xunit;

namespace KalshiPS.UnitTests;

/// <summary>
/// A server that accepts the WebSocket and then never says anything (a half-dead connection, a stuck proxy) must be
/// detected by the application-level probe and replaced by a new connection.
/// </summary>
public class StreamingHeartbeatTests
{
    private sealed class SilentServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        public int Accepted;
        public int TextFramesReceived;
        public Uri Uri { get; }

        public SilentServer()
        {
            var port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Uri = new Uri($"ws://127.0.0.1:{port}/trade-api/ws/v2");
            _ = AcceptLoop();
        }

        private async Task AcceptLoop()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); } catch { return; }
                _ = Task.Run(async () =>
                {
                    var ws = (await ctx.AcceptWebSocketAsync(null)).WebSocket;
                    Interlocked.Increment(ref Accepted);
                    var buffer = new byte[4096];
                    try
                    {
                        while (ws.State == WebSocketState.Open)
                        {
                            var r = await ws.ReceiveAsync(buffer, CancellationToken.None); // read, never answer
                            if (r.MessageType == WebSocketMessageType.Text) Interlocked.Increment(ref TextFramesReceived);
                        }
                    }
                    catch { }
                });
            }
        }

        private static int FreePort()
        {
            var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public void Dispose() => _listener.Close();
    }

    private sealed class NoSubscriptions : IStreamHandler
    {
        public Task OnConnectedAsync(IStreamContext ctx, bool reconnect, CancellationToken ct) => Task.CompletedTask;
        public Task OnMessageAsync(IStreamContext ctx, StreamMessage message, CancellationToken ct) => Task.CompletedTask;
        public Task OnTickAsync(IStreamContext ctx, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_silent_connection_is_probed_then_replaced()
    {
        using var server = new SilentServer();
        using var rsa = RSA.Create(2048);
        using var signer = RequestSigner.FromPem("key", rsa.ExportRSAPrivateKeyPem());
        var notices = new List<string>();
        var stream = new KalshiStream(new StreamSettings
        {
            WebSocketUri = server.Uri,
            Signer = signer,
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(300),
            InitialBackoff = TimeSpan.FromMilliseconds(10),
        }, new NoSubscriptions(), n => { lock (notices) notices.Add(n.ToString()!); });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = stream.RunAsync(cts.Token);
        // The server sees the second connection before the client has counted it as a reconnect: wait for both.
        while ((server.Accepted < 2 || stream.Reconnects < 1) && !cts.IsCancellationRequested) await Task.Delay(20);
        cts.Cancel();
        await run;

        Assert.True(server.Accepted >= 2, "the dead connection was never replaced");
        Assert.True(server.TextFramesReceived >= 1, "no probe was sent before giving up on the connection");
        Assert.True(stream.Reconnects >= 1);
    }

    /// <summary>Subscribes slowly on reconnects, and records whether the socket was still usable afterwards.</summary>
    private sealed class SlowResubscribe : IStreamHandler
    {
        public readonly List<bool> ReconnectSendsOk = new();
        public async Task OnConnectedAsync(IStreamContext ctx, bool reconnect, CancellationToken ct)
        {
            if (!reconnect) return;
            await Task.Delay(900, ct);
            try { await ctx.SendCommandAsync("list_subscriptions", null, ct); lock (ReconnectSendsOk) ReconnectSendsOk.Add(true); }
            catch (Exception e) when (e is WebSocketException || e is IOException || e is ObjectDisposedException) { lock (ReconnectSendsOk) ReconnectSendsOk.Add(false); throw; }
        }
        public Task OnMessageAsync(IStreamContext ctx, StreamMessage message, CancellationToken ct) => Task.CompletedTask;
        public Task OnTickAsync(IStreamContext ctx, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public async Task The_watchdog_does_not_judge_a_new_connection_by_the_old_ones_silence()
    {
        using var server = new SilentServer();
        using var rsa = RSA.Create(2048);
        using var signer = RequestSigner.FromPem("key", rsa.ExportRSAPrivateKeyPem());
        var handler = new SlowResubscribe();
        var stream = new KalshiStream(new StreamSettings
        {
            WebSocketUri = server.Uri,
            Signer = signer,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(200),
            InitialBackoff = TimeSpan.FromMilliseconds(10),
        }, handler, _ => { });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = stream.RunAsync(cts.Token);
        while (!cts.IsCancellationRequested) { lock (handler.ReconnectSendsOk) if (handler.ReconnectSendsOk.Count >= 1) break; await Task.Delay(20); }
        cts.Cancel();
        await run;
        Assert.True(handler.ReconnectSendsOk.FirstOrDefault(), "the new connection was aborted while still subscribing");
    }
}
