using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Benchmarks.Floor
{
    /// <summary>
    /// The floor: what the bare runtime does for the same work, with no module around it. Lists: HttpClient +
    /// System.Text.Json into typed records, page after page. Streams: ClientWebSocket + Utf8JsonReader applying
    /// the same frames to SortedDictionary books.
    /// </summary>
    internal static class FloorClient
    {
        private static readonly HttpClient Http = new HttpClient();
        /// <summary>
        /// The floor sends the requests the module sends: an authenticated session signs every request (RSA-PSS over
        /// timestamp + method + path), public ones too, as Kalshi's own SDK does, so Kalshi bills them to the key's
        /// budget; an anonymous one ("-anon" kinds) signs nothing.
        /// </summary>
        private static readonly System.Security.Cryptography.RSA Key = System.Security.Cryptography.RSA.Create(2048);

        public static async Task<int> ListAsync(Uri baseUri, string kind, int pageSize) => BenchData.BaseKind(kind) switch
        {
            "markets" => await ListAsync(baseUri, kind, pageSize, FloorJson.Default.FloorPageFloorMarket),
            "fills" => await ListAsync(baseUri, kind, pageSize, FloorJson.Default.FloorPageFloorFill),
            "orders" => await ListAsync(baseUri, kind, pageSize, FloorJson.Default.FloorPageFloorOrder),
            "trades" => await ListAsync(baseUri, kind, pageSize, FloorJson.Default.FloorPageFloorTrade),
            "positions" => await ListAsync(baseUri, kind, pageSize, FloorJson.Default.FloorPageFloorPosition),
            _ => throw new ArgumentException(kind),
        };

        private static async Task<int> ListAsync<T>(Uri baseUri, string kind, int pageSize, JsonTypeInfo<FloorPage<T>> info)
        {
            var all = new List<T>();
            string cursor = null;
            var root = baseUri.GetLeftPart(UriPartial.Authority);
            do
            {
                var path = BenchData.Path(kind);
                var url = root + path + "?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
                using var message = new HttpRequestMessage(HttpMethod.Get, url);
                if (!BenchData.IsAnonymous(kind))
                {
                    var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var signature = Key.SignData(Encoding.UTF8.GetBytes(ts + "GET" + path), System.Security.Cryptography.HashAlgorithmName.SHA256,
                        System.Security.Cryptography.RSASignaturePadding.Pss);
                    message.Headers.Add("KALSHI-ACCESS-KEY", "floor");
                    message.Headers.Add("KALSHI-ACCESS-TIMESTAMP", ts);
                    message.Headers.Add("KALSHI-ACCESS-SIGNATURE", Convert.ToBase64String(signature));
                }
                using var answer = await Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                answer.EnsureSuccessStatusCode();
                await using var stream = await answer.Content.ReadAsStreamAsync();
                var page = await JsonSerializer.DeserializeAsync(stream, info);
                all.AddRange(page.Items);
                cursor = page.Cursor;
            } while (!string.IsNullOrEmpty(cursor));
            return all.Count;
        }

        /// <summary>Subscribes to the tickers, applies every frame until seq reaches <paramref name="lastSeq"/>; returns the last ticker's best Yes bid size.</summary>
        public static async Task<decimal> StreamAsync(Uri baseUri, string[] tickers, long lastSeq)
        {
            var books = new Dictionary<string, (SortedDictionary<decimal, decimal> Yes, SortedDictionary<decimal, decimal> No)>();
            using var ws = new ClientWebSocket();
            var wsUri = new Uri(baseUri.GetLeftPart(UriPartial.Authority).Replace("http", "ws") + "/trade-api/ws/v2");
            await ws.ConnectAsync(wsUri, CancellationToken.None);
            var subscribe = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["id"] = 1, ["cmd"] = "subscribe",
                ["params"] = new Dictionary<string, object> { ["channels"] = new[] { "orderbook_delta" }, ["market_tickers"] = tickers },
            });
            await ws.SendAsync(subscribe, WebSocketMessageType.Text, true, CancellationToken.None);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
            long seq = 0;
            while (seq < lastSeq)
            {
                var count = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await ws.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += r.Count;
                } while (!r.EndOfMessage);
                seq = Apply(new ReadOnlySpan<byte>(buffer, 0, count), books, seq);
            }
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            var last = books[tickers[^1]].Yes;
            return last.Count == 0 ? 0 : last.Last().Value;
        }

        private static long Apply(ReadOnlySpan<byte> frame, Dictionary<string, (SortedDictionary<decimal, decimal> Yes, SortedDictionary<decimal, decimal> No)> books, long seq)
        {
            var r = new Utf8JsonReader(frame);
            string type = null, ticker = null, side = null;
            decimal price = 0, delta = 0;
            List<(decimal, decimal)> yes = null, no = null;
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type")) { r.Read(); type = r.GetString(); }
                else if (r.ValueTextEquals("seq")) { r.Read(); seq = r.GetInt64(); }
                else if (r.ValueTextEquals("msg"))
                {
                    r.Read();
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("market_ticker")) { r.Read(); ticker = r.GetString(); }
                        else if (r.ValueTextEquals("side")) { r.Read(); side = r.GetString(); }
                        else if (r.ValueTextEquals("price_dollars")) { r.Read(); price = decimal.Parse(r.GetString(), System.Globalization.CultureInfo.InvariantCulture); }
                        else if (r.ValueTextEquals("delta_fp")) { r.Read(); delta = decimal.Parse(r.GetString(), System.Globalization.CultureInfo.InvariantCulture); }
                        else if (r.ValueTextEquals("yes_dollars_fp")) { r.Read(); yes = Levels(ref r); }
                        else if (r.ValueTextEquals("no_dollars_fp")) { r.Read(); no = Levels(ref r); }
                        else { r.Read(); r.Skip(); }
                    }
                }
                else { r.Read(); r.Skip(); }
            }
            if (type == "orderbook_snapshot")
            {
                var book = (new SortedDictionary<decimal, decimal>(), new SortedDictionary<decimal, decimal>());
                foreach (var (p, s) in yes ?? new()) book.Item1[p] = s;
                foreach (var (p, s) in no ?? new()) book.Item2[p] = s;
                books[ticker] = book;
            }
            else if (type == "orderbook_delta")
            {
                var book = books[ticker];
                var levels = side == "yes" ? book.Yes : book.No;
                levels.TryGetValue(price, out var size);
                size += delta;
                if (size <= 0) levels.Remove(price); else levels[price] = size;
            }
            return seq;
        }

        private static List<(decimal, decimal)> Levels(ref Utf8JsonReader r)
        {
            var list = new List<(decimal, decimal)>();
            while (r.Read() && r.TokenType == JsonTokenType.StartArray)
            {
                r.Read(); var p = decimal.Parse(r.GetString(), System.Globalization.CultureInfo.InvariantCulture);
                r.Read(); var s = decimal.Parse(r.GetString(), System.Globalization.CultureInfo.InvariantCulture);
                r.Read();
                list.Add((p, s));
            }
            return list;
        }
    }
}
