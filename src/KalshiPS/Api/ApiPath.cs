using System;
using System.Globalization;
using System.Text;

namespace KalshiPS.Api
{
    /// <summary>The kinds of user value that become a path segment (or a name the wire carries verbatim).</summary>
    internal enum SegmentKind { MarketTicker, EventTicker, SeriesTicker, OrderId, OrderGroupId, ClientOrderId, RfqId, QuoteId, ApiKeyId, BlockTradeId,
        CollectionTicker, TransferId, ClientTransferId, MilestoneId, StructuredTargetId, SubtraderId, LiveDataType, City }

    /// <summary>
    /// A user value checked against the shape Kalshi gives it: tickers are letters, digits, '-', '.', '_' starting
    /// with a letter or digit (so never '.', '..' or empty); order ids are UUIDs. Surrounding blanks (a padded CSV
    /// cell) are trimmed; anything else outside the shape is refused, never cleaned up, so a segment can only ever
    /// name the one thing the user typed.
    /// </summary>
    internal readonly struct Segment
    {
        /// <summary>Longer than any ticker Kalshi issues (multivariate tickers run to about 100 characters).</summary>
        internal const int MaxTickerLength = 256;
        internal const int MaxClientOrderIdLength = 64;

        private Segment(SegmentKind kind, string value) { Kind = kind; Value = value; }

        public SegmentKind Kind { get; }
        /// <summary>The canonical value (tickers upper case, ids lower case).</summary>
        public string Value { get; }
        /// <summary>The value as it appears in a URL path: percent-encoded exactly once.</summary>
        public string Encoded => Uri.EscapeDataString(Value);

        public override string ToString() => Value;

        /// <summary>Null or only blanks (an empty CSV cell): an optional value that was not given.</summary>
        public static bool IsBlank(string raw) => raw == null || raw.Trim(' ', '\t').Length == 0;

        /// <summary>The checked value, or an <see cref="InvalidSegmentException"/> naming <paramref name="parameter"/>.</summary>
        public static Segment Parse(SegmentKind kind, string raw, string parameter)
        {
            if (TryParse(kind, raw, out var segment, out var problem)) return segment;
            throw new InvalidSegmentException(kind, raw, parameter, problem);
        }

        public static bool TryParse(SegmentKind kind, string raw, out Segment segment, out string problem)
        {
            segment = default;
            problem = null;
            if (IsBlank(raw)) { problem = "it is empty"; return false; }
            var text = raw.Trim(' ', '\t');
            switch (kind)
            {
                case SegmentKind.OrderId:
                case SegmentKind.OrderGroupId:
                case SegmentKind.RfqId:
                case SegmentKind.QuoteId:
                case SegmentKind.ApiKeyId:
                    if (!IsUuid(text)) { problem = "it is not a UUID"; return false; }
                    segment = new Segment(kind, text.ToLowerInvariant());
                    return true;
                case SegmentKind.BlockTradeId: // the spec does not promise a UUID: an id's characters, starting with a letter or digit
                    if (text.Length > MaxClientOrderIdLength) { problem = $"it is {text.Length} characters long (at most {MaxClientOrderIdLength})"; return false; }
                    if (!IsAsciiLetterOrDigit(text[0])) { problem = "it does not start with a letter or digit"; return false; }
                    if (!IsIdText(text, out problem)) return false;
                    segment = new Segment(kind, text);
                    return true;
                case SegmentKind.ClientOrderId:
                case SegmentKind.ClientTransferId:
                case SegmentKind.TransferId:
                    // Kalshi does not say what shape a transfer id has: id text that cannot be '.', '..' or empty.
                    if (kind == SegmentKind.TransferId && !IsAsciiLetterOrDigit(text[0])) { problem = "it does not start with a letter or digit"; return false; }
                    if (text.Length > MaxClientOrderIdLength) { problem = $"it is {text.Length} characters long (at most {MaxClientOrderIdLength})"; return false; }
                    if (!IsIdText(text, out problem)) return false;
                    segment = new Segment(kind, text);
                    return true;
                case SegmentKind.MilestoneId:
                case SegmentKind.StructuredTargetId:
                case SegmentKind.SubtraderId:
                case SegmentKind.LiveDataType:
                case SegmentKind.City:
                    // Data-service ids and names: kept as typed (Kalshi's are lower case), same character rules as ids.
                    if (text.Length > MaxTickerLength) { problem = $"it is {text.Length} characters long (at most {MaxTickerLength})"; return false; }
                    if (!IsIdText(text, out problem)) return false;
                    segment = new Segment(kind, text);
                    return true;
                default:
                    if (text.Length > MaxTickerLength) { problem = $"it is {text.Length} characters long (at most {MaxTickerLength})"; return false; }
                    if (!IsTickerText(text, out problem)) return false;
                    segment = new Segment(kind, text.ToUpperInvariant());
                    return true;
            }
        }

        /// <summary>What a valid value of <paramref name="kind"/> looks like, for error messages.</summary>
        public static string Shape(SegmentKind kind)
        {
            switch (kind)
            {
                case SegmentKind.OrderId:
                    return "an order id is a UUID as Kalshi returns it, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e (copy it from Get-KalshiOrder or New-KalshiOrder output)";
                case SegmentKind.OrderGroupId:
                    return "an order group id is a UUID as Kalshi returns it, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e";
                case SegmentKind.RfqId:
                    return "an RFQ id is a UUID as Kalshi returns it (copy it from Get-KalshiRfq or New-KalshiRfq output)";
                case SegmentKind.QuoteId:
                    return "a quote id is a UUID as Kalshi returns it (copy it from Get-KalshiQuote or New-KalshiQuote output)";
                case SegmentKind.ApiKeyId:
                    return "an API key id is a UUID as Kalshi returns it (Get-KalshiApiKey lists yours)";
                case SegmentKind.BlockTradeId:
                    return $"a block trade proposal id is 1-{MaxClientOrderIdLength} ASCII letters, digits, '-', '_', '.' or ':' starting with a letter or digit (copy it from Get-KalshiBlockTrade output)";
                case SegmentKind.MilestoneId:
                case SegmentKind.StructuredTargetId:
                case SegmentKind.SubtraderId:
                case SegmentKind.LiveDataType:
                case SegmentKind.City:
                    return $"a {Describe(kind)} is 1-{MaxTickerLength} ASCII letters, digits, '-', '_', '.' or ':' as Kalshi returns it (e.g. from {Source(kind)})";
                case SegmentKind.ClientOrderId:
                    return $"a client order id is 1-{MaxClientOrderIdLength} ASCII letters, digits, '-', '_', '.' or ':' (omit it and a GUID is generated)";
                case SegmentKind.ClientTransferId:
                    return $"a client transfer id is 1-{MaxClientOrderIdLength} ASCII letters, digits, '-', '_', '.' or ':' (omit it and a GUID is generated)";
                case SegmentKind.TransferId:
                    return $"a transfer id is 1-{MaxClientOrderIdLength} ASCII letters, digits, '-', '_', '.' or ':' starting with a letter or digit, as Move-KalshiBalance or Get-KalshiTransfer shows it";
                default:
                    return $"a {Describe(kind)} is 1-{MaxTickerLength} ASCII letters, digits, '-', '.' or '_', starting with a letter or digit, e.g. KXHIGHNY-26NOV24-B45";
            }
        }

        public static string Describe(SegmentKind kind)
        {
            switch (kind)
            {
                case SegmentKind.MarketTicker: return "market ticker";
                case SegmentKind.EventTicker: return "event ticker";
                case SegmentKind.SeriesTicker: return "series ticker";
                case SegmentKind.CollectionTicker: return "collection ticker";
                case SegmentKind.OrderId: return "order id";
                case SegmentKind.OrderGroupId: return "order group id";
                case SegmentKind.RfqId: return "RFQ id";
                case SegmentKind.QuoteId: return "quote id";
                case SegmentKind.ApiKeyId: return "API key id";
                case SegmentKind.BlockTradeId: return "block trade proposal id";
                case SegmentKind.TransferId: return "transfer id";
                case SegmentKind.ClientTransferId: return "client transfer id";
                case SegmentKind.MilestoneId: return "milestone id";
                case SegmentKind.StructuredTargetId: return "structured target id";
                case SegmentKind.SubtraderId: return "subtrader id";
                case SegmentKind.LiveDataType: return "live data type";
                case SegmentKind.City: return "weather index city id";
                default: return "client order id";
            }
        }

        private static string Source(SegmentKind kind)
        {
            switch (kind)
            {
                case SegmentKind.MilestoneId: return "Get-KalshiMilestone, e.g. 5b7c0f7e-3f0e-4d3b-9c1a-2a5f0e8d9b11";
                case SegmentKind.StructuredTargetId: return "Get-KalshiStructuredTarget";
                case SegmentKind.SubtraderId: return "Get-KalshiSubtrader, e.g. acct123_desk1";
                case SegmentKind.LiveDataType: return "a milestone's Type, e.g. football_game";
                default: return "Kalshi's weather markets, e.g. miami";
            }
        }

        private static bool IsTickerText(string s, out string problem)
        {
            problem = null;
            if (!IsAsciiLetterOrDigit(s[0])) { problem = "it does not start with a letter or digit"; return false; }
            for (int i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (IsAsciiLetterOrDigit(c) || c == '-' || c == '.' || c == '_') continue;
                problem = "it contains " + DescribeChar(c);
                return false;
            }
            return true;
        }

        private static bool IsIdText(string s, out string problem)
        {
            problem = null;
            for (int i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':') continue;
                problem = "it contains " + DescribeChar(c);
                return false;
            }
            return true;
        }

        private static bool IsUuid(string s)
        {
            if (s.Length != 36) return false;
            for (int i = 0; i < 36; i++)
            {
                var c = s[i];
                if (i == 8 || i == 13 || i == 18 || i == 23) { if (c != '-') return false; }
                else if (!Uri.IsHexDigit(c)) return false;
            }
            return true;
        }

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        private static string DescribeChar(char c)
        {
            if (c == ' ') return "a space";
            if (c == '/') return "'/'";
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c > '~') return "the character " + Escaped.Char(c);
            return "'" + c + "'";
        }
    }

    /// <summary>Request paths built from typed segments: "/markets/{0}/orderbook" with each {n} the encoded segment.</summary>
    internal static class ApiPath
    {
        public static string Of(string template, params Segment[] segments)
        {
            var sb = new StringBuilder(template.Length + 40);
            for (int i = 0; i < template.Length; i++)
            {
                var c = template[i];
                if (c != '{') { sb.Append(c); continue; }
                int close = template.IndexOf('}', i);
                int n = int.Parse(template.Substring(i + 1, close - i - 1), CultureInfo.InvariantCulture);
                if (segments[n].Value == null) throw new ArgumentException("segment " + n + " of " + template + " was never validated");
                sb.Append(segments[n].Encoded);
                i = close;
            }
            return sb.ToString();
        }

        public static string Of(string template, SegmentKind kind, string value, string parameter) =>
            Of(template, Segment.Parse(kind, value, parameter));
    }

    /// <summary>Shows user text safely in a message: quoted, control and non-ASCII characters as \uXXXX, long text cut.</summary>
    internal static class Escaped
    {
        private const int MaxShown = 80;

        public static string Text(string s)
        {
            if (s == null) return "$null";
            var sb = new StringBuilder("'");
            int shown = 0;
            foreach (var c in s)
            {
                if (shown++ == MaxShown) { sb.Append("…"); break; }
                if (c == '\'') sb.Append("''");
                else if (c < ' ' || c > '~') sb.Append(Char(c));
                else sb.Append(c);
            }
            sb.Append('\'');
            if (s.Length > MaxShown) sb.Append(" (").Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
            return sb.ToString();
        }

        public static string Char(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>A user value that cannot be a path segment (or id) of the kind a parameter takes; nothing was sent.</summary>
    public sealed class InvalidSegmentException : ArgumentException
    {
        private readonly string _message;

        internal InvalidSegmentException(SegmentKind kind, string raw, string parameter, string problem) : base(null, parameter)
        {
            _message = $"-{parameter} {Escaped.Text(raw)} is not a valid {Segment.Describe(kind)} ({problem}): {Segment.Shape(kind)}. Nothing was sent.";
            Received = raw;
        }

        /// <summary>The whole explanation, without .NET's "(Parameter ...)" suffix (the text already names it).</summary>
        public override string Message => _message;

        /// <summary>The text exactly as it was received.</summary>
        public string Received { get; }
    }
}
