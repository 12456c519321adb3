using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>Filters of GET /markets (kalshi-api.md §3.2).</summary>
    internal sealed class MarketQuery
    {
        public string Status { get; set; }
        public string EventTicker { get; set; }
        public string SeriesTicker { get; set; }
        public IList<string> Tickers { get; set; }
        public long? MinCloseTs { get; set; }
        public long? MaxCloseTs { get; set; }
    }

    /// <summary>Markets, events, series, books, trades, candles and exchange status: the public market data.</summary>
    internal sealed class MarketDataApi
    {
        private readonly KalshiSession _session;
        public MarketDataApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;

        public IAsyncEnumerable<Page<KalshiMarket>> ListMarkets(MarketQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/markets")
                    .With("limit", pageSize)
                    .With("status", q.Status)
                    .With("event_ticker", q.EventTicker)
                    .With("series_ticker", q.SeriesTicker)
                    .With("tickers", q.Tickers != null && q.Tickers.Count > 0 ? string.Join(",", q.Tickers) : null)
                    .With("min_close_ts", q.MinCloseTs)
                    .With("max_close_ts", q.MaxCloseTs),
                "markets", Market, ct);

        public Task<KalshiMarket> GetMarketAsync(string ticker, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/markets/{0}", SegmentKind.MarketTicker, ticker, "Ticker")), (ref Utf8JsonReader r) => r.Wrapped("market", Market), ct);

        /// <summary>The market's price grid and granularity, from the session's cache or one GET.</summary>
        public async Task<MarketRules> GetRulesAsync(string ticker, CancellationToken ct)
        {
            if (_session.Markets.TryGet(ticker, out var rules)) return rules;
            await GetMarketAsync(ticker, ct).ConfigureAwait(false);
            return _session.Markets.TryGet(ticker, out rules) ? rules : throw new InvalidOperationException("market rules missing for " + ticker);
        }

        public IAsyncEnumerable<Page<KalshiEvent>> ListEvents(string status, string seriesTicker, bool withMarkets, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/events")
                    .With("limit", pageSize)
                    .With("status", status)
                    .With("series_ticker", seriesTicker)
                    .With("with_nested_markets", withMarkets ? true : (bool?)null),
                "events", Event, ct);

        /// <summary>GET /events/multivariate: combo events made from multivariate event collections (GET /events leaves them out).</summary>
        public IAsyncEnumerable<Page<KalshiEvent>> ListMultivariateEvents(string seriesTicker, string collectionTicker, bool withMarkets, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/events/multivariate")
                    .With("limit", pageSize)
                    .With("series_ticker", seriesTicker)
                    .With("collection_ticker", collectionTicker)
                    .With("with_nested_markets", withMarkets ? true : (bool?)null),
                "events", Event, ct);

        public async Task<KalshiEvent> GetEventAsync(string eventTicker, bool withMarkets, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/events/{0}", SegmentKind.EventTicker, eventTicker, "EventTicker")).With("with_nested_markets", withMarkets);
            var ev = await Http.SendAsync(request, EventAnswer, ct).ConfigureAwait(false);
            if (!withMarkets) ev.Markets = null;
            return ev;
        }

        public async Task<IReadOnlyList<KalshiSeries>> ListSeriesAsync(string category, CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/series").With("category", category), (ref Utf8JsonReader r) => r.Field("series", Series), ct).ConfigureAwait(false)
            ?? new List<KalshiSeries>();

        public Task<KalshiSeries> GetSeriesAsync(string seriesTicker, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/series/{0}", SegmentKind.SeriesTicker, seriesTicker, "SeriesTicker")), (ref Utf8JsonReader r) => r.Wrapped("series", Series), ct);

        public IAsyncEnumerable<Page<KalshiTrade>> ListTrades(string ticker, long? minTs, long? maxTs, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/markets/trades")
                    .With("limit", pageSize).With("ticker", ticker).With("min_ts", minTs).With("max_ts", maxTs),
                "trades", MarketDataWire.Trade, ct);

        public async Task<IReadOnlyList<KalshiCandlestick>> GetCandlesticksAsync(string seriesTicker, string ticker, long startTs, long endTs, int periodMinutes, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/series/{0}/markets/{1}/candlesticks",
                    Segment.Parse(SegmentKind.SeriesTicker, seriesTicker, "SeriesTicker"), Segment.Parse(SegmentKind.MarketTicker, ticker, "Ticker")))
                .With("start_ts", startTs).With("end_ts", endTs).With("period_interval", periodMinutes);
            return await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("candlesticks", (ref Utf8JsonReader c) => MarketDataWire.Candle(ref c, ticker, periodMinutes)), ct).ConfigureAwait(false)
                ?? new List<KalshiCandlestick>();
        }

        /// <summary>Kalshi's batch limits (GET /markets/candlesticks): 100 tickers and 10,000 candles per request.</summary>
        internal const int CandleBatchTickers = 100, CandleBatchCandles = 10000;

        /// <summary>Candles of several markets in one request (no series needed); the caller keeps within the batch limits.</summary>
        public async Task<MarketDataWire.CandleBatchAnswer> GetCandlesticksBatchAsync(IReadOnlyList<string> tickers, long startTs, long endTs, int periodMinutes, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/markets/candlesticks").With("market_tickers", string.Join(",", tickers))
                .With("start_ts", startTs).With("end_ts", endTs).With("period_interval", periodMinutes);
            return await Http.SendAsync(request, (ref Utf8JsonReader r) => MarketDataWire.CandleBatch(ref r, periodMinutes), ct).ConfigureAwait(false)
                ?? new MarketDataWire.CandleBatchAnswer();
        }

        /// <summary>The candles of every market of an event (GET /series/{s}/events/{e}/candlesticks).</summary>
        public Task<MarketDataWire.EventCandles> GetEventCandlesticksAsync(string seriesTicker, string eventTicker, long startTs, long endTs, int periodMinutes, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/series/{0}/events/{1}/candlesticks",
                    Segment.Parse(SegmentKind.SeriesTicker, seriesTicker, "SeriesTicker"), Segment.Parse(SegmentKind.EventTicker, eventTicker, "EventTicker")))
                .With("start_ts", startTs).With("end_ts", endTs).With("period_interval", periodMinutes);
            return Http.SendAsync(request, (ref Utf8JsonReader r) => MarketDataWire.EventCandlesticks(ref r, eventTicker, periodMinutes), ct);
        }

        public async Task<KalshiOrderbook> GetOrderbookAsync(string ticker, int depth, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/markets/{0}/orderbook", SegmentKind.MarketTicker, ticker, "Ticker")).With("depth", depth > 0 ? depth : (long?)null);
            var answer = await Http.SendAsync(request, MarketDataWire.Book, ct).ConfigureAwait(false);
            return Book(ticker, answer?.Sides ?? default, depth);
        }

        /// <summary>Several books in one call (GET /markets/orderbooks?tickers=...). Missing tickers are simply absent.</summary>
        public async Task<IReadOnlyList<KalshiOrderbook>> GetOrderbooksAsync(IReadOnlyList<string> tickers, int depth, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/markets/orderbooks").With("tickers", string.Join(",", tickers));
            var items = await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("orderbooks", MarketDataWire.Book), ct).ConfigureAwait(false);
            var list = new List<KalshiOrderbook>();
            if (items != null) foreach (var item in items) if (item != null) list.Add(Book(item.Ticker, item.Sides, depth));
            return list;
        }

        public Task<KalshiExchangeStatus> GetExchangeStatusAsync(CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/exchange/status"), MarketDataWire.ExchangeStatus, ct);

        public async Task<IReadOnlyList<KalshiScheduleEntry>> GetScheduleAsync(CancellationToken ct)
        {
            using (var doc = await Http.SendAsync(new KalshiRequest("GET", "/exchange/schedule"), ct).ConfigureAwait(false))
            {
                var schedule = doc.RootElement.Obj("schedule") ?? doc.RootElement;
                var rows = new List<KalshiScheduleEntry>();
                var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
                foreach (var block in schedule.Arr("standard_hours")?.EnumerateArray() ?? default(JsonElement.ArrayEnumerator))
                    foreach (var day in days)
                        foreach (var session in block.Arr(day)?.EnumerateArray() ?? default(JsonElement.ArrayEnumerator))
                            rows.Add(new KalshiScheduleEntry
                            {
                                Kind = "StandardHours",
                                Day = char.ToUpperInvariant(day[0]) + day.Substring(1),
                                OpenTime = session.Str("open_time"),
                                CloseTime = session.Str("close_time"),
                                Start = block.Time("start_time"),
                                End = block.Time("end_time"),
                            });
                foreach (var window in schedule.Arr("maintenance_windows")?.EnumerateArray() ?? default(JsonElement.ArrayEnumerator))
                    rows.Add(new KalshiScheduleEntry { Kind = "Maintenance", Start = window.Time("start_datetime"), End = window.Time("end_datetime") });
                return rows;
            }
        }

        // Every market read also teaches the session's catalog its grid (for order validation and completion).
        private KalshiMarket Market(ref Utf8JsonReader r)
        {
            var market = MarketDataWire.Market(ref r, out var grid);
            Remember(market, grid);
            return market;
        }

        private void Remember(KalshiMarket market, PriceGrid grid) =>
            _session.Markets.Remember(new MarketRules(market.Ticker, market.EventTicker, market.Status, grid, market.FractionalTrading));

        private KalshiEvent Event(ref Utf8JsonReader r)
        {
            var ev = MarketDataWire.Event(ref r, Remember);
            _session.Markets.RememberEvent(ev.EventTicker, ev.SeriesTicker);
            return ev;
        }

        /// <summary>GET /events/{ticker}: {event:{...}, markets:[...]}; the top-level markets count when the event has none nested.</summary>
        private KalshiEvent EventAnswer(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            var start = r;
            KalshiEvent ev = null;
            KalshiMarket[] topLevel = null;
            while (r.NextProperty(out var field))
            {
                if (field.SequenceEqual("event".AsSpan()) && r.TokenType == JsonTokenType.StartObject) ev = Event(ref r);
                else if (field.SequenceEqual("markets".AsSpan())) topLevel = MarketDataWire.Markets(ref r, Remember);
                else r.Skip();
            }
            if (ev == null) { r = start; ev = Event(ref r); }
            else if (ev.Markets == null && topLevel != null) { ev.Markets = topLevel; ev.MarketCount = topLevel.Length; }
            return ev;
        }

        private KalshiSeries Series(ref Utf8JsonReader r)
        {
            var series = MarketDataWire.Series(ref r);
            _session.Markets.RememberSeries(series.Ticker);
            return series;
        }

        private KalshiOrderbook Book(string ticker, (KalshiPriceLevel[] Yes, KalshiPriceLevel[] No) sides, int depth)
        {
            var (yes, no) = sides;
            var book = KalshiOrderbook.FromBids(ticker, yes ?? new KalshiPriceLevel[0], no ?? new KalshiPriceLevel[0], depth);
            book.Timestamp = _session.Time.GetUtcNow().UtcDateTime;
            return book;
        }
    }
}
