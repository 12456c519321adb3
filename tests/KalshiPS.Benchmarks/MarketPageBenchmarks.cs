using System;
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
    /// JsonDocument.Parse of the response body string, then MarketDataWire.Market per element.
    /// </summary>
    [MemoryDiagnoser]
    public class MarketPageBenchmarks
    {
        private const int Markets = 1000;
        private string _page;
        private JsonDocument _parsed;

        [GlobalSetup]
        public void Setup()
        {
            _page = BuildPage(Markets);
            _parsed = JsonDocument.Parse(_page);
            // Measure the real path, not an error path: the page must read back as written.
            var first = ParsePage();
            if (first.Length != Markets || first[0].YesBid != 0.4200m || first[1].PriceRanges == null || first[Markets - 1].Ticker != "KXBENCH-26MAY01-B999")
                throw new InvalidOperationException("The generated page did not parse as expected.");
        }

        [GlobalCleanup]
        public void Cleanup() => _parsed.Dispose();

        /// <summary>Response body to KalshiMarket[]: what one page of Get-KalshiMarket costs.</summary>
        [Benchmark]
        public KalshiMarket[] ParsePage()
        {
            using (var doc = JsonDocument.Parse(_page))
                return MapMarkets(doc.RootElement);
        }

        /// <summary>The mapping alone (document already parsed), to split the cost between System.Text.Json and the module.</summary>
        [Benchmark]
        public KalshiMarket[] MapParsedPage() => MapMarkets(_parsed.RootElement);

        private static KalshiMarket[] MapMarkets(JsonElement root)
        {
            var markets = root.GetProperty("markets");
            var result = new KalshiMarket[markets.GetArrayLength()];
            int i = 0;
            foreach (var m in markets.EnumerateArray()) result[i++] = MarketDataWire.Market(m);
            return result;
        }

        private static string BuildPage(int count)
        {
            var sb = new StringBuilder(count * 1600);
            sb.Append("{\"markets\":[");
            for (int i = 0; i < count; i++)
            {
                if (i > 0) sb.Append(',');
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
            sb.Append("],\"cursor\":\"CgsIpoKz0AYQ2LeNCxIYS1hCRU5DSC0yNk1BWTAxLUI5OTk\"}");
            return sb.ToString();
        }
    }
}
