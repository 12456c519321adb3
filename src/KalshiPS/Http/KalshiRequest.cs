using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace KalshiPS.Http
{
    /// <summary>One API call as the endpoint layer describes it; the pipeline turns it into signed HTTP attempts.</summary>
    internal sealed class KalshiRequest
    {
        public KalshiRequest(string method, string path)
        {
            Method = method.ToUpperInvariant();
            Path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
            RetrySafe = Method == "GET";
        }

        public string Method { get; }
        /// <summary>Path below the base URI, e.g. "/markets/KXHIGHNY-26NOV24-B45".</summary>
        public string Path { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        public string JsonBody { get; set; }
        /// <summary>
        /// May this call be sent again after a 429, 5xx or lost connection? GETs are; order creates are only because
        /// they carry a client_order_id that Kalshi de-duplicates.
        /// </summary>
        public bool RetrySafe { get; set; }

        /// <summary>
        /// Rate-limit tokens this call spends when the path alone can't tell (batches are billed per item:
        /// 10 per created order, 2 per cancel).
        /// </summary>
        public int? TokenCost { get; set; }

        /// <summary>Items this call carries (a batch of 20 creates bills 20 × the endpoint's per-item cost).</summary>
        public int Items { get; set; } = 1;

        private int _mayHaveCommitted;
        /// <summary>
        /// Did any attempt end without a clear answer (timeout, reset, 5xx)? Then a write may have been committed even
        /// when a later attempt answered 429 or 4xx, and only the exchange's state can tell.
        /// </summary>
        public bool MayHaveCommitted => System.Threading.Volatile.Read(ref _mayHaveCommitted) != 0;
        internal void MarkUnclear() => System.Threading.Interlocked.Exchange(ref _mayHaveCommitted, 1);

        private int _attempts;
        /// <summary>How many times the pipeline has sent this request (more than 1 means an answer came to a retry).</summary>
        public int Attempts => System.Threading.Volatile.Read(ref _attempts);
        internal void CountAttempt() => System.Threading.Interlocked.Increment(ref _attempts);

        public KalshiRequest With(string name, string value)
        {
            if (!string.IsNullOrEmpty(value)) Query.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public KalshiRequest With(string name, long? value) =>
            value.HasValue ? With(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;

        public KalshiRequest With(string name, bool? value) => value.HasValue ? With(name, value.Value ? "true" : "false") : this;

        public Uri BuildUri(Uri baseUri)
        {
            var sb = new StringBuilder(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
            sb.Append(Path);
            if (Query.Count > 0)
                sb.Append('?').Append(string.Join("&", Query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))));
            return new Uri(sb.ToString());
        }

        /// <summary>The request as one line for -Verbose (no headers, so nothing secret).</summary>
        public string Describe(Uri baseUri) => Method + " " + BuildUri(baseUri).PathAndQuery;
    }
}
