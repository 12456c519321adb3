using System.Diagnostics;
using System.Net.Http;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KalshiPS.Sandbox.Runner;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>
/// The sandbox as a well-behaved process and a strict server: signals end it, wrong JSON types are 400s with a body,
/// a malformed WebSocket command is answered (never a dropped socket), subscriptions are capped, unknown markets are
/// refused, and private key files are owner-only.
/// </summary>
public class HardeningTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    public async Task InitializeAsync() => _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 20, WebSocketMaxSubscriptions = 3 });
    public async Task DisposeAsync() => await _s.DisposeAsync();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [Theory]
    [InlineData(15)] // SIGTERM: what CI timeouts, test fixtures and `kill` send; it used to be ignored (orphans)
    [InlineData(2)]  // SIGINT: Ctrl+C
    public async Task A_signal_stops_the_served_sandbox_within_two_seconds_even_with_a_socket_open(int signal)
    {
        if (OperatingSystem.IsWindows()) return; // POSIX signals
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(SandboxServer).Assembly.Location);
        psi.ArgumentList.Add("--markets");
        psi.ArgumentList.Add("10");
        using var p = Process.Start(psi)!;
        var lines = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        p.OutputDataReceived += (_, e) => { if (e.Data == null) return; lock (lines) lines.Add(e.Data); if (e.Data.StartsWith("Press Ctrl+C")) ready.TrySetResult(); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            Assert.True(await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(60))) == ready.Task, "the sandbox did not start: " + string.Join("\n", lines));
            string Value(string label) { lock (lines) return lines.First(l => l.TrimStart().StartsWith(label)).Trim()[label.Length..].Trim(); }
            var wsUri = new Uri(Value("WS"));
            var keyFile = Value("Key file");
            Assert.True(File.Exists(keyFile));

            // A client holding a socket must not keep the server alive (Kestrel would wait for it).
            using var ws = new ClientWebSocket();
            using (var rsa = RSA.Create())
            {
                rsa.ImportFromPem(File.ReadAllText(keyFile));
                long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                ws.Options.SetRequestHeader("KALSHI-ACCESS-KEY", Value("Key id"));
                ws.Options.SetRequestHeader("KALSHI-ACCESS-TIMESTAMP", ts.ToString());
                ws.Options.SetRequestHeader("KALSHI-ACCESS-SIGNATURE", TestSigning.Sign(rsa, ts + "GET" + "/trade-api/ws/v2"));
                using var cts = new CancellationTokenSource(10000);
                await ws.ConnectAsync(wsUri, cts.Token);
            }

            var sw = Stopwatch.StartNew();
            Assert.Equal(0, kill(p.Id, signal));
            bool exited = p.WaitForExit(2000);
            Assert.True(exited, $"still running {sw.ElapsedMilliseconds} ms after signal {signal}");
            p.WaitForExit(); // flush redirected output
            Assert.Equal(0, p.ExitCode);
            Assert.False(File.Exists(keyFile), "the temporary key file was left behind");
            lock (lines) Assert.Contains(lines, l => l.StartsWith("Stopping (SIG"));
        }
        finally
        {
            if (!p.HasExited) { p.Kill(entireProcessTree: true); p.WaitForExit(5000); }
            Assert.True(p.HasExited, "the sandbox process is still running");
        }
    }

    [Fact]
    public void SIGTERM_ends_a_running_script_within_two_seconds_with_exit_143()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Directory.CreateTempSubdirectory("kalships-sigterm").FullName;
        var script = Path.Combine(dir, "forever.ps1");
        File.WriteAllText(script, "'ready'\nwhile ($true) { Start-Sleep -Milliseconds 50 }\n");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        psi.ArgumentList.Add(typeof(SandboxServer).Assembly.Location);
        psi.ArgumentList.Add(script);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        using var ready = new ManualResetEventSlim();
        var errors = new List<string>();
        p.OutputDataReceived += (_, e) => { if (e.Data == "ready") ready.Set(); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (errors) errors.Add(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            Assert.True(ready.Wait(TimeSpan.FromSeconds(90)), "the script did not start");
            var sw = Stopwatch.StartNew();
            Assert.Equal(0, kill(p.Id, 15));
            Assert.True(p.WaitForExit(2000), $"still running {sw.ElapsedMilliseconds} ms after SIGTERM");
            p.WaitForExit();
            Assert.Equal(143, p.ExitCode);
            lock (errors) Assert.Contains(errors, l => l.Contains("stopped by SIGTERM"));
        }
        finally
        {
            if (!p.HasExited) { p.Kill(entireProcessTree: true); p.WaitForExit(5000); }
            Assert.True(p.HasExited, "the sandbox process is still running");
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Private_key_files_are_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(_s.PrivateKeyPath));

        var dir = Directory.CreateTempSubdirectory("kalships-newkey").FullName;
        try
        {
            Assert.Equal(0, await CommandLine.MainAsync(new[] { "--new-key", dir }));
            var privateKey = Assert.Single(Directory.GetFiles(dir, "*.pem"), f => !f.EndsWith(".pub.pem"));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(privateKey));
            Assert.True(File.Exists(privateKey[..^".pem".Length] + ".pub.pem"));

            await using var withDir = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 5, KeyDirectory = dir });
            Assert.Equal(ownerOnly, File.GetUnixFileMode(withDir.PrivateKeyPath));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("/sandbox/faults", """{"ErrorRate":"high"}""", "ErrorRate")]
    [InlineData("/sandbox/faults", """{"LatencyMs":1.5}""", "LatencyMs")]
    [InlineData("/sandbox/faults", """{"latency_ms":"50"}""", "latency_ms")]
    [InlineData("/sandbox/faults", """{"WsQueueCapacity":99999999999}""", "WsQueueCapacity")]
    [InlineData("/sandbox/faults", """{"AfterCommitMode":3}""", "AfterCommitMode")]
    [InlineData("/sandbox/faults", """[1,2]""", "object")]
    [InlineData("/sandbox/exchange", """{"trading_active":"no"}""", "trading_active")]
    [InlineData("/sandbox/exchange", """7""", "object")]
    [InlineData("/sandbox/orders", """7""", "object")]
    [InlineData("/sandbox/accounts/sandbox-user/balance", """{"balance_dollars":true}""", "balance_dollars")]
    public async Task Control_endpoints_answer_400_with_a_body_on_wrong_JSON_types(string path, string body, string mentioned)
    {
        using var http = new HttpClient();
        using var resp = await http.PostAsync(new Uri(_s.ControlUri, path), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await resp.Content.ReadAsStringAsync();
        Assert.True(400 == (int)resp.StatusCode, $"{path} {body}: {(int)resp.StatusCode} {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("invalid_parameters", error.GetProperty("code").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString());
        Assert.Equal(0, _s.Faults.LatencyMs); // nothing was applied
    }

    [Fact]
    public async Task A_body_of_the_wrong_JSON_type_anywhere_is_a_400_not_a_500()
    {
        using var c = new TestClient(_s);
        var (status, body) = await c.PostAsync("/portfolio/events/orders/batched", 7); // read with TryGetProperty, which throws on a number
        Assert.Equal(400, status);
        Assert.Equal("invalid_parameters", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("wrong JSON type", body.GetProperty("error").GetProperty("message").GetString());
    }

    // ---- WebSocket -------------------------------------------------------------------------------------------

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var ws = new ClientWebSocket();
        using var rsa = RSA.Create(); rsa.ImportFromPem(_s.PrivateKeyPem);
        long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ws.Options.SetRequestHeader("KALSHI-ACCESS-KEY", _s.ApiKeyId);
        ws.Options.SetRequestHeader("KALSHI-ACCESS-TIMESTAMP", ts.ToString());
        ws.Options.SetRequestHeader("KALSHI-ACCESS-SIGNATURE", TestSigning.Sign(rsa, ts + "GET" + "/trade-api/ws/v2"));
        using var cts = new CancellationTokenSource(5000);
        await ws.ConnectAsync(_s.WebSocketUri, cts.Token);
        return ws;
    }

    private static Task SendTextAsync(ClientWebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(5000);
        var buf = new byte[1 << 16]; using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do { r = await ws.ReceiveAsync(buf, cts.Token); ms.Write(buf, 0, r.Count); } while (!r.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, r.MessageType);
        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    /// <summary>list_subscriptions with the given id: proves the socket is still served, returns the channels.</summary>
    private static async Task<List<string>> ListAsync(ClientWebSocket ws, int id)
    {
        await SendTextAsync(ws, $$"""{"id":{{id}},"cmd":"list_subscriptions"}""");
        var reply = await ReceiveAsync(ws);
        Assert.Equal("ok", reply.GetProperty("type").GetString());
        Assert.Equal(id, reply.GetProperty("id").GetInt32());
        return reply.GetProperty("msg").EnumerateArray().Select(s => s.GetProperty("channel").GetString()!).ToList();
    }

    private string Known(int i = 0) => _s.Exchange.Markets.Where(m => m.Status == "active").Skip(i).First().Ticker;

    [Theory]
    [InlineData("1.5")]
    [InlineData("4294967296")]
    [InlineData("-2147483649")]
    [InlineData("\"7\"")]
    [InlineData("true")]
    [InlineData("1e3")]
    public async Task A_command_id_that_is_not_a_32_bit_integer_gets_an_error_and_the_socket_stays(string id)
    {
        using var ws = await ConnectAsync();
        await SendTextAsync(ws, $$"""{"id":{{id}},"cmd":"list_subscriptions"}""");
        var reply = await ReceiveAsync(ws);
        Assert.Equal("error", reply.GetProperty("type").GetString());
        Assert.Equal(0, reply.GetProperty("id").GetInt32());
        Assert.Equal(11, reply.GetProperty("msg").GetProperty("code").GetInt32());
        Assert.Contains("32-bit", reply.GetProperty("msg").GetProperty("msg").GetString());
        Assert.Empty(await ListAsync(ws, 2));
        Assert.Equal(WebSocketState.Open, ws.State);
    }

    [Theory]
    [InlineData("""{"id":3,"cmd":"unsubscribe","params":{"sids":[1.5]}}""")]
    [InlineData("""{"id":3,"cmd":"unsubscribe","params":{"sids":["a"]}}""")]
    [InlineData("""{"id":3,"cmd":"update_subscription","params":{"sid":99999999999,"action":"get_snapshot","market_tickers":["X"]}}""")]
    [InlineData("""{"id":3,"cmd":"subscribe","params":{"channels":["ticker"],"market_tickers":[5]}}""")]
    [InlineData("""[1]""")]
    public async Task Wrong_parameter_types_get_an_error_and_the_socket_stays(string command)
    {
        using var ws = await ConnectAsync();
        await SendTextAsync(ws, command);
        var reply = await ReceiveAsync(ws);
        Assert.Equal("error", reply.GetProperty("type").GetString());
        Assert.Empty(await ListAsync(ws, 4));
    }

    [Fact]
    public async Task Subscriptions_per_socket_are_capped_with_error_26()
    {
        using var ws = await ConnectAsync();
        await SendTextAsync(ws, """{"id":1,"cmd":"subscribe","params":{"channels":["ticker","trade","fill"]}}""");
        for (int i = 0; i < 3; i++) Assert.Equal("subscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());
        Assert.Equal(3, _s.WebSocketSubscriptionCount);

        await SendTextAsync(ws, """{"id":2,"cmd":"subscribe","params":{"channels":["user_orders"]}}""");
        var refused = await ReceiveAsync(ws);
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal(2, refused.GetProperty("id").GetInt32());
        Assert.Equal(26, refused.GetProperty("msg").GetProperty("code").GetInt32());
        Assert.Contains("at most 3", refused.GetProperty("msg").GetProperty("msg").GetString());
        Assert.Equal(new[] { "ticker", "trade", "fill" }, await ListAsync(ws, 3));

        // Freeing one makes room again.
        await SendTextAsync(ws, """{"id":4,"cmd":"unsubscribe","params":{"sids":[1]}}""");
        Assert.Equal("unsubscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());
        await SendTextAsync(ws, """{"id":5,"cmd":"subscribe","params":{"channels":["user_orders"]}}""");
        Assert.Equal("subscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unknown_tickers_are_refused_by_name_and_known_ones_still_subscribed()
    {
        using var ws = await ConnectAsync();
        var known = Known();
        await SendTextAsync(ws, $$$"""{"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_tickers":["{{{known}}}","NO-SUCH-MARKET"]}}""");
        var refused = await ReceiveAsync(ws);
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal(1, refused.GetProperty("id").GetInt32());
        Assert.Equal(11, refused.GetProperty("msg").GetProperty("code").GetInt32());
        Assert.Equal("NO-SUCH-MARKET", refused.GetProperty("msg").GetProperty("market_ticker").GetString());
        Assert.Contains("NO-SUCH-MARKET", refused.GetProperty("msg").GetProperty("msg").GetString());
        Assert.Equal("subscribed", (await ReceiveAsync(ws)).GetProperty("type").GetString());
        var snapshot = await ReceiveAsync(ws);
        Assert.Equal("orderbook_snapshot", snapshot.GetProperty("type").GetString());
        Assert.Equal(known, snapshot.GetProperty("msg").GetProperty("market_ticker").GetString());

        // Only unknown tickers: refused, nothing subscribed.
        await SendTextAsync(ws, """{"id":2,"cmd":"subscribe","params":{"channels":["trade"],"market_ticker":"ALSO-NOT-LISTED"}}""");
        var alone = await ReceiveAsync(ws);
        Assert.Equal("error", alone.GetProperty("type").GetString());
        Assert.Equal("ALSO-NOT-LISTED", alone.GetProperty("msg").GetProperty("market_ticker").GetString());
        Assert.Equal(new[] { "orderbook_delta" }, await ListAsync(ws, 3));
    }
}
