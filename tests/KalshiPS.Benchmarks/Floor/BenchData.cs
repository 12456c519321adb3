using System;
using System.Globalization;
using System.Text;

namespace KalshiPS.Benchmarks.Floor
{
    /// <summary>Canned list pages in Kalshi's 2026 shapes (dollars/fp strings, RFC 3339 times), as the bench server serves them.</summary>
    internal static class BenchData
    {
        public static readonly string[] Kinds = { "markets", "fills", "orders", "trades", "positions" };

        /// <summary>
        /// The public listings again, from an anonymous session on both sides (nothing signed): the module's own
        /// overhead with no signature in either figure, beside the signed rows above.
        /// </summary>
        public static readonly string[] AnonymousKinds = { "markets-anon", "trades-anon" };

        public const string AnonymousSuffix = "-anon";

        public static bool IsAnonymous(string kind) => kind.EndsWith(AnonymousSuffix, StringComparison.Ordinal);

        /// <summary>"trades-anon" -> "trades": the same listing, the same pages.</summary>
        public static string BaseKind(string kind) => IsAnonymous(kind) ? kind.Substring(0, kind.Length - AnonymousSuffix.Length) : kind;

        public static string Path(string kind) => BaseKind(kind) switch
        {
            "markets" => "/trade-api/v2/markets",
            "fills" => "/trade-api/v2/portfolio/fills",
            "orders" => "/trade-api/v2/portfolio/orders",
            "trades" => "/trade-api/v2/markets/trades",
            "positions" => "/trade-api/v2/portfolio/positions",
            _ => throw new ArgumentException(kind),
        };

        public static string ItemsField(string kind) => kind == "positions" ? "market_positions" : kind;

        /// <summary>Page <paramref name="index"/> of <paramref name="pages"/>, <paramref name="size"/> items; the last has an empty cursor.</summary>
        public static string Page(string kind, int index, int pages, int size)
        {
            var cursor = index + 1 < pages ? "c" + (index + 1).ToString(CultureInfo.InvariantCulture) : "";
            if (kind == "markets") return MarketPageBenchmarks.BuildPage(size, index * size, cursor);
            var sb = new StringBuilder(size * 700);
            sb.Append("{\"").Append(ItemsField(kind)).Append("\":[");
            for (var i = index * size; i < (index + 1) * size; i++)
            {
                if (i > index * size) sb.Append(',');
                Item(sb, kind, i);
            }
            sb.Append("],\"cursor\":\"").Append(cursor).Append("\"}");
            return sb.ToString();
        }

        private static string P(decimal d) => d.ToString("0.0000", CultureInfo.InvariantCulture);
        private static string C(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        private static string T(int i) => new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static void Item(StringBuilder sb, string kind, int i)
        {
            decimal yes = 0.01m * (1 + (i * 7 + 41) % 97);
            var ticker = "KXBENCH-26MAY01-B" + (i % 2000).ToString(CultureInfo.InvariantCulture);
            switch (kind)
            {
                case "fills":
                    sb.Append("{\"fill_id\":\"f-").Append(i).Append("-9d3c\",\"trade_id\":\"t-").Append(i).Append("-77aa\",\"order_id\":\"o-").Append(i / 3).Append("-1b2c\",")
                      .Append("\"ticker\":\"").Append(ticker).Append("\",\"market_ticker\":\"").Append(ticker).Append("\",")
                      .Append("\"side\":\"").Append(i % 2 == 0 ? "yes" : "no").Append("\",\"action\":\"").Append(i % 5 == 0 ? "sell" : "buy").Append("\",")
                      .Append("\"yes_price_dollars\":\"").Append(P(yes)).Append("\",\"no_price_dollars\":\"").Append(P(1m - yes)).Append("\",")
                      .Append("\"count_fp\":\"").Append(C(1m + i % 40)).Append("\",\"is_taker\":").Append(i % 3 == 0 ? "true" : "false").Append(',')
                      .Append("\"fee_cost\":\"").Append(P(0.0100m + (i % 9) * 0.0010m)).Append("\",\"created_time\":\"").Append(T(i)).Append("\",\"ts\":").Append(1777593600 + i * 7).Append('}');
                    break;
                case "orders":
                    sb.Append("{\"order_id\":\"o-").Append(i).Append("-1b2c-4d5e\",\"client_order_id\":\"cid-").Append(i).Append("\",\"user_id\":\"u-1\",")
                      .Append("\"ticker\":\"").Append(ticker).Append("\",\"side\":\"").Append(i % 2 == 0 ? "yes" : "no").Append("\",\"action\":\"buy\",")
                      .Append("\"type\":\"limit\",\"status\":\"").Append(i % 4 == 0 ? "executed" : "resting").Append("\",")
                      .Append("\"yes_price_dollars\":\"").Append(P(yes)).Append("\",\"no_price_dollars\":\"").Append(P(1m - yes)).Append("\",")
                      .Append("\"initial_count_fp\":\"").Append(C(10m + i % 40)).Append("\",\"fill_count_fp\":\"").Append(C(i % 10)).Append("\",\"remaining_count_fp\":\"").Append(C(10m + i % 40 - i % 10)).Append("\",")
                      .Append("\"taker_fill_cost_dollars\":\"").Append(P(0.5m)).Append("\",\"maker_fill_cost_dollars\":\"0.0000\",\"taker_fees_dollars\":\"0.0200\",\"maker_fees_dollars\":\"0.0000\",")
                      .Append("\"time_in_force\":\"good_till_canceled\",\"self_trade_prevention_type\":\"taker_at_cross\",\"order_group_id\":\"\",\"cancel_order_on_pause\":false,")
                      .Append("\"expiration_time\":null,\"created_time\":\"").Append(T(i)).Append("\",\"last_update_time\":\"").Append(T(i + 3)).Append("\"}");
                    break;
                case "trades":
                    sb.Append("{\"trade_id\":\"t-").Append(i).Append("-77aa-88bb\",\"ticker\":\"").Append(ticker).Append("\",")
                      .Append("\"yes_price_dollars\":\"").Append(P(yes)).Append("\",\"no_price_dollars\":\"").Append(P(1m - yes)).Append("\",")
                      .Append("\"count_fp\":\"").Append(C(1m + i % 40)).Append("\",\"taker_outcome_side\":\"").Append(i % 2 == 0 ? "yes" : "no").Append("\",")
                      .Append("\"created_time\":\"").Append(T(i)).Append("\"}");
                    break;
                case "positions":
                    var position = (i % 2 == 0 ? 1 : -1) * (1m + i % 50);
                    sb.Append("{\"ticker\":\"KXBENCH-26MAY01-B").Append(i).Append("\",\"position_fp\":\"").Append(C(position)).Append("\",")
                      .Append("\"market_exposure_dollars\":\"").Append(P(Math.Abs(position) * yes)).Append("\",\"realized_pnl_dollars\":\"").Append(P(0.25m * (i % 7))).Append("\",")
                      .Append("\"fees_paid_dollars\":\"").Append(P(0.01m * (i % 5))).Append("\",\"total_traded_dollars\":\"").Append(P(10m + i % 100)).Append("\",")
                      .Append("\"resting_orders_count\":").Append(i % 3).Append(",\"last_updated_ts\":\"").Append(T(i)).Append("\"}");
                    break;
            }
        }
    }
}
