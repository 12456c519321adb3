using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Http
{
    /// <summary>
    /// The transport of a session's rehearsal (<see cref="KalshiHttpPipeline.RehearsalTwin"/>): answers every request
    /// in-process with 200 and one canned page (one sample item under each list field), asynchronously as a network
    /// does, so the awaits on the way back take their real, suspending path. A request without a cursor gets a next
    /// cursor, so the pager's prefetch runs too. Nothing leaves the process.
    /// </summary>
    internal sealed class RehearsalHandler : HttpMessageHandler
    {
        private const string Item = "{\"ticker\":\"R\",\"trade_id\":\"r\",\"order_id\":\"r\",\"status\":\"active\",\"yes_price_dollars\":\"0.5000\"," +
            "\"count_fp\":\"1.00\",\"created_time\":\"2026-01-01T00:00:00Z\",\"ts_ms\":1}";
        private static readonly byte[] First = Page("\"r\""), Last = Page("\"\"");

        /// <summary>The canned page: with a next cursor for a first request, without one for a request that carries a cursor.</summary>
        internal static byte[] Body(bool requestHasCursor) => requestHasCursor ? Last : First;

        private static byte[] Page(string cursor) => Encoding.UTF8.GetBytes(
            "{\"markets\":[" + Item + "],\"fills\":[" + Item + "],\"orders\":[" + Item + "],\"trades\":[" + Item + "],\"cursor\":" + cursor + "}");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var body = Body(request.RequestUri.Query.Contains("cursor="));
            var content = new StreamContent(new YieldingStream(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = body.Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }

        /// <summary>A body whose reads complete asynchronously, as a socket's do.</summary>
        private sealed class YieldingStream : System.IO.MemoryStream
        {
            public YieldingStream(byte[] body) : base(body, false) { }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return Read(buffer, offset, count);
            }
        }
    }
}
