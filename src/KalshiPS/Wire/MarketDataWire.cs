using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's market-data JSON (current 2026 field names) to output types.</summary>
    internal static class MarketDataWire
    {
        public static KalshiMarket Market(JsonElement m) => new KalshiMarket
        {
            Ticker = m.Str("ticker"),
            EventTicker = m.Str("event_ticker"),
            Title = m.Str("title"),
            YesSubtitle = m.StrAny("yes_sub_title", "subtitle"),
            NoSubtitle = m.Str("no_sub_title"),
            Status = m.Str("status"),
            MarketType = m.Str("market_type"),
            YesBid = m.Dec("yes_bid_dollars"),
            YesAsk = m.Dec("yes_ask_dollars"),
            NoBid = m.Dec("no_bid_dollars"),
            NoAsk = m.Dec("no_ask_dollars"),
            YesBidSize = m.Dec("yes_bid_size_fp"),
            YesAskSize = m.Dec("yes_ask_size_fp"),
            LastPrice = m.Dec("last_price_dollars"),
            PreviousPrice = m.Dec("previous_price_dollars"),
            Volume = m.Dec("volume_fp"),
            Volume24h = m.Dec("volume_24h_fp"),
            OpenInterest = m.Dec("open_interest_fp"),
            NotionalValue = m.Dec("notional_value_dollars"),
            Result = NullIfEmpty(m.Str("result")),
            SettlementValue = m.Dec("settlement_value_dollars"),
            OpenTime = m.Time("open_time"),
            CloseTime = m.Time("close_time"),
            ExpectedExpirationTime = m.Time("expected_expiration_time"),
            LatestExpirationTime = m.Time("latest_expiration_time"),
            UpdatedTime = m.Time("updated_time"),
            CanCloseEarly = m.Bool("can_close_early"),
            PriceLevelStructure = m.Str("price_level_structure"),
            PriceRanges = PriceGrid.From(m).ToString(),
            FractionalTrading = m.Bool("fractional_trading_enabled") ?? false,
            StrikeType = m.Str("strike_type"),
            FloorStrike = m.Dec("floor_strike"),
            CapStrike = m.Dec("cap_strike"),
            RulesPrimary = m.Str("rules_primary"),
        };

        public static KalshiEvent Event(JsonElement e, JsonElement? topLevelMarkets = null)
        {
            var nested = e.Arr("markets") ?? topLevelMarkets;
            var markets = nested?.EnumerateArray().Select(Market).ToArray();
            return new KalshiEvent
            {
                EventTicker = e.Str("event_ticker"),
                SeriesTicker = e.Str("series_ticker"),
                Title = e.Str("title"),
                Subtitle = e.StrAny("sub_title", "subtitle"),
                Category = e.Str("category"),
                MutuallyExclusive = e.Bool("mutually_exclusive"),
                CollateralReturnType = NullIfEmpty(e.Str("collateral_return_type")),
                StrikeDate = e.Time("strike_date"),
                StrikePeriod = NullIfEmpty(e.Str("strike_period")),
                MarketCount = markets?.Length ?? 0,
                Markets = markets,
            };
        }

        public static KalshiSeries Series(JsonElement s) => new KalshiSeries
        {
            Ticker = s.Str("ticker"),
            Title = s.Str("title"),
            Category = s.Str("category"),
            Frequency = s.Str("frequency"),
            Tags = Join(s.Arr("tags"), t => t.ValueKind == JsonValueKind.String ? t.GetString() : null),
            FeeType = s.Str("fee_type"),
            FeeMultiplier = s.Dec("fee_multiplier"),
            SettlementSources = Join(s.Arr("settlement_sources"), x => x.StrAny("name", "url")),
            ContractUrl = s.Str("contract_url"),
        };

        public static KalshiTrade Trade(JsonElement t) => new KalshiTrade
        {
            TradeId = t.Str("trade_id"),
            Ticker = t.StrAny("ticker", "market_ticker"),
            YesPrice = t.Dec("yes_price_dollars"),
            NoPrice = t.Dec("no_price_dollars"),
            Count = t.Dec("count_fp"),
            TakerSide = Outcome(t.StrAny("taker_outcome_side", "taker_side")),
            CreatedTime = t.Time("created_time") ?? t.TimeMs("ts_ms") ?? t.Time("ts"),
        };

        public static KalshiCandlestick Candle(string ticker, int periodMinutes, JsonElement c)
        {
            var price = c.Obj("price") ?? default;
            return new KalshiCandlestick
            {
                Ticker = ticker,
                EndTime = c.Time("end_period_ts"),
                PeriodMinutes = periodMinutes,
                Open = price.Dec("open_dollars"),
                High = price.Dec("high_dollars"),
                Low = price.Dec("low_dollars"),
                Close = price.Dec("close_dollars"),
                Mean = price.Dec("mean_dollars"),
                YesBidClose = (c.Obj("yes_bid") ?? default).Dec("close_dollars"),
                YesAskClose = (c.Obj("yes_ask") ?? default).Dec("close_dollars"),
                Volume = c.Dec("volume_fp"),
                OpenInterest = c.Dec("open_interest_fp"),
            };
        }

        /// <summary>
        /// An orderbook_fp object {yes_dollars:[[price,size],...], no_dollars:[...]}; also the WebSocket snapshot
        /// spelling (yes_dollars_fp/no_dollars_fp). Levels come worst first on the wire; sorted here, best first.
        /// </summary>
        public static (KalshiPriceLevel[] Yes, KalshiPriceLevel[] No) BookSides(JsonElement book) =>
            (Levels(book.Arr("yes_dollars") ?? book.Arr("yes_dollars_fp")), Levels(book.Arr("no_dollars") ?? book.Arr("no_dollars_fp")));

        public static KalshiPriceLevel[] Levels(JsonElement? array)
        {
            if (array == null) return new KalshiPriceLevel[0];
            var levels = new List<KalshiPriceLevel>();
            foreach (var level in array.Value.EnumerateArray())
            {
                if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() < 2) continue;
                if (TryDec(level[0], out var price) && TryDec(level[1], out var size) && size > 0)
                    levels.Add(new KalshiPriceLevel(price, size));
            }
            return levels.OrderByDescending(l => l.Price).ToArray();
        }

        /// <summary>Kalshi's outcome words ("yes"/"no") in the module's vocabulary ("Yes"/"No").</summary>
        public static string Outcome(string wire)
        {
            if (string.Equals(wire, "yes", StringComparison.OrdinalIgnoreCase)) return "Yes";
            if (string.Equals(wire, "no", StringComparison.OrdinalIgnoreCase)) return "No";
            return NullIfEmpty(wire);
        }

        private static bool TryDec(JsonElement e, out decimal value)
        {
            value = 0;
            if (e.ValueKind == JsonValueKind.Number) return e.TryGetDecimal(out value);
            return e.ValueKind == JsonValueKind.String && FixedPoint.TryParse(e.GetString(), out value);
        }

        private static string Join(JsonElement? array, Func<JsonElement, string> pick) =>
            array == null ? null : string.Join(";", array.Value.EnumerateArray().Select(pick).Where(s => !string.IsNullOrEmpty(s)));

        internal static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
