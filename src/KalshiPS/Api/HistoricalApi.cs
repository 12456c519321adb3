using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>
    /// The archive of older markets, trades, fills, orders and positions (the spec's Historical tag). The listings take
    /// fewer filters than their live twins (no status, event or order filters on orders and fills); the cmdlets
    /// apply the rest to the items.
    /// </summary>
    internal sealed class HistoricalApi
    {
        private readonly KalshiSession _session;
        public HistoricalApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;

        public Task<KalshiHistoricalCutoff> GetCutoffAsync(CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/historical/cutoff"), HistoricalWire.Cutoff, ct);

        public IAsyncEnumerable<Page<KalshiMarket>> ListMarkets(MarketQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/historical/markets")
                    .With("limit", pageSize).With("event_ticker", q.EventTicker).With("series_ticker", q.SeriesTicker)
                    .With("tickers", q.Tickers != null && q.Tickers.Count > 0 ? string.Join(",", q.Tickers) : null),
                "markets", ArchivedMarket, ct);

        public Task<KalshiMarket> GetMarketAsync(string ticker, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/historical/markets/{0}", SegmentKind.MarketTicker, ticker, "Ticker")),
                (ref Utf8JsonReader r) => r.Wrapped("market", ArchivedMarket), ct);

        public IAsyncEnumerable<Page<KalshiTrade>> ListTrades(string ticker, long? minTs, long? maxTs, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/historical/trades")
                    .With("limit", pageSize).With("ticker", ticker).With("min_ts", minTs).With("max_ts", maxTs),
                "trades", MarketDataWire.Trade, ct);

        public IAsyncEnumerable<Page<KalshiFill>> ListFills(string ticker, long? minTs, long? maxTs, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/historical/fills")
                    .With("limit", pageSize).With("ticker", ticker).With("min_ts", minTs).With("max_ts", maxTs),
                "fills", PortfolioWire.Fill, ct);

        public IAsyncEnumerable<Page<KalshiOrder>> ListOrders(string ticker, long? minTs, long? maxTs, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/historical/orders")
                    .With("limit", pageSize).With("ticker", ticker).With("min_ts", minTs).With("max_ts", maxTs),
                "orders", PortfolioWire.Order, ct);

        public IAsyncEnumerable<Page<KalshiPosition>> ListPositions(string ticker, string eventTicker, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/historical/positions")
                    .With("limit", pageSize).With("ticker", ticker).With("event_ticker", eventTicker),
                "market_positions", PortfolioWire.Position, ct);

        public IAsyncEnumerable<Page<KalshiEventPosition>> ListEventPositions(string ticker, string eventTicker, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/historical/positions")
                    .With("limit", pageSize).With("ticker", ticker).With("event_ticker", eventTicker),
                "event_positions", PortfolioWire.EventPosition, ct);

        public async Task<IReadOnlyList<KalshiCandlestick>> GetCandlesticksAsync(string ticker, long startTs, long endTs, int periodMinutes, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/historical/markets/{0}/candlesticks", SegmentKind.MarketTicker, ticker, "Ticker"))
                .With("start_ts", startTs).With("end_ts", endTs).With("period_interval", periodMinutes);
            return await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("candlesticks", (ref Utf8JsonReader c) => MarketDataWire.Candle(ref c, ticker, periodMinutes)), ct).ConfigureAwait(false)
                ?? new List<KalshiCandlestick>();
        }

        // Archived markets are settled: nothing to trade, so their grids stay out of the session's order-validation catalog.
        private static KalshiMarket ArchivedMarket(ref Utf8JsonReader r) => MarketDataWire.Market(ref r, out _);
    }
}
