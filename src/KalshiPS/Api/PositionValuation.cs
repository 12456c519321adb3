using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;

namespace KalshiPS.Api
{
    /// <summary>
    /// Marks positions to market: what each holding would fetch if sold now, at the bid of its own side (a Yes holding
    /// sells into the best Yes bid, a No holding into the best No bid). Prices come from GET /markets?tickers=..., one
    /// request per 100 held markets, however the positions were paged.
    /// </summary>
    internal static class PositionValuation
    {
        public const int TickersPerLookup = 100;
        private const int Decimals = 6; // Kalshi's finest dollar precision; cost / contracts may not end

        public static async IAsyncEnumerable<Page<KalshiPosition>> Mark(IAsyncEnumerable<Page<KalshiPosition>> pages, MarketDataApi markets,
            [EnumeratorCancellation] CancellationToken ct)
        {
            var buffer = new List<KalshiPosition>();
            var held = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var number = 0;
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var p in page.Items)
                {
                    var ticker = HeldTicker(p);
                    if (ticker != null && held.Count == TickersPerLookup && !held.Contains(ticker))
                    {
                        await MarkAsync(buffer, held, markets, ct).ConfigureAwait(false);
                        yield return new Page<KalshiPosition>(++number, buffer, false);
                        buffer = new List<KalshiPosition>();
                        held = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    }
                    buffer.Add(p);
                    if (ticker != null) held.Add(ticker);
                }
                if (page.IsLast) break;
            }
            await MarkAsync(buffer, held, markets, ct).ConfigureAwait(false);
            yield return new Page<KalshiPosition>(++number, buffer, true);
        }

        private static string HeldTicker(KalshiPosition p) => p.Contracts != 0 && !string.IsNullOrEmpty(p.Ticker) ? p.Ticker : null;

        private static async Task MarkAsync(List<KalshiPosition> positions, HashSet<string> held, MarketDataApi markets, CancellationToken ct)
        {
            var byTicker = new Dictionary<string, KalshiMarket>(StringComparer.OrdinalIgnoreCase);
            if (held.Count > 0)
                await foreach (var page in markets.ListMarkets(new MarketQuery { Tickers = held.ToList() }, TickersPerLookup, ct).ConfigureAwait(false))
                    foreach (var m in page.Items) if (m.Ticker != null) byTicker[m.Ticker] = m;
            foreach (var p in positions)
                Value(p, HeldTicker(p) != null && byTicker.TryGetValue(p.Ticker, out var m) ? m : null);
        }

        /// <summary>Fills AveragePrice, CurrentPrice, MarketValue and UnrealizedPnl of one row (market null: price unknown).</summary>
        internal static void Value(KalshiPosition p, KalshiMarket market)
        {
            if (p.Contracts == 0) { p.MarketValue = 0m; p.UnrealizedPnl = 0m; return; }
            p.AveragePrice = p.Exposure.HasValue ? Math.Round(p.Exposure.Value / p.Contracts, Decimals) : (decimal?)null;
            p.CurrentPrice = market == null ? null : p.Side == "Yes" ? market.YesBid : market.NoBid;
            p.MarketValue = p.CurrentPrice.HasValue ? p.Contracts * p.CurrentPrice.Value : (decimal?)null;
            p.UnrealizedPnl = p.MarketValue.HasValue && p.Exposure.HasValue ? p.MarketValue.Value - p.Exposure.Value : (decimal?)null;
        }
    }
}
