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

        public async Task<KalshiMarket> GetMarketAsync(string ticker, CancellationToken ct)
        {
            using (var doc = await Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/markets/{0}", SegmentKind.MarketTicker, ticker, "Ticker")), ct).ConfigureAwait(false))
                return Market(doc.RootElement.Obj("market") ?? doc.RootElement);
        }

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
                "events", e => Event(e, null), ct);

        public async Task<KalshiEvent> GetEventAsync(string eventTicker, bool withMarkets, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/events/{0}", SegmentKind.EventTicker, eventTicker, "EventTicker")).With("with_nested_markets", withMarkets);
            using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
            {
                var root = doc.RootElement;
                var ev = Event(root.Obj("event") ?? root, withMarkets ? root.Arr("markets") : null);
                if (!withMarkets) ev.Markets = null;
                return ev;
            }
        }

        public async Task<IReadOnlyList<KalshiSeries>> ListSeriesAsync(string category, CancellationToken ct)
        {
            using (var doc = await Http.SendAsync(new KalshiRequest("GET", "/series").With("category", category), ct).ConfigureAwait(false))
            {
                var array = doc?.RootElement.Arr("series");
                return array == null ? new KalshiSeries[0] : array.Value.EnumerateArray().Select(Series).ToArray();
            }
        }

        public async Task<KalshiSeries> GetSeriesAsync(string seriesTicker, CancellationToken ct)
        {
            using (var doc = await Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/series/{0}", SegmentKind.SeriesTicker, seriesTicker, "SeriesTicker")), ct).ConfigureAwait(false))
                return Series(doc.RootElement.Obj("series") ?? doc.RootElement);
        }

        public IAsyncEnumerable<Page<KalshiTrade>> ListTrades(string ticker, long? minTs, long? maxTs, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/markets/trades")
                    .With("limit", pageSize).With("ticker", ticker).With("min_ts", minTs).With("max_ts", maxTs),
                "trades", MarketDataWire.Trade, ct);

        public async Task<IReadOnlyList<KalshiCandlestick>> GetCandlesticksAsync(string seriesTicker, string ticker, long startTs, long endTs, int periodMinutes, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/series/{0}/markets/{1}/candlesticks",
                    Segment.Parse(SegmentKind.SeriesTicker, seriesTicker, "SeriesTicker"), Segment.Parse(SegmentKind.MarketTicker, ticker, "Ticker")))
                .With("start_ts", startTs).With("end_ts", endTs).With("period_interval", periodMinutes);
            using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
            {
                var array = doc?.RootElement.Arr("candlesticks");
                return array == null ? new KalshiCandlestick[0]
                    : array.Value.EnumerateArray().Select(c => MarketDataWire.Candle(ticker, periodMinutes, c)).ToArray();
            }
        }

        public async Task<KalshiOrderbook> GetOrderbookAsync(string ticker, int depth, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/markets/{0}/orderbook", SegmentKind.MarketTicker, ticker, "Ticker")).With("depth", depth > 0 ? depth : (long?)null);
            using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                return Book(ticker, doc.RootElement.Obj("orderbook_fp") ?? doc.RootElement.Obj("orderbook") ?? default, depth);
        }

        /// <summary>Several books in one call (GET /markets/orderbooks?tickers=...). Missing tickers are simply absent.</summary>
        public async Task<IReadOnlyList<KalshiOrderbook>> GetOrderbooksAsync(IReadOnlyList<string> tickers, int depth, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/markets/orderbooks").With("tickers", string.Join(",", tickers));
            using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
            {
                var list = new List<KalshiOrderbook>();
                var array = doc?.RootElement.Arr("orderbooks");
                if (array != null)
                    foreach (var item in array.Value.EnumerateArray())
                        list.Add(Book(item.StrAny("ticker", "market_ticker"), item.Obj("orderbook_fp") ?? item, depth));
                return list;
            }
        }

        public async Task<KalshiExchangeStatus> GetExchangeStatusAsync(CancellationToken ct)
        {
            using (var doc = await Http.SendAsync(new KalshiRequest("GET", "/exchange/status"), ct).ConfigureAwait(false))
            {
                var r = doc.RootElement;
                return new KalshiExchangeStatus
                {
                    ExchangeActive = r.Bool("exchange_active") ?? false,
                    TradingActive = r.Bool("trading_active") ?? false,
                    EstimatedResumeTime = r.Time("exchange_estimated_resume_time"),
                };
            }
        }

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

        private KalshiMarket Market(JsonElement m)
        {
            var market = MarketDataWire.Market(m);
            _session.Markets.Remember(new MarketRules(market.Ticker, market.EventTicker, market.Status, PriceGrid.From(m), market.FractionalTrading));
            return market;
        }

        private KalshiEvent Event(JsonElement e, JsonElement? topLevelMarkets)
        {
            var ev = MarketDataWire.Event(e, topLevelMarkets);
            _session.Markets.RememberEvent(ev.EventTicker, ev.SeriesTicker);
            var nested = e.Arr("markets") ?? topLevelMarkets;
            if (nested != null) foreach (var m in nested.Value.EnumerateArray()) Market(m);
            return ev;
        }

        private KalshiSeries Series(JsonElement s)
        {
            var series = MarketDataWire.Series(s);
            _session.Markets.RememberSeries(series.Ticker);
            return series;
        }

        private KalshiOrderbook Book(string ticker, JsonElement bookJson, int depth)
        {
            var (yes, no) = MarketDataWire.BookSides(bookJson);
            var book = KalshiOrderbook.FromBids(ticker, yes, no, depth);
            book.Timestamp = _session.Time.GetUtcNow().UtcDateTime;
            return book;
        }
    }
}
