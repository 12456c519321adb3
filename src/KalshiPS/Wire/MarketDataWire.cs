using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's market-data JSON (current 2026 field names) to output types, one reader per model (Wire/README.md).</summary>
    internal static class MarketDataWire
    {
        public static KalshiMarket Market(ref Utf8JsonReader r) => Market(ref r, out _);

        /// <summary>A market object; <paramref name="grid"/> is its price grid (for the session's catalog).</summary>
        [MethodImpl(WireReader.Optimized)]
        public static KalshiMarket Market(ref Utf8JsonReader r, out PriceGrid grid)
        {
            var m = new KalshiMarket();
            string yesSubtitle = null, subtitle = null;
            List<PriceRange> ranges = null;
            string structure = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "ticker": m.Ticker = r.Str(); break;
                    case "event_ticker": m.EventTicker = r.Repeated(); break;
                    case "title": m.Title = r.Repeated(); break;
                    case "yes_sub_title": yesSubtitle = r.Repeated(); break;
                    case "subtitle": subtitle = r.Str(); break;
                    case "no_sub_title": m.NoSubtitle = r.Repeated(); break;
                    case "status": m.Status = r.Repeated(); break;
                    case "market_type": m.MarketType = r.Repeated(); break;
                    case "yes_bid_dollars": m.YesBid = r.Dec(); break;
                    case "yes_ask_dollars": m.YesAsk = r.Dec(); break;
                    case "no_bid_dollars": m.NoBid = r.Dec(); break;
                    case "no_ask_dollars": m.NoAsk = r.Dec(); break;
                    case "yes_bid_size_fp": m.YesBidSize = r.Dec(); break;
                    case "yes_ask_size_fp": m.YesAskSize = r.Dec(); break;
                    case "last_price_dollars": m.LastPrice = r.Dec(); break;
                    case "previous_price_dollars": m.PreviousPrice = r.Dec(); break;
                    case "volume_fp": m.Volume = r.Dec(); break;
                    case "volume_24h_fp": m.Volume24h = r.Dec(); break;
                    case "open_interest_fp": m.OpenInterest = r.Dec(); break;
                    case "notional_value_dollars": m.NotionalValue = r.Dec(); break;
                    case "result": m.Result = NullIfEmpty(r.Repeated()); break;
                    case "settlement_value_dollars": m.SettlementValue = r.Dec(); break;
                    case "expiration_value": m.ExpirationValue = NullIfEmpty(r.Str()); break;
                    case "open_time": m.OpenTime = r.Time(); break;
                    case "close_time": m.CloseTime = r.Time(); break;
                    case "expected_expiration_time": m.ExpectedExpirationTime = r.Time(); break;
                    case "latest_expiration_time": m.LatestExpirationTime = r.Time(); break;
                    case "updated_time": m.UpdatedTime = r.Time(); break;
                    case "can_close_early": m.CanCloseEarly = r.Bool(); break;
                    case "price_level_structure": m.PriceLevelStructure = structure = r.Repeated(); break;
                    case "price_ranges": ranges = Ranges(ref r); break;
                    case "fractional_trading_enabled": m.FractionalTrading = r.Bool() ?? false; break;
                    case "strike_type": m.StrikeType = r.Repeated(); break;
                    case "floor_strike": m.FloorStrike = r.Dec(); break;
                    case "cap_strike": m.CapStrike = r.Dec(); break;
                    case "rules_primary": m.RulesPrimary = r.Str(); break;
                    default: r.Skip(); break;
                }
            m.YesSubtitle = First(yesSubtitle, subtitle);
            grid = PriceGrid.Of(ranges, structure); // the wire name: the model shows it in the outputs' vocabulary
            m.PriceRanges = grid.ToString();
            return m;
        }

        [ThreadStatic] private static List<PriceRange> t_ranges;

        /// <summary>
        /// price_ranges into a per-thread scratch list (PriceGrid.Of copies it only for a grid it has not seen), so the
        /// usual market costs no allocation here. Incomplete ranges and non-positive steps are dropped.
        /// </summary>
        private static List<PriceRange> Ranges(ref Utf8JsonReader r)
        {
            var list = t_ranges ?? (t_ranges = new List<PriceRange>());
            list.Clear();
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return list; }
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                var range = Range(ref r);
                if (range.HasValue) list.Add(range.Value);
            }
            return list;
        }

        /// <summary>One {start,end,step} of price_ranges; null when incomplete or the step is not positive.</summary>
        private static PriceRange? Range(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            decimal? start = null, end = null, step = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "start": start = r.Dec(); break;
                    case "end": end = r.Dec(); break;
                    case "step": step = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return start.HasValue && end.HasValue && step > 0 ? new PriceRange(start.Value, end.Value, step.Value) : (PriceRange?)null;
        }

        /// <summary>An event object; nested markets go through <paramref name="onMarket"/> too (the session's catalog).</summary>
        public static KalshiEvent Event(ref Utf8JsonReader r, Action<KalshiMarket, PriceGrid> onMarket)
        {
            var e = new KalshiEvent();
            string subTitle = null, subtitle = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "event_ticker": e.EventTicker = r.Str(); break;
                    case "series_ticker": e.SeriesTicker = r.Str(); break;
                    case "title": e.Title = r.Str(); break;
                    case "sub_title": subTitle = r.Str(); break;
                    case "subtitle": subtitle = r.Str(); break;
                    case "category": e.Category = r.Str(); break;
                    case "mutually_exclusive": e.MutuallyExclusive = r.Bool(); break;
                    case "collateral_return_type": e.CollateralReturnType = NullIfEmpty(r.Str()); break;
                    case "strike_date": e.StrikeDate = r.Time(); break;
                    case "strike_period": e.StrikePeriod = NullIfEmpty(r.Str()); break;
                    case "settlement_sources": e.SettlementSources = Join(r.List(SettlementSource)); break;
                    case "fee_type_override": e.FeeTypeOverride = r.Repeated(); break;
                    case "fee_multiplier_override": e.FeeMultiplierOverride = r.Dec(); break;
                    case "markets": e.Markets = Markets(ref r, onMarket); break;
                    default: r.Skip(); break;
                }
            e.Subtitle = First(subTitle, subtitle);
            e.MarketCount = e.Markets?.Count ?? 0;
            return e;
        }

        /// <summary>An array of markets (null when not an array), each reported to <paramref name="onMarket"/>.</summary>
        public static KalshiMarket[] Markets(ref Utf8JsonReader r, Action<KalshiMarket, PriceGrid> onMarket)
        {
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return null; }
            var list = new List<KalshiMarket>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                var m = Market(ref r, out var grid);
                onMarket?.Invoke(m, grid);
                list.Add(m);
            }
            return list.ToArray();
        }

        public static KalshiSeries Series(ref Utf8JsonReader r)
        {
            var s = new KalshiSeries();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "ticker": s.Ticker = r.Str(); break;
                    case "title": s.Title = r.Str(); break;
                    case "category": s.Category = r.Str(); break;
                    case "frequency": s.Frequency = r.Str(); break;
                    case "tags": s.Tags = Join(r.List(Tag)); break;
                    case "fee_type": s.FeeType = r.Str(); break;
                    case "fee_multiplier": s.FeeMultiplier = r.Dec(); break;
                    case "settlement_sources": s.SettlementSources = Join(r.List(SettlementSource)); break;
                    case "contract_url": s.ContractUrl = r.Str(); break;
                    case "contract_terms_url": s.ContractTermsUrl = NullIfEmpty(r.Str()); break;
                    case "categories": s.Categories = Join(r.List(Tag)); break;
                    case "additional_prohibitions": s.AdditionalProhibitions = Join(r.List(Tag)); break;
                    default: r.Skip(); break;
                }
            return s;
        }

        private static string Tag(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.String) return r.GetString();
            r.Skip();
            return null;
        }

        private static string SettlementSource(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            string sourceName = null, url = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "name": sourceName = r.Str(); break;
                    case "url": url = r.Str(); break;
                    default: r.Skip(); break;
                }
            return First(sourceName, url);
        }

        [MethodImpl(WireReader.Optimized)]
        public static KalshiTrade Trade(ref Utf8JsonReader r)
        {
            var t = new KalshiTrade();
            string ticker = null, marketTicker = null, takerOutcome = null, takerSide = null;
            DateTime? created = null, tsMs = null, ts = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "trade_id": t.TradeId = r.Str(); break;
                    case "ticker": ticker = r.Repeated(); break;
                    case "market_ticker": marketTicker = r.Repeated(); break;
                    case "yes_price_dollars": t.YesPrice = r.Dec(); break;
                    case "no_price_dollars": t.NoPrice = r.Dec(); break;
                    case "count_fp": t.Count = r.Dec(); break;
                    case "taker_outcome_side": takerOutcome = r.Repeated(); break;
                    case "taker_side": takerSide = r.Repeated(); break;
                    case "created_time": created = r.Time(); break;
                    case "ts_ms": tsMs = r.TimeMs(); break;
                    case "ts": ts = r.Time(); break;
                    default: r.Skip(); break;
                }
            t.Ticker = First(ticker, marketTicker);
            t.TakerSide = Outcome(First(takerOutcome, takerSide));
            t.CreatedTime = created ?? tsMs ?? ts;
            return t;
        }

        public static KalshiCandlestick Candle(ref Utf8JsonReader r, string ticker, int periodMinutes)
        {
            var c = new KalshiCandlestick { Ticker = ticker, PeriodMinutes = periodMinutes };
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "end_period_ts": c.EndTime = r.Time(); break;
                    case "price": r.Object((ref Utf8JsonReader p) => CandlePrice(ref p, c)); break;
                    case "yes_bid": c.YesBidClose = r.Object(Close); break;
                    case "yes_ask": c.YesAskClose = r.Object(Close); break;
                    case "volume_fp": case "volume": c.Volume = r.Dec(); break; // the archive's candles drop the _fp/_dollars suffixes
                    case "open_interest_fp": case "open_interest": c.OpenInterest = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return c;
        }

        /// <summary>GET /markets/candlesticks: {markets:[{market_ticker, candlesticks:[...]}]}, flattened in answer order.</summary>
        public static CandleBatchAnswer CandleBatch(ref Utf8JsonReader r, int periodMinutes)
        {
            var answer = new CandleBatchAnswer();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return answer; }
            while (r.NextProperty(out var field))
            {
                if (!field.SequenceEqual("markets".AsSpan())) { r.Skip(); continue; }
                r.Objects((ref Utf8JsonReader m) => CandleMarket(ref m, periodMinutes, answer));
            }
            return answer;
        }

        internal sealed class CandleBatchAnswer
        {
            public readonly List<KalshiCandlestick> Candles = new List<KalshiCandlestick>();
            /// <summary>The markets the answer has an entry for (with or without candles).</summary>
            public readonly HashSet<string> Markets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        // One {market_ticker, candlesticks} entry; the ticker may follow the candles, so it is applied at the end.
        private static bool CandleMarket(ref Utf8JsonReader r, int periodMinutes, CandleBatchAnswer answer)
        {
            var into = answer.Candles;
            string ticker = null;
            int first = into.Count;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "market_ticker": ticker = r.Str(); break;
                    case "ticker": ticker = ticker ?? r.Str(); break;
                    case "candlesticks":
                        var candles = r.Objects((ref Utf8JsonReader c) => Candle(ref c, null, periodMinutes));
                        if (candles != null) into.AddRange(candles);
                        break;
                    default: r.Skip(); break;
                }
            for (int i = first; i < into.Count; i++) into[i].Ticker = ticker;
            if (ticker != null) answer.Markets.Add(ticker);
            return true;
        }

        /// <summary>
        /// GET /series/{s}/events/{e}/candlesticks: market_tickers[i] names the candles in market_candlesticks[i];
        /// adjusted_end_ts is where Kalshi cut the window when it was too large.
        /// </summary>
        public static EventCandles EventCandlesticks(ref Utf8JsonReader r, string eventTicker, int periodMinutes)
        {
            var answer = new EventCandles();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return answer; }
            List<string> tickers = null;
            List<List<KalshiCandlestick>> perMarket = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "market_tickers": tickers = r.List((ref Utf8JsonReader t) => t.Str()); break;
                    case "market_candlesticks":
                        perMarket = r.List((ref Utf8JsonReader a) => a.Objects((ref Utf8JsonReader c) => Candle(ref c, null, periodMinutes)) ?? new List<KalshiCandlestick>());
                        break;
                    case "adjusted_end_ts": answer.AdjustedEndTs = r.Long(); break;
                    default: r.Skip(); break;
                }
            if (perMarket == null) return answer;
            for (int i = 0; i < perMarket.Count; i++)
                foreach (var c in perMarket[i])
                {
                    c.Ticker = tickers != null && i < tickers.Count ? tickers[i] : null;
                    c.EventTicker = eventTicker;
                    answer.Candles.Add(c);
                }
            return answer;
        }

        internal sealed class EventCandles
        {
            public readonly List<KalshiCandlestick> Candles = new List<KalshiCandlestick>();
            public long? AdjustedEndTs;
        }

        private static bool CandlePrice(ref Utf8JsonReader r, KalshiCandlestick c)
        {
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "open_dollars": case "open": c.Open = r.Dec(); break;
                    case "high_dollars": case "high": c.High = r.Dec(); break;
                    case "low_dollars": case "low": c.Low = r.Dec(); break;
                    case "close_dollars": case "close": c.Close = r.Dec(); break;
                    case "mean_dollars": case "mean": c.Mean = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return true;
        }

        private static decimal? Close(ref Utf8JsonReader r)
        {
            decimal? close = null;
            while (r.NextProperty(out var field))
                if (field.SequenceEqual("close_dollars".AsSpan()) || field.SequenceEqual("close".AsSpan())) close = r.Dec(); else r.Skip();
            return close;
        }

        /// <summary>A book as read: its ticker (when the answer names one) and its two bid sides, best first.</summary>
        internal sealed class BookAnswer
        {
            public string Ticker;
            public KalshiPriceLevel[] Yes, No;
            public bool HasSides => Yes != null || No != null;
            public (KalshiPriceLevel[] Yes, KalshiPriceLevel[] No) Sides => (Yes ?? new KalshiPriceLevel[0], No ?? new KalshiPriceLevel[0]);
        }

        /// <summary>
        /// A book object {yes_dollars:[[price,size],...], no_dollars:[...]} (WebSocket snapshots spell them
        /// yes_dollars_fp/no_dollars_fp), or an answer/item carrying one under orderbook_fp (orderbook on older
        /// servers) next to its ticker. Levels come worst first on the wire; kept best first here.
        /// </summary>
        public static BookAnswer Book(ref Utf8JsonReader r)
        {
            var inline = new BookAnswer();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return inline; }
            BookAnswer fp = null, legacy = null;
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "yes_dollars": case "yes_dollars_fp": inline.Yes = inline.Yes ?? LevelsOrNull(ref r); break;
                    case "no_dollars": case "no_dollars_fp": inline.No = inline.No ?? LevelsOrNull(ref r); break;
                    case "ticker": case "market_ticker": inline.Ticker = inline.Ticker ?? NullIfEmpty(r.Str()); break;
                    case "orderbook_fp": fp = Book(ref r); break;
                    case "orderbook": legacy = Book(ref r); break;
                    default: r.Skip(); break;
                }
            var chosen = fp ?? (inline.HasSides ? inline : legacy ?? inline);
            chosen.Ticker = inline.Ticker ?? chosen.Ticker;
            return chosen;
        }

        public static (KalshiPriceLevel[] Yes, KalshiPriceLevel[] No) BookSides(JsonElement book) => WireReader.Read(book, Book).Sides;

        private static KalshiPriceLevel[] LevelsOrNull(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return null; }
            var levels = new List<KalshiPriceLevel>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                decimal? price = null, size = null;
                var index = 0;
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (index == 0) price = r.Dec();
                    else if (index == 1) size = r.Dec();
                    else r.Skip();
                    index++;
                }
                if (price.HasValue && size > 0) levels.Add(new KalshiPriceLevel(price.Value, size.Value));
            }
            // Wire order is ascending; a stable sort keeps the old OrderByDescending behaviour for equal prices.
            return levels.OrderByDescending(l => l.Price).ToArray();
        }

        public static KalshiExchangeStatus ExchangeStatus(ref Utf8JsonReader r)
        {
            var x = new KalshiExchangeStatus();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "exchange_active": x.ExchangeActive = r.Bool() ?? false; break;
                    case "trading_active": x.TradingActive = r.Bool() ?? false; break;
                    case "exchange_estimated_resume_time": x.EstimatedResumeTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return x;
        }

        // JsonElement entry points (stream payloads, tests): the same readers, so each model maps in one place.
        public static KalshiMarket Market(JsonElement m) => WireReader.Read(m, Market);
        public static KalshiTrade Trade(JsonElement t) => WireReader.Read(t, Trade);

        /// <summary>Kalshi's outcome words ("yes"/"no") in the module's vocabulary ("Yes"/"No").</summary>
        public static string Outcome(string wire)
        {
            if (string.Equals(wire, "yes", StringComparison.OrdinalIgnoreCase)) return "Yes";
            if (string.Equals(wire, "no", StringComparison.OrdinalIgnoreCase)) return "No";
            return NullIfEmpty(wire);
        }

        /// <summary>The first non-empty of a field and its legacy alias (new spelling first).</summary>
        internal static string First(string preferred, string alias) => !string.IsNullOrEmpty(preferred) ? preferred : NullIfEmpty(alias);

        private static string Join(List<string> items) => items == null ? null : string.Join(";", items.Where(s => !string.IsNullOrEmpty(s)));

        internal static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
