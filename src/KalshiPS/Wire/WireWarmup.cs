using System.Text;
using System.Text.Json;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Runs each list reader once over a tiny canned item, off the pipeline thread, when a session is made: the first
    /// real call then finds them compiled (the JIT is most of a first call's extra cost; no reflection is involved).
    /// </summary>
    internal static class WireWarmup
    {
        private static readonly byte[] Sample = Encoding.UTF8.GetBytes(
            "{\"ticker\":\"W\",\"status\":\"active\",\"yes_bid_dollars\":\"0.5000\",\"volume_fp\":\"1.00\",\"close_time\":\"2026-01-01T00:00:00Z\"," +
            "\"price_ranges\":[{\"start\":\"0.0000\",\"end\":\"1.0000\",\"step\":\"0.0100\"}],\"can_close_early\":true,\"ts_ms\":1,\"extra\":[1,{}]}");
        private static int _done;

        public static void Run()
        {
            if (System.Threading.Interlocked.Exchange(ref _done, 1) == 1) return;
            Read(MarketDataWire.Market);
            Read(MarketDataWire.Trade);
            Read(PortfolioWire.Order);
            Read(PortfolioWire.Fill);
            Read(PortfolioWire.Position);
            Read(PortfolioWire.Settlement);
        }

        private static void Read<T>(ReadValue<T> read)
        {
            var r = new Utf8JsonReader(Sample);
            r.Read();
            read(ref r);
        }
    }
}
