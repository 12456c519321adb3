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
            var problem = PathProblem(Path);
            if (problem != null) throw new ArgumentException($"The request path {Path} is not a canonical API path ({problem}); nothing was sent.", nameof(path));
            RetrySafe = Method == "GET";
        }

        /// <summary>
        /// Last guard before the wire: a path is "/" + non-empty segments of unreserved characters or %XX escapes,
        /// none of which is a dot segment (also encoded) or hides a separator or control character. Such a path is
        /// sent and signed byte for byte as it is (System.Uri neither decodes nor collapses anything in it).
        /// </summary>
        internal static string PathProblem(string path)
        {
            if (path.Length < 2) return "no path below the API base";
            foreach (var segment in path.Substring(1).Split('/'))
            {
                if (segment.Length == 0) return "an empty segment";
                var decoded = new StringBuilder(segment.Length);
                for (int i = 0; i < segment.Length; i++)
                {
                    var c = segment[i];
                    if (c == '%')
                    {
                        if (i + 2 >= segment.Length || !Uri.IsHexDigit(segment[i + 1]) || !Uri.IsHexDigit(segment[i + 2])) return "a '%' that is not an escape";
                        var b = Convert.ToInt32(segment.Substring(i + 1, 2), 16);
                        if (b < 0x80 && IsUnreserved((char)b)) return "an escaped character that needs no escape";
                        if (b == '/' || b == '\\' || b < 0x20 || b == 0x7F) return "an escaped separator or control character";
                        decoded.Append('%');
                        i += 2;
                        continue;
                    }
                    if (!IsUnreserved(c)) return "the character " + (c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : "'" + c + "'");
                    decoded.Append(c);
                }
                if (decoded.ToString() == "." || decoded.ToString() == "..") return "a dot segment";
            }
            return null;
        }

        private static bool IsUnreserved(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

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

        /// <summary>The page size asked for (the "limit" query value), if any.</summary>
        public int? Limit
        {
            get
            {
                foreach (var kv in Query)
                    if (kv.Key == "limit" && int.TryParse(kv.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
                return null;
            }
        }

        public Uri BuildUri(Uri baseUri)
        {
            var sb = new StringBuilder(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
            var basePath = new Uri(sb.ToString()).AbsolutePath.TrimEnd('/');
            sb.Append(Path);
            if (Query.Count > 0)
                sb.Append('?').Append(string.Join("&", Query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))));
            var uri = new Uri(sb.ToString());
            // What is signed (AbsolutePath) must be exactly what was asked for, below the API base.
            if (!string.Equals(uri.AbsolutePath, basePath + Path, StringComparison.Ordinal))
                throw new ArgumentException($"The request path {Path} would be sent as {uri.AbsolutePath}; nothing was sent.");
            return uri;
        }

        /// <summary>The request as one line for -Verbose (no headers, so nothing secret).</summary>
        public string Describe(Uri baseUri) => Method + " " + BuildUri(baseUri).PathAndQuery;
    }
}
