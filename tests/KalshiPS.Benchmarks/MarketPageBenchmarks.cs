using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Benchmarks
{
    /// <summary>
    /// A 1000-market GET /markets page (2026 shape: *_dollars and *_fp strings) read the way the module reads it:
    /// Utf8JsonReader over the UTF-8 body, MarketDataWire.Market per element (Wire/README.md); and the floor, generic
    /// System.Text.Json (source-generated) into typed records with the same fields.
    /// </summary>
    [MemoryDiagnoser]
    public class MarketPageBenchmarks
    {
        private const int Markets = 1000;
        private byte[] _page;

        [GlobalSetup]
        public void Setup()
        {
            _page = Encoding.UTF8.GetBytes(BuildPage(Markets));
            // Measure the real path, not an error path: the page must read back as written.
            var first = ParsePage();
            if (first.Count != Markets || first[0].YesBid != 0.4200m || first[1].PriceRanges == null || first[Markets - 1].Ticker != "KXBENCH-26MAY01-B999")
                throw new InvalidOperationException("The generated page did not parse as expected.");
            if (Floor().Markets.Count != Markets) throw new InvalidOperationException("The floor did not read the page.");
        }

        /// <summary>Response bytes to KalshiMarket list: what one page of Get-KalshiMarket costs.</summary>
        [Benchmark]
        public List<KalshiMarket> ParsePage()
        {
            var r = new Utf8JsonReader(_page);
            r.Read();
            return r.Field("markets", MarketDataWire.Market);
        }

        /// <summary>The floor: System.Text.Json source-generated deserialization into records with the same fields.</summary>
        [Benchmark(Baseline = true)]
        public KalshiPS.Benchmarks.Floor.FloorPage<KalshiPS.Benchmarks.Floor.FloorMarket> Floor() =>
            JsonSerializer.Deserialize(_page, KalshiPS.Benchmarks.Floor.FloorJson.Default.FloorPageFloorMarket);

        /// <summary>
        /// Times both by hand (bench/README.md's profile numbers): CPU ms per page (process CPU time, not wall: the
        /// shared VM's run queue would otherwise dominate), best of interleaved rounds.
        /// </summary>
        internal static void Profile()
        {
            var b = new MarketPageBenchmarks();
            b.Setup();
            double ours = double.MaxValue, floor = double.MaxValue, tokens = double.MaxValue;
            for (var round = 0; round < 8; round++)
            {
                ours = Math.Min(ours, Cpu(() => b.ParsePage()));
                floor = Math.Min(floor, Cpu(() => b.Floor()));
                tokens = Math.Min(tokens, Cpu(() => { var r = new Utf8JsonReader(b._page); while (r.Read()) { } }));
            }
            Console.WriteLine(FormattableString.Invariant($"1000-market page, CPU: KalshiPS reader {ours:0.00} ms, floor (STJ source-gen) {floor:0.00} ms, ratio {ours / floor:0.00}; bare tokenizing {tokens:0.00} ms"));
        }

        /// <summary>
        /// Every listed kind (bench/README.md): one 1,000-item page of BenchData, the module's reader against the
        /// floor's source-generated STJ, CPU ms per page, best of interleaved rounds.
        /// </summary>
        internal static void ProfileKinds()
        {
            foreach (var kind in KalshiPS.Benchmarks.Floor.BenchData.Kinds)
            {
                var page = Encoding.UTF8.GetBytes(KalshiPS.Benchmarks.Floor.BenchData.Page(kind, 0, 2, 1000));
                var field = KalshiPS.Benchmarks.Floor.BenchData.ItemsField(kind);
                var f = KalshiPS.Benchmarks.Floor.FloorJson.Default;
                Action ours = kind switch
                {
                    "markets" => () => Read<KalshiMarket>(page, field, MarketDataWire.Market),
                    "fills" => () => Read(page, field, PortfolioWire.Fill),
                    "orders" => () => Read(page, field, PortfolioWire.Order),
                    "trades" => () => Read(page, field, MarketDataWire.Trade),
                    _ => () => Read(page, field, PortfolioWire.Position),
                };
                Action floor = kind switch
                {
                    "markets" => () => JsonSerializer.Deserialize(page, f.FloorPageFloorMarket),
                    "fills" => () => JsonSerializer.Deserialize(page, f.FloorPageFloorFill),
                    "orders" => () => JsonSerializer.Deserialize(page, f.FloorPageFloorOrder),
                    "trades" => () => JsonSerializer.Deserialize(page, f.FloorPageFloorTrade),
                    _ => () => JsonSerializer.Deserialize(page, f.FloorPageFloorPosition),
                };
                double o = double.MaxValue, fl = double.MaxValue;
                for (var round = 0; round < 8; round++) { o = Math.Min(o, Cpu(ours)); fl = Math.Min(fl, Cpu(floor)); }
                Console.WriteLine(FormattableString.Invariant($"{kind,-10} 1000-item page, CPU: KalshiPS reader {o:0.00} ms, floor {fl:0.00} ms, ratio {o / fl:0.00}"));
            }
        }

        /// <summary>Process CPU ms per call of <paramref name="a"/>, over 20 calls.</summary>
        private static double Cpu(Action a)
        {
            var process = System.Diagnostics.Process.GetCurrentProcess();
            process.Refresh();
            var t = process.TotalProcessorTime;
            for (var i = 0; i < 20; i++) a();
            process.Refresh();
            return (process.TotalProcessorTime - t).TotalMilliseconds / 20;
        }

        private static int Read<T>(byte[] page, string field, ReadValue<T> read)
        {
            var r = new Utf8JsonReader(page);
            r.Read();
            return r.Field(field, read).Count;
        }

        internal static string BuildPage(int count, int offset = 0, string cursor = "CgsIpoKz0AYQ2LeNCxIYS1hCRU5DSC0yNk1BWTAxLUI5OTk")
        {
            var sb = new StringBuilder(count * 1600);
            sb.Append("{\"markets\":[");
            for (int i = offset; i < offset + count; i++)
            {
                if (i > offset) sb.Append(',');
                // Prices vary per market; every third market is on the tapered deci-cent grid with explicit ranges.
                decimal bid = 0.01m * (1 + (i * 7 + 41) % 97), ask = Math.Min(bid + 0.02m, 0.99m);
                bool tapered = i % 3 == 1;
                string P(decimal d) => d.ToString("0.0000", CultureInfo.InvariantCulture);
                string C(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
                sb.Append('{')
                  .Append("\"ticker\":\"KXBENCH-26MAY01-B").Append(i).Append("\",")
                  .Append("\"event_ticker\":\"KXBENCH-26MAY01\",\"market_type\":\"binary\",")
                  .Append("\"title\":\"Highest temperature in NYC on May 1, 2026?\",")
                  .Append("\"yes_sub_title\":\"").Append(i).Append("° or above\",\"no_sub_title\":\"").Append(i).Append("° or above\",")
                  .Append("\"status\":\"active\",")
                  .Append("\"created_time\":\"2026-04-28T14:00:00Z\",\"open_time\":\"2026-04-29T14:00:00Z\",")
                  .Append("\"close_time\":\"2026-05-02T03:59:00Z\",\"expected_expiration_time\":\"2026-05-02T14:00:00Z\",")
                  .Append("\"latest_expiration_time\":\"2026-05-09T14:00:00Z\",\"updated_time\":\"2026-05-01T11:59:58.123Z\",")
                  .Append("\"yes_bid_dollars\":\"").Append(P(bid)).Append("\",\"yes_ask_dollars\":\"").Append(P(ask)).Append("\",")
                  .Append("\"no_bid_dollars\":\"").Append(P(1m - ask)).Append("\",\"no_ask_dollars\":\"").Append(P(1m - bid)).Append("\",")
                  .Append("\"last_price_dollars\":\"").Append(P(bid + 0.01m)).Append("\",\"previous_price_dollars\":\"").Append(P(bid)).Append("\",")
                  .Append("\"previous_yes_bid_dollars\":\"").Append(P(bid)).Append("\",\"previous_yes_ask_dollars\":\"").Append(P(ask)).Append("\",")
                  .Append("\"notional_value_dollars\":\"1.0000\",\"settlement_value_dollars\":null,")
                  .Append("\"yes_bid_size_fp\":\"").Append(C(10m + i)).Append("\",\"yes_ask_size_fp\":\"").Append(C(2.5m + i % 50)).Append("\",")
                  .Append("\"volume_fp\":\"").Append(C(1000m * i + 0.25m)).Append("\",\"volume_24h_fp\":\"").Append(C(12m * i)).Append("\",")
                  .Append("\"open_interest_fp\":\"").Append(C(500m + i)).Append("\",\"liquidity_dollars\":\"1234.5600\",")
                  .Append("\"result\":\"\",\"can_close_early\":true,")
                  .Append("\"price_level_structure\":\"").Append(tapered ? "tapered_deci_cent" : "linear_cent").Append("\",")
                  .Append(tapered
                      ? "\"price_ranges\":[{\"start\":\"0.0000\",\"end\":\"0.1000\",\"step\":\"0.0010\"},{\"start\":\"0.1000\",\"end\":\"0.9000\",\"step\":\"0.0100\"},{\"start\":\"0.9000\",\"end\":\"1.0000\",\"step\":\"0.0010\"}],"
                      : "\"price_ranges\":[{\"start\":\"0.0000\",\"end\":\"1.0000\",\"step\":\"0.0100\"}],")
                  .Append("\"fractional_trading_enabled\":").Append(tapered ? "true" : "false").Append(',')
                  .Append("\"strike_type\":\"greater_or_equal\",\"floor_strike\":").Append(i).Append(',')
                  .Append("\"rules_primary\":\"If the highest temperature recorded in Central Park, New York on May 1, 2026 is at least ")
                  .Append(i).Append("°, then the market resolves to Yes.\"")
                  .Append('}');
            }
            sb.Append("],\"cursor\":\"").Append(cursor).Append("\"}");
            return sb.ToString();
        }
    }
}
