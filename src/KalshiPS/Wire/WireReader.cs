using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KalshiPS.Wire
{
    /// <summary>Reads one value (usually an object) at the reader's current token into T. See Wire/README.md.</summary>
    internal delegate T ReadValue<T>(ref Utf8JsonReader r);

    /// <summary>
    /// The one way KalshiPS reads JSON: a forward-only Utf8JsonReader over the UTF-8 body, a switch over property names
    /// per model, values converted straight from the bytes. Invariant: a value reader starts on the value's first token
    /// and leaves the reader on its last one (for objects and arrays, the End token), so unknown fields cost one Skip.
    /// Every value reader tolerates a missing field, a null or an unexpected type by returning null.
    /// </summary>
    internal static class WireReader
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (netstandard2.0 cannot name it; .NET Framework ignores it): the
        /// per-item readers are compiled optimized once, by WireWarmup when a session is made, instead of running a
        /// listing's first pages as unoptimized tier-0 code and being recompiled while pwsh keeps the JIT busy.
        /// </summary>
        internal const MethodImplOptions Optimized = (MethodImplOptions)512;

        /// <summary>Longer property names are compared through a string (none of Kalshi's are that long).</summary>
        public const int MaxName = 48;

        [ThreadStatic] private static char[] t_name;

        /// <summary>
        /// Moves to the next property of the object the reader is in and then to its value; false at the object's end.
        /// The name (ASCII widened; anything else simply matches no case) is valid until the next call on this thread,
        /// which is all a switch needs.
        /// </summary>
        [MethodImpl(WireReader.Optimized)]
        public static bool NextProperty(this ref Utf8JsonReader r, out ReadOnlySpan<char> name)
        {
            if (!r.Read() || r.TokenType != JsonTokenType.PropertyName) { name = default; return false; }
            var bytes = r.ValueSpan;
            var buffer = t_name ?? (t_name = new char[MaxName]);
            if (r.ValueIsEscaped || bytes.Length > buffer.Length) name = r.GetString().AsSpan();
            else
            {
                for (var i = 0; i < bytes.Length; i++) buffer[i] = (char)bytes[i];
                name = new ReadOnlySpan<char>(buffer, 0, bytes.Length);
            }
            r.Read();
            return true;
        }

        /// <summary>Each element of the array at the reader, through <paramref name="read"/> (null when not an array).</summary>
        public static List<T> List<T>(this ref Utf8JsonReader r, ReadValue<T> read)
        {
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return null; }
            var list = new List<T>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                list.Add(read(ref r));
            return list;
        }

        /// <summary>The objects of array property <paramref name="field"/> of the object at the reader (null when absent).</summary>
        public static List<T> Field<T>(this ref Utf8JsonReader r, string field, ReadValue<T> read)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            List<T> items = null;
            while (r.NextProperty(out var f))
                if (f.SequenceEqual(field.AsSpan())) items = r.Objects(read); else r.Skip();
            return items;
        }

        /// <summary>Each object of the array at the reader through <paramref name="read"/>; other elements are dropped.</summary>
        [MethodImpl(WireReader.Optimized)]
        public static List<T> Objects<T>(this ref Utf8JsonReader r, ReadValue<T> read)
        {
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return null; }
            var list = new List<T>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                if (r.TokenType == JsonTokenType.StartObject) list.Add(read(ref r)); else r.Skip();
            return list;
        }

        /// <summary>The object at the reader through <paramref name="read"/>, or default (skipped) when it is not an object.</summary>
        public static T Object<T>(this ref Utf8JsonReader r, ReadValue<T> read)
        {
            if (r.TokenType == JsonTokenType.StartObject) return read(ref r);
            r.Skip();
            return default;
        }

        /// <summary>
        /// A single-object answer that Kalshi wraps ({"market": {...}}) or, on some servers, sends bare: the wrapped
        /// object when present, else the whole body read as one.
        /// </summary>
        public static T Wrapped<T>(this ref Utf8JsonReader r, string field, ReadValue<T> read)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return default; }
            var start = r; // the reader is a struct: a copy is a bookmark
            while (r.NextProperty(out var f))
            {
                if (r.TokenType == JsonTokenType.StartObject && f.SequenceEqual(field.AsSpan())) return read(ref r);
                r.Skip();
            }
            r = start;
            return read(ref r);
        }

        [MethodImpl(WireReader.Optimized)]
        public static string Str(this ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String: return r.GetString();
                case JsonTokenType.Number: return Encoding.UTF8.GetString(r.ValueSpan.ToArray());
                case JsonTokenType.True: return "true";
                case JsonTokenType.False: return "false";
                default: r.Skip(); return null;
            }
        }

        /// <summary>
        /// A string that repeats across the items of a listing (status, event ticker, title, side...): decoded once per
        /// thread and shared (see Utf8Strings), which spares the collector thousands of copies per page. Not for ids.
        /// </summary>
        [MethodImpl(WireReader.Optimized)]
        public static string Repeated(this ref Utf8JsonReader r) =>
            r.TokenType == JsonTokenType.String && !r.ValueIsEscaped ? Utf8Strings.Get(r.ValueSpan) : r.Str();

        /// <summary>A fixed-point string ("0.5600") or a JSON number, as decimal: exact, from the bytes, scale kept.</summary>
        [MethodImpl(WireReader.Optimized)]
        public static decimal? Dec(this ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.Number: return r.TryGetDecimal(out var n) ? n : (decimal?)null;
                case JsonTokenType.String:
                    if (!r.ValueIsEscaped && TryParseFixed(r.ValueSpan, out var d)) return d;
                    return FixedPoint.TryParse(r.GetString(), out var s) ? s : (decimal?)null;
                default: r.Skip(); return null;
            }
        }

        [MethodImpl(WireReader.Optimized)]
        public static long? Long(this ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.Number: return r.TryGetInt64(out var n) ? n : (long?)null;
                case JsonTokenType.String:
                    return long.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : (long?)null;
                default: r.Skip(); return null;
            }
        }

        [MethodImpl(WireReader.Optimized)]
        public static bool? Bool(this ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                case JsonTokenType.String: return bool.TryParse(r.GetString(), out var b) ? b : (bool?)null;
                default: r.Skip(); return null;
            }
        }

        /// <summary>An RFC 3339 string, or Unix seconds, as a UTC DateTime.</summary>
        [MethodImpl(WireReader.Optimized)]
        public static DateTime? Time(this ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String:
                    // Kalshi's own spelling ("...Z") parses from the bytes; anything else takes the lenient text path.
                    var span = r.ValueSpan;
                    if (!r.ValueIsEscaped && span.Length > 0 && span[span.Length - 1] == (byte)'Z' && r.TryGetDateTimeOffset(out var dto))
                        return dto.UtcDateTime;
                    return JsonFields.TimeText(r.GetString());
                case JsonTokenType.Number: return r.TryGetInt64(out var n) ? JsonFields.FromUnixSeconds(n) : (DateTime?)null;
                default: r.Skip(); return null;
            }
        }

        /// <summary>Unix milliseconds (the *_ts_ms fields) as a UTC DateTime.</summary>
        public static DateTime? TimeMs(this ref Utf8JsonReader r)
        {
            var ms = r.Long();
            return ms.HasValue && ms.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).UtcDateTime : (DateTime?)null;
        }

        /// <summary>
        /// Plain fixed point ("-12.3400": optional minus, digits, optional dot and digits, at most 18 digits) straight
        /// to decimal with the same scale decimal.Parse gives. Anything else returns false for the text path to judge.
        /// </summary>
        [MethodImpl(WireReader.Optimized)]
        internal static bool TryParseFixed(ReadOnlySpan<byte> s, out decimal value)
        {
            value = 0m;
            var i = 0;
            var negative = s.Length > 0 && s[0] == (byte)'-';
            if (negative) i++;
            ulong mantissa = 0;
            int digits = 0, scale = 0;
            var dot = false;
            var before = 0;
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c >= (byte)'0' && c <= (byte)'9')
                {
                    if (++digits > 18) return false;
                    mantissa = mantissa * 10 + (ulong)(c - '0');
                    if (dot) scale++; else before++;
                }
                else if (c == (byte)'.' && !dot) dot = true;
                else return false;
            }
            if (before == 0 || (dot && scale == 0) || (negative && mantissa == 0)) return false;
            value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
            return true;
        }

        /// <summary>Runs a reader over an already-parsed element (stream payloads, tests): the mapping stays in one place.</summary>
        public static T Read<T>(JsonElement element, ReadValue<T> read)
        {
            var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(element.GetRawText()));
            r.Read();
            return read(ref r);
        }
    }
}
