using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// An index value channel (cfbenchmarks_value, cfbenchmarks_value_5hz, pyth_value): subscribed by index ids (CF
    /// Benchmarks) or underlying tickers (Pyth) instead of markets; each value message becomes a KalshiIndexValue.
    /// </summary>
    internal sealed class IndexValueHandler : ChannelHandler
    {
        private readonly string[] _ids;
        private readonly Action<KalshiIndexValue> _emit;

        public IndexValueHandler(string channel, IReadOnlyList<string> ids, Action<KalshiIndexValue> emit)
            : base(channel, null, false)
        {
            _ids = ids.ToArray();
            _emit = emit;
        }

        /// <summary>Pyth names its filter underlying_tickers; CF Benchmarks index_ids.</summary>
        internal string FilterField => Channel == "pyth_value" ? "underlying_tickers" : "index_ids";

        protected override object SubscribeParameters() =>
            new Dictionary<string, object> { ["channels"] = new[] { Channel }, [FilterField] = _ids };

        protected override Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct)
        {
            if (m.Type != Channel) return Task.CompletedTask; // e.g. the *_indexlist answers
            if (gap) ctx.Warn($"Kalshi stream: {Channel} values were missed (sequence gap at seq {m.Seq}).");
            KalshiIndexValue v;
            try { v = Wire.WireReader.Read(m.Msg, (ref Utf8JsonReader r) => Wire.IndexValueWire.Value(Channel, ref r)); }
            catch (Exception e) when (e is FormatException || e is InvalidOperationException || e is JsonException)
            {
                ctx.Verbose($"Kalshi stream: ignored an unreadable {m.Type} message: {e.Message}");
                return Task.CompletedTask;
            }
            if (v != null) _emit(v);
            return Task.CompletedTask;
        }
    }
}
