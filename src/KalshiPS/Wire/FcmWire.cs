using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's FCM JSON: subtraders and their daily event-contract caps (orders and positions use PortfolioWire).</summary>
    internal static class FcmWire
    {
        public static KalshiSubtrader Subtrader(ref Utf8JsonReader r)
        {
            var s = new KalshiSubtrader();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "subtrader_id": s.SubtraderId = r.Str(); break;
                    case "trading_blocked": s.TradingBlocked = r.Bool(); break;
                    case "fcm_trading_blocked": s.FcmTradingBlocked = r.Bool(); break;
                    case "propagation_pending": s.PropagationPending = r.Bool(); break;
                    case "exchange_indices": s.ExchangeIndices = Ints(ref r); break;
                    default: r.Skip(); break;
                }
            return s;
        }

        private static int[] Ints(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return Array.Empty<int>(); }
            var list = new List<int>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                var n = r.Long();
                if (n.HasValue) list.Add((int)n.Value);
            }
            return list.ToArray();
        }

        public static KalshiSubtraderCap Cap(ref Utf8JsonReader r)
        {
            var c = new KalshiSubtraderCap();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return c; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "subtrader_id": c.SubtraderId = r.Str(); break;
                    case "limit": c.Limit = r.Dec(); break;
                    case "executed_utilization": c.ExecutedUtilization = r.Dec(); break;
                    case "resting_order_utilization": c.RestingOrderUtilization = r.Dec(); break;
                    case "pending_order_utilization": c.PendingOrderUtilization = r.Dec(); break;
                    case "cap_date": c.CapDate = r.Str(); break;
                    default: r.Skip(); break;
                }
            return c;
        }

        /// <summary>{"subtrader_id": "..."} (the id of a created subtrader).</summary>
        public static string CreatedId(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            string id = null;
            while (r.NextProperty(out var field))
                if (field.SequenceEqual("subtrader_id".AsSpan())) id = r.Str(); else r.Skip();
            return id;
        }

        public static string CreateBody(string suffix) => Body(w => w.WriteString("subtrader_suffix", suffix));

        /// <summary>The cap as Kalshi reads dollars: a fixed-point string, never a JSON number.</summary>
        public static string CapBody(string subtraderId, decimal limit) => Body(w =>
        {
            w.WriteString("subtrader_id", subtraderId);
            w.WriteString("limit", limit.ToString("0.00##", CultureInfo.InvariantCulture));
        });

        private static string Body(Action<Utf8JsonWriter> write)
        {
            using (var buffer = new System.IO.MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer)) { w.WriteStartObject(); write(w); w.WriteEndObject(); }
                return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
        }
    }

    /// <summary>The index value channels' payloads (cfbenchmarks_value, cfbenchmarks_value_5hz, pyth_value).</summary>
    internal static class IndexValueWire
    {
        public static KalshiIndexValue Value(string channel, ref Utf8JsonReader r)
        {
            var v = new KalshiIndexValue { Channel = channel };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "index_id": v.IndexId = r.Repeated(); break;
                    case "underlying_ticker": v.IndexId = r.Repeated(); break;
                    case "value_usd": v.Value = r.Dec(); break;
                    case "source_ts_ms": v.SourceTime = r.TimeMs(); break;
                    case "received_at": v.ReceivedTime = r.TimeMs(); break;
                    case "data": v.Data = r.Str(); break;
                    case "avg_60s_data": Average(ref r, out var a, out var n); v.Average60s = a; v.Average60sTicks = n; break;
                    case "last_60s_windowed_average_15min": Average(ref r, out var q, out var qn); v.QuarterCloseAverage = q; v.QuarterCloseTicks = qn; break;
                    default: r.Skip(); break;
                }
            if ((!v.Value.HasValue || !v.SourceTime.HasValue) && !string.IsNullOrEmpty(v.Data)) FromFrame(v);
            return v;
        }

        private static void Average(ref Utf8JsonReader r, out decimal? value, out int? ticks)
        {
            value = null; ticks = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "value": value = r.Dec(); break;
                    case "window_size": ticks = (int?)r.Long(); break;
                    default: r.Skip(); break;
                }
        }

        /// <summary>
        /// The 1-second channel sends the CF Benchmarks frame as text ({"type":"value","id":"BRTI","value":"...","time":ms});
        /// its value and time are read from it when the message itself has none. A frame that is not JSON is left as text.
        /// </summary>
        private static void FromFrame(KalshiIndexValue v)
        {
            try
            {
                var r = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(v.Data));
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return;
                while (r.NextProperty(out var field))
                    switch (field)
                    {
                        case "value": v.Value = v.Value ?? r.Dec(); break;
                        case "time": v.SourceTime = v.SourceTime ?? r.TimeMs(); break;
                        default: r.Skip(); break;
                    }
            }
            catch (JsonException) { }
        }
    }
}
