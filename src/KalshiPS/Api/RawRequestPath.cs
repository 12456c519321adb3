using System;
using System.Collections.Generic;
using System.Text;

namespace KalshiPS.Api
{
    /// <summary>
    /// A path typed by the user for Invoke-KalshiRequest, normalised: the query split off (so it is sent, not
    /// dropped), each segment decoded once and re-encoded once, and refused when it could leave the API base
    /// (dot segments, also encoded; absolute or protocol-relative URLs; backslashes) or hide a missing value
    /// (an empty segment, as "/portfolio/events/orders/$id" gives when $id is empty).
    /// </summary>
    internal sealed class RawRequestPath
    {
        private RawRequestPath(string path, List<KeyValuePair<string, string>> query, bool strippedBase)
        {
            Path = path; Query = query; StrippedBase = strippedBase;
        }

        /// <summary>Canonical path below the API base, e.g. "/portfolio/events/orders".</summary>
        public string Path { get; }
        /// <summary>Name/value pairs of the query written in the path, decoded, in order (names may repeat).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }
        /// <summary>True when the text began with the base path (e.g. /trade-api/v2), which was removed.</summary>
        public bool StrippedBase { get; }

        /// <summary>The normalised path, or an ArgumentException that shows the text received and what to write instead.</summary>
        public static RawRequestPath Parse(string text, string basePath)
        {
            if (text == null || text.Trim(' ', '\t').Length == 0) throw Refused(text, "it is empty");
            var s = text.Trim(' ', '\t');
            foreach (var c in s)
                if (c < ' ' || c == 0x7F) throw Refused(text, "it contains the control character " + Escaped.Char(c));
            if (s.IndexOf('\\') >= 0) throw Refused(text, "it contains a backslash");
            if (s.IndexOf('#') >= 0) throw Refused(text, "it contains '#' (a fragment is never sent)");
            if (s.StartsWith("//", StringComparison.Ordinal)) throw Refused(text, "it is a protocol-relative URL");
            if (HasScheme(s)) throw Refused(text, "it is an absolute URL; give the path below the API base, e.g. /portfolio/balance");

            var q = s.IndexOf('?');
            var pathText = q < 0 ? s : s.Substring(0, q);
            var queryText = q < 0 ? "" : s.Substring(q + 1);
            if (!pathText.StartsWith("/", StringComparison.Ordinal)) pathText = "/" + pathText;

            var stripped = false;
            var root = (basePath ?? "").TrimEnd('/');
            if (root.Length > 0 && pathText.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase))
            {
                pathText = pathText.Substring(root.Length);
                stripped = true;
            }

            var sb = new StringBuilder(pathText.Length + 8);
            var segments = pathText.Substring(1).Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                var raw = segments[i];
                if (raw.Length == 0)
                    throw Refused(text, i == segments.Length - 1 && segments.Length > 1
                        ? "it ends with '/' (an empty last segment: is a value missing?)"
                        : "it has an empty segment ('//' or nothing after the base: is a value missing?)");
                var decoded = Decode(raw, text);
                if (decoded == "." || decoded == "..") throw Refused(text, $"segment '{raw}' is a dot segment, which would leave the path it names");
                foreach (var c in decoded)
                {
                    if (c == '/' || c == '\\') throw Refused(text, $"segment '{raw}' hides a '{c}' (an encoded separator)");
                    if (c < ' ' || c == 0x7F) throw Refused(text, $"segment '{raw}' hides the control character {Escaped.Char(c)}");
                }
                sb.Append('/').Append(Uri.EscapeDataString(decoded));
            }

            var query = new List<KeyValuePair<string, string>>();
            foreach (var pair in queryText.Split('&'))
            {
                if (pair.Length == 0) continue;
                var eq = pair.IndexOf('=');
                var name = Decode(eq < 0 ? pair : pair.Substring(0, eq), text);
                var value = eq < 0 ? "" : Decode(pair.Substring(eq + 1), text);
                if (name.Length == 0) throw Refused(text, $"the query part '{pair}' has no name");
                query.Add(new KeyValuePair<string, string>(name, value));
            }
            return new RawRequestPath(sb.ToString(), query, stripped);
        }

        private static bool HasScheme(string s)
        {
            var colon = s.IndexOf(':');
            if (colon <= 0) return false;
            var slash = s.IndexOf('/');
            if (slash >= 0 && slash < colon) return false; // a ':' inside a later segment
            if (!char.IsLetter(s[0])) return false;
            for (int i = 1; i < colon; i++)
                if (!(char.IsLetterOrDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) return false;
            return true;
        }

        /// <summary>Percent-decoding, once, of UTF-8; a malformed escape is refused rather than passed on.</summary>
        private static string Decode(string part, string text)
        {
            if (part.IndexOf('%') < 0) return part;
            var bytes = new List<byte>(part.Length);
            for (int i = 0; i < part.Length; i++)
            {
                var c = part[i];
                if (c != '%') { bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString())); continue; }
                if (i + 2 >= part.Length || !Uri.IsHexDigit(part[i + 1]) || !Uri.IsHexDigit(part[i + 2]))
                    throw Refused(text, $"'{part}' has a '%' that is not followed by two hex digits (write %25 for a literal '%')");
                bytes.Add(Convert.ToByte(part.Substring(i + 1, 2), 16));
                i += 2;
            }
            try { return new UTF8Encoding(false, true).GetString(bytes.ToArray()); }
            catch (DecoderFallbackException) { throw Refused(text, $"'{part}' decodes to bytes that are not UTF-8"); }
        }

        private static ArgumentException Refused(string text, string problem) =>
            new ArgumentException($"-Path {Escaped.Text(text)} was refused: {problem}. Give a path below the API base, e.g. /portfolio/orders?status=resting. Nothing was sent.");
    }
}
