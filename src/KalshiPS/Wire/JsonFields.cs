using System;
using System.Globalization;
using System.Text.Json;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Field-by-name readers over Kalshi JSON. Every reader tolerates a missing field, a null, or an unexpected
    /// type by returning null, so a new or removed field never breaks parsing.
    /// </summary>
    internal static class JsonFields
    {
        public static bool TryField(this JsonElement obj, string name, out JsonElement value)
        {
            value = default;
            return obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        }

        public static string Str(this JsonElement obj, string name)
        {
            if (!obj.TryField(name, out var v)) return null;
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Number: return v.GetRawText();
                case JsonValueKind.True: return "true";
                case JsonValueKind.False: return "false";
                default: return null;
            }
        }

        /// <summary>A fixed-point string ("0.5600") or a JSON number, as decimal.</summary>
        public static decimal? Dec(this JsonElement obj, string name)
        {
            if (!obj.TryField(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var n)) return n;
            if (v.ValueKind == JsonValueKind.String && FixedPoint.TryParse(v.GetString(), out var s)) return s;
            return null;
        }

        public static long? Long(this JsonElement obj, string name)
        {
            if (!obj.TryField(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) return s;
            return null;
        }

        public static bool? Bool(this JsonElement obj, string name)
        {
            if (!obj.TryField(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.True) return true;
            if (v.ValueKind == JsonValueKind.False) return false;
            if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out var b)) return b;
            return null;
        }

        /// <summary>An RFC 3339 string, or Unix seconds, as a UTC DateTime.</summary>
        public static DateTime? Time(this JsonElement obj, string name)
        {
            if (!obj.TryField(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.String) return TimeText(v.GetString());
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return FromUnixSeconds(n);
            return null;
        }

        /// <summary>RFC 3339 text (any offset; none means UTC), or Unix seconds as text.</summary>
        internal static DateTime? TimeText(string text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
                return dto.UtcDateTime;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var secs)) return FromUnixSeconds(secs);
            return null;
        }

        /// <summary>Unix milliseconds (the *_ts_ms fields) as a UTC DateTime.</summary>
        public static DateTime? TimeMs(this JsonElement obj, string name)
        {
            var ms = obj.Long(name);
            return ms.HasValue && ms.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).UtcDateTime : (DateTime?)null;
        }

        public static JsonElement? Obj(this JsonElement obj, string name) =>
            obj.TryField(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : (JsonElement?)null;

        public static JsonElement? Arr(this JsonElement obj, string name) =>
            obj.TryField(name, out var v) && v.ValueKind == JsonValueKind.Array ? v : (JsonElement?)null;

        /// <summary>The first of several names that is present (new field first, legacy alias after).</summary>
        public static string StrAny(this JsonElement obj, params string[] names)
        {
            foreach (var n in names) { var s = obj.Str(n); if (!string.IsNullOrEmpty(s)) return s; }
            return null;
        }

        public static decimal? DecAny(this JsonElement obj, params string[] names)
        {
            foreach (var n in names) { var d = obj.Dec(n); if (d.HasValue) return d; }
            return null;
        }

        internal static DateTime FromUnixSeconds(long secs) =>
            secs > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(secs).UtcDateTime : DateTimeOffset.FromUnixTimeSeconds(secs).UtcDateTime;

        public static long ToUnixSeconds(DateTime time) =>
            new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Local) : time).ToUnixTimeSeconds();
    }
}
