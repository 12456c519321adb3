using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KalshiPS.ModuleTests;

/// <summary>
/// A tiny Kalshi stand-in on 127.0.0.1 for completion tests: answers GET /trade-api/v2/markets with one page of
/// markets, 404 otherwise, and counts every request so a test can prove that Tab made none.
/// </summary>
public sealed class CompletionTestExchange : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _requests;

    public CompletionTestExchange()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string BaseUri => $"http://127.0.0.1:{Port}/trade-api/v2";
    public int Requests => Volatile.Read(ref _requests);

    public static readonly string[] MarketTickers = { "KXHIGHNY-26NOV24-B50.5", "KXHIGHNY-26NOV24-B52.5", "KXBTCD-26NOV24-T90000" };

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _requests);
            var path = context.Request.Url!.AbsolutePath;
            var (status, body) = path == "/trade-api/v2/markets"
                ? (200, MarketsPage())
                : (404, "{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}");
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static string MarketsPage()
    {
        var markets = MarketTickers.Select(t =>
            $"{{\"ticker\":\"{t}\",\"event_ticker\":\"{t.Substring(0, t.LastIndexOf('-'))}\",\"title\":\"Test {t}\",\"status\":\"active\"," +
            "\"yes_bid_dollars\":\"0.4200\",\"yes_ask_dollars\":\"0.4500\",\"last_price_dollars\":\"0.4300\",\"volume_fp\":\"100.00\"," +
            "\"close_time\":\"2026-11-25T05:00:00Z\",\"price_level_structure\":\"linear_cent\"," +
            "\"price_ranges\":[{\"start\":\"0.0100\",\"end\":\"0.9900\",\"step\":\"0.0100\"}]}");
        return "{\"markets\":[" + string.Join(",", markets) + "],\"cursor\":\"\"}";
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose() => _listener.Close();
}
