using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using KalshiPS.Models;

using KalshiPS.Collections;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Kalshi's free-form objects (milestone and live-data details, play-by-play events): read once into plain .NET
    /// values (objects as ordered dictionaries, arrays as object[], numbers as decimal, never double) and, in the same
    /// pass, copied as compact JSON text for export.
    /// </summary>
    internal static class FreeJson
    {
        /// <summary>The object at the reader (empty when it is not one) and its JSON text.</summary>
        public static KalshiDetails Object(ref Utf8JsonReader r, out string json)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); json = null; return new KalshiDetails(); }
            var (value, text) = Capture(ref r);
            json = text;
            return new KalshiDetails((IDictionary<string, object>)value, text);
        }

        public static KalshiDetails Object(ref Utf8JsonReader r) => Object(ref r, out _);

        /// <summary>Any value at the reader and its JSON text.</summary>
        public static (object Value, string Json) Capture(ref Utf8JsonReader r)
        {
            using (var buffer = new MemoryStream())
            {
                object value;
                using (var w = new Utf8JsonWriter(buffer)) { value = Read(ref r, w); }
                return (value, Encoding.UTF8.GetString(buffer.ToArray()));
            }
        }

        private static object Read(ref Utf8JsonReader r, Utf8JsonWriter w)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject:
                    var o = new Dictionary<string, object>(StringComparer.Ordinal);
                    w.WriteStartObject();
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = r.GetString();
                        w.WritePropertyName(name);
                        r.Read();
                        o[name] = Read(ref r, w);
                    }
                    w.WriteEndObject();
                    return o;
                case JsonTokenType.StartArray:
                    var a = new List<object>();
                    w.WriteStartArray();
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray) a.Add(Read(ref r, w));
                    w.WriteEndArray();
                    return a.ToArray();
                case JsonTokenType.String:
                    var s = r.GetString();
                    w.WriteStringValue(s);
                    return s;
                case JsonTokenType.Number:
                    if (r.TryGetDecimal(out var d)) { w.WriteNumberValue(d); return d; }
                    var raw = Encoding.UTF8.GetString(r.ValueSpan.ToArray()); // beyond decimal's range: kept as its text
                    w.WriteStringValue(raw);
                    return raw;
                case JsonTokenType.True: w.WriteBooleanValue(true); return true;
                case JsonTokenType.False: w.WriteBooleanValue(false); return false;
                default: w.WriteNullValue(); return null;
            }
        }

        /// <summary>An array of strings (null elements and other types dropped); empty when absent.</summary>
        public static string[] Strings(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return Array.Empty<string>(); }
            var list = new List<string>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType == JsonTokenType.String) list.Add(r.GetString());
                else r.Skip();
            }
            return list.ToArray();
        }


    }
}
