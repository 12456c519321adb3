using System.Globalization;
using System.Text.Json;

namespace KalshiPS.Sandbox;

/// <summary>One index value as the index channels carry it (cfbenchmarks_value, cfbenchmarks_value_5hz, pyth_value).</summary>
public sealed record IndexValueEvent(string Channel, string IndexId, decimal Value, long SourceTsMs, decimal Average60s, int AverageTicks, long TsMs) : ExchangeEvent(TsMs);

/// <summary>
/// Publishes reference index values on the exchange's event hub: a random walk per index, five a second on the 5 Hz
/// channel and one a second on the others; <see cref="Publish"/> sends one on demand (tests).
/// </summary>
public static class IndexFeed
{
    public static readonly string[] Channels = { "cfbenchmarks_value", "cfbenchmarks_value_5hz", "pyth_value" };
    public static readonly string[] CfBenchmarksIds = { "BRTI", "ETHUSD_RTI" };
    public static readonly string[] PythSymbols = { "Metal.XAU/USD", "Commodities.Index.PYTHOIL/USD" };

    public static bool IsIndexChannel(string channel) => Array.IndexOf(Channels, channel) >= 0;

    /// <summary>The subscribe parameter that names a channel's indices.</summary>
    public static string FilterField(string channel) => channel == "pyth_value" ? "underlying_tickers" : "index_ids";

    public static void Publish(Exchange ex, string channel, string indexId, decimal value)
    {
        lock (ex.Gate)
        {
            long ms = ex.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            ex.Events.Publish(new IndexValueEvent(channel, indexId, value, ms, value, 0, ms));
        }
    }

    /// <summary>Starts the periodic feed; dispose the result to stop it.</summary>
    public static IDisposable Start(Exchange ex, int seed)
    {
        var rng = new Random(seed ^ 0x1D3);
        var last = new Dictionary<string, decimal> { ["BRTI"] = 97250.12m, ["ETHUSD_RTI"] = 3650.5m, ["Metal.XAU/USD"] = 2650.25m, ["Commodities.Index.PYTHOIL/USD"] = 71.4m };
        long tick = 0;
        return new Timer(_ =>
        {
            lock (last)
            {
                tick++;
                foreach (var id in last.Keys.ToArray())
                {
                    var v = Math.Round(last[id] * (1m + (decimal)(rng.NextDouble() - 0.5) * 0.0004m), 8);
                    last[id] = v;
                    bool cf = Array.IndexOf(CfBenchmarksIds, id) >= 0;
                    if (cf) Publish(ex, "cfbenchmarks_value_5hz", id, v);
                    if (tick % 5 == 0) Publish(ex, cf ? "cfbenchmarks_value" : "pyth_value", id, v);
                }
            }
        }, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The message a subscription gets, in each channel's shape.</summary>
    public static object Message(IndexValueEvent v, int sid, long seq)
    {
        string usd = v.Value.ToString("0.00000000", CultureInfo.InvariantCulture);
        switch (v.Channel)
        {
            case "pyth_value":
                return new { type = v.Channel, sid, seq, msg = new { underlying_ticker = v.IndexId, value_usd = usd, source_ts_ms = v.SourceTsMs, received_at = v.TsMs } };
            case "cfbenchmarks_value_5hz":
                return new { type = v.Channel, sid, seq, msg = new { index_id = v.IndexId, value_usd = usd, source_ts_ms = v.SourceTsMs, received_at = v.TsMs, data = Frame(v, usd) } };
            default:
                return new
                {
                    type = v.Channel, sid, seq,
                    msg = new
                    {
                        index_id = v.IndexId, received_at = v.TsMs, data = Frame(v, usd),
                        avg_60s_data = new { value = v.Average60s.ToString("0.00000000", CultureInfo.InvariantCulture), window_size = v.AverageTicks, window_start_ts_ms = v.SourceTsMs - 60000, window_end_ts_exclusive = v.SourceTsMs },
                    },
                };
        }
    }

    /// <summary>The upstream CF Benchmarks frame, relayed as text.</summary>
    private static string Frame(IndexValueEvent v, string usd) =>
        JsonSerializer.Serialize(new { type = "value", time = v.SourceTsMs, id = v.IndexId, value = usd });
}
