using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KalshiPS.Benchmarks.Floor
{
    /// <summary>
    /// A tiny Kestrel server for bench/run: canned list pages (every kind, same size) and a WebSocket that answers a
    /// subscribe with snapshots and then a flood of orderbook_delta frames, back to back. Loopback only.
    /// </summary>
    internal sealed class BenchServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Dictionary<string, byte[][]> _pages = new Dictionary<string, byte[][]>();
        private readonly Dictionary<string, byte[]> _single = new Dictionary<string, byte[]>();
        private readonly int _pageSize;
        public int Deltas { get; }
        public Uri BaseUri { get; private set; }

        public BenchServer(int items, int pageSize, int deltas)
        {
            Deltas = deltas;
            _pageSize = pageSize;
            var pages = (items + pageSize - 1) / pageSize;
            foreach (var kind in BenchData.Kinds)
                _single[kind] = Encoding.UTF8.GetBytes(BenchData.Page(kind, 0, 1, 1));
            foreach (var kind in BenchData.Kinds)
                _pages[kind] = Enumerable.Range(0, pages).Select(i => Encoding.UTF8.GetBytes(BenchData.Page(kind, i, pages, pageSize))).ToArray();

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.UseWebSockets();
            foreach (var kind in BenchData.Kinds)
            {
                var k = kind;
                _app.MapGet(BenchData.Path(kind), (HttpContext ctx) => ServePage(ctx, _pages[k], _single[k], _pageSize));
            }
            _app.Map("/trade-api/ws/v2", Flood);
            // What a default Connect-Kalshi asks (its key check); the budget endpoints stay unanswered (404: it keeps the tier table).
            _app.MapGet("/trade-api/v2/portfolio/balance", () => Results.Text("{\"balance\":100000,\"portfolio_value\":0,\"updated_ts\":1777593600}", "application/json"));
        }

        public static string LastTicker(int markets) => Ticker(markets - 1);
        public static string Ticker(int i) => "KXFLOOD-" + i.ToString("D3");

        public async Task StartAsync()
        {
            await _app.StartAsync();
            BaseUri = new Uri(_app.Urls.First() + "/trade-api/v2");
        }

        // limit below the page size (the startup probe's -PageSize 1) gets a one-item page.
        private static Task ServePage(HttpContext ctx, byte[][] pages, byte[] single, int pageSize)
        {
            // GET /markets?tickers=...: Watch-* checks its tickers over REST before subscribing; the flood's markets exist.
            var asked = ctx.Request.Query["tickers"].ToString();
            if (asked.Length > 0)
            {
                var markets = string.Join(",", asked.Split(',').Select(t => "{\"ticker\":\"" + t + "\",\"status\":\"active\"}"));
                var answer = Encoding.UTF8.GetBytes("{\"markets\":[" + markets + "],\"cursor\":\"\"}");
                ctx.Response.ContentType = "application/json";
                ctx.Response.ContentLength = answer.Length;
                return ctx.Response.Body.WriteAsync(answer, 0, answer.Length);
            }
            var cursor = ctx.Request.Query["cursor"].ToString();
            var index = string.IsNullOrEmpty(cursor) ? 0 : int.Parse(cursor.Substring(1));
            var small = int.TryParse(ctx.Request.Query["limit"].ToString(), out var limit) && limit < pageSize;
            var body = small ? single : pages[index];
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = body.Length;
            return ctx.Response.Body.WriteAsync(body, 0, body.Length);
        }

        /// <summary>
        /// subscribe (orderbook_delta, N tickers) -> subscribed, one snapshot per ticker, then Deltas frames round robin
        /// over the tickers: seq continues from the snapshots, so the last frame has seq = tickers + Deltas.
        /// </summary>
        private async Task Flood(HttpContext ctx)
        {
            if (!ctx.WebSockets.IsWebSocketRequest) { ctx.Response.StatusCode = 400; return; }
            using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[64 * 1024];
            var first = await ws.ReceiveAsync(buffer, ctx.RequestAborted);
            using var command = JsonDocument.Parse(buffer.AsMemory(0, first.Count));
            var id = command.RootElement.GetProperty("id").GetInt64();
            var tickers = command.RootElement.GetProperty("params").GetProperty("market_tickers").EnumerateArray().Select(t => t.GetString()).ToArray();
            await SendAsync(ws, $"{{\"id\":{id},\"type\":\"subscribed\",\"msg\":{{\"channel\":\"orderbook_delta\",\"sid\":1}}}}");
            long seq = 0;
            foreach (var t in tickers)
            {
                var yes = string.Join(",", Enumerable.Range(1, 50).Select(p => $"[\"{p / 100m:0.0000}\",\"100.00\"]"));
                var no = string.Join(",", Enumerable.Range(1, 50).Select(p => $"[\"{p / 100m:0.0000}\",\"100.00\"]"));
                await SendAsync(ws, $"{{\"type\":\"orderbook_snapshot\",\"sid\":1,\"seq\":{++seq},\"msg\":{{\"market_ticker\":\"{t}\",\"market_id\":\"m-{t}\",\"yes_dollars_fp\":[{yes}],\"no_dollars_fp\":[{no}]}}}}");
            }
            // One frame template per ticker and side; only seq, price, delta and ts change (formatted in place).
            var frame = new byte[512];
            for (long k = 0; k < Deltas; k++)
            {
                var ticker = tickers[k % tickers.Length];
                var level = 1 + (int)(k / tickers.Length % 50);
                var side = (k / tickers.Length / 50) % 2 == 0 ? "yes" : "no";
                var delta = (k / tickers.Length / 100) % 2 == 0 ? "5.00" : "-5.00";
                var n = Format(frame, ++seq, ticker, side, level, delta, 1777593600000L + k);
                await ws.SendAsync(new ArraySegment<byte>(frame, 0, n), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            // Hold the socket until the client closes it (it stops once it has seen the last seq).
            try
            {
                while (ws.State == WebSocketState.Open)
                {
                    var r = await ws.ReceiveAsync(buffer, ctx.RequestAborted);
                    if (r.MessageType == WebSocketMessageType.Close) { await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); break; }
                }
            }
            catch (Exception) { }
        }

        private static int Format(byte[] frame, long seq, string ticker, string side, int level, string delta, long tsMs)
        {
            var n = 0;
            void Put(string s) { n += Encoding.ASCII.GetBytes(s, 0, s.Length, frame, n); }
            Put("{\"type\":\"orderbook_delta\",\"sid\":1,\"seq\":");
            Utf8Formatter.TryFormat(seq, frame.AsSpan(n), out var w); n += w;
            Put(",\"msg\":{\"market_ticker\":\""); Put(ticker);
            Put("\",\"market_id\":\"m-"); Put(ticker);
            Put("\",\"price_dollars\":\"0."); Utf8Formatter.TryFormat(level, frame.AsSpan(n), out w, new System.Buffers.StandardFormat('D', 2)); n += w; Put("00");
            Put("\",\"delta_fp\":\""); Put(delta);
            Put("\",\"side\":\""); Put(side);
            Put("\",\"ts_ms\":"); Utf8Formatter.TryFormat(tsMs, frame.AsSpan(n), out w); n += w;
            Put("}}");
            return n;
        }

        private static Task SendAsync(WebSocket ws, string text) =>
            ws.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
