using System;
using System.Text;
using System.Text.Json;

namespace KalshiPS.Wire
{
    /// <summary>
    /// A list page's next cursor found without reading its items, so the next request can leave while they are read:
    /// the first property when it is "cursor", or the last one when the body ends with ,"cursor":"..."} (where Kalshi
    /// puts it). Only a plain string counts (no escapes); anything else is "not found" and the pager waits for the full
    /// read, which stays the authority (a read-ahead for a cursor it does not confirm is dropped).
    /// </summary>
    internal static class NextCursor
    {
        private static readonly byte[] Name = Encoding.UTF8.GetBytes("\"cursor\"");

        public static string Find(ReadOnlySpan<byte> body) => Tail(body) ?? Head(body);

        private static string Head(ReadOnlySpan<byte> body)
        {
            var r = new Utf8JsonReader(body);
            try
            {
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
                if (!r.Read() || r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped || !r.ValueSpan.SequenceEqual(Name.AsSpan(1, Name.Length - 2))) return null;
                if (!r.Read() || r.TokenType != JsonTokenType.String || r.ValueIsEscaped) return null;
                return r.ValueSpan.Length == 0 ? null : Encoding.UTF8.GetString(r.ValueSpan.ToArray());
            }
            catch (JsonException) { return null; }
        }

        private static string Tail(ReadOnlySpan<byte> body)
        {
            var i = SkipSpaceBack(body, body.Length - 1);
            if (i < 0 || body[i] != (byte)'}') return null;            // the top-level object's end
            i = SkipSpaceBack(body, i - 1);
            if (i < 0 || body[i] != (byte)'"') return null;            // a string value's closing quote
            var end = i;
            for (i--; i >= 0 && body[i] != (byte)'"'; i--)
                if (body[i] == (byte)'\\' || body[i] < 0x20) return null; // escapes: leave it to the full read
            if (i < 0) return null;
            var start = i + 1;
            i = SkipSpaceBack(body, i - 1);
            if (i < 0 || body[i] != (byte)':') return null;
            i = SkipSpaceBack(body, i - 1);
            if (i < Name.Length - 1 || !body.Slice(i - Name.Length + 1, Name.Length).SequenceEqual(Name)) return null;
            i = SkipSpaceBack(body, i - Name.Length);
            // Preceded by a comma or the opening brace: a property of the top-level object, as the closing brace after
            // its value is the body's last byte (a nested object's would be followed by more closers).
            if (i < 0 || (body[i] != (byte)',' && body[i] != (byte)'{')) return null;
            return end == start ? null : Encoding.UTF8.GetString(body.Slice(start, end - start).ToArray());
        }

        private static int SkipSpaceBack(ReadOnlySpan<byte> s, int i)
        {
            while (i >= 0 && (s[i] == (byte)' ' || s[i] == (byte)'\n' || s[i] == (byte)'\r' || s[i] == (byte)'\t')) i--;
            return i;
        }
    }
}
