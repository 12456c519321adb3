namespace KalshiPS.Sandbox;

/// <summary>Builds the current (2026) JSON shapes. Call with the exchange lock held for consistent reads.</summary>
internal static class WireObjects
{
    static string? P(decimal? d) => d is { } x ? Fp.Price(x) : null;

    public static object Market(Market m)
    {
        var bid = Exchange.BestYesBid(m);
        var ask = Exchange.BestYesAsk(m);
        var ranges = PriceGrid.RangesOf(m.PriceStructure).Select(r => new { start = Fp.Price(r.Start), end = Fp.Price(r.End), step = Fp.Price(r.Step) }).ToArray();
        return new
        {
            ticker = m.Ticker,
            event_ticker = m.EventTicker,
            market_type = "binary",
            title = m.Title,
            subtitle = m.YesSubTitle,
            yes_sub_title = m.YesSubTitle,
            no_sub_title = m.NoSubTitle,
            status = m.Status,
            created_time = Fp.Rfc3339(m.CreatedTime),
            updated_time = Fp.Rfc3339(m.UpdatedTime),
            open_time = Fp.Rfc3339(m.OpenTime),
            close_time = Fp.Rfc3339(m.CloseTime),
            expected_expiration_time = Fp.Rfc3339(m.ExpirationTime),
            latest_expiration_time = Fp.Rfc3339(m.ExpirationTime.AddDays(7)),
            expiration_time = Fp.Rfc3339(m.ExpirationTime),
            settlement_ts = m.SettledTime is { } st ? Fp.Rfc3339(st) : null,
            settlement_timer_seconds = 3600,
            yes_bid_dollars = Fp.Price(bid?.Price ?? 0m),
            yes_ask_dollars = Fp.Price(ask?.Price ?? 1m),
            no_bid_dollars = Fp.Price(ask is { } a ? 1m - a.Price : 0m),
            no_ask_dollars = Fp.Price(bid is { } b ? 1m - b.Price : 1m),
            yes_bid_size_fp = Fp.Count(bid?.Size ?? 0m),
            yes_ask_size_fp = Fp.Count(ask?.Size ?? 0m),
            last_price_dollars = Fp.Price(m.LastPrice ?? 0m),
            previous_price_dollars = Fp.Price(m.PreviousPrice),
            previous_yes_bid_dollars = Fp.Price(bid?.Price ?? 0m),
            previous_yes_ask_dollars = Fp.Price(ask?.Price ?? 1m),
            notional_value_dollars = Fp.Price(1m),
            volume_fp = Fp.Count(m.Volume),
            volume_24h_fp = Fp.Count(m.Volume),
            open_interest_fp = Fp.Count(m.OpenInterest),
            result = m.Result,
            settlement_value_dollars = m.Result == "" ? null : Fp.Price(m.Result == "yes" ? 1m : 0m),
            expiration_value = ExpirationValue(m),
            can_close_early = true,
            strike_type = m.StrikeType,
            floor_strike = m.FloorStrike,
            cap_strike = m.CapStrike,
            rules_primary = $"If {m.YesSubTitle}, the market resolves to Yes.",
            rules_secondary = "",
            price_level_structure = WireNames.Of(m.PriceStructure),
            price_ranges = ranges,
            fractional_trading_enabled = m.FractionalTradingEnabled,
            exchange_index = 0,
        };
    }

    /// <summary>The value the market settled on ("" before settlement), as Kalshi reports it.</summary>
    private static string ExpirationValue(Market m) =>
        m.Result == "" ? "" : m.FloorStrike is { } f ? f.ToString(System.Globalization.CultureInfo.InvariantCulture) : m.Result;

    private static object[] SettlementSources(string seriesTicker) =>
        new object[] { new { name = "KalshiPS Sandbox", url = $"https://kalshi.com/sandbox/sources/{seriesTicker}" } };

    public static object Orderbook(BookSnapshot b) => new
    {
        yes_dollars = b.Yes.Select(l => new[] { Fp.Price(l.Price), Fp.Count(l.Size) }).ToArray(),
        no_dollars = b.No.Select(l => new[] { Fp.Price(l.Price), Fp.Count(l.Size) }).ToArray(),
    };

    public static object Event(EventInfo e, bool nested) => new
    {
        event_ticker = e.EventTicker,
        series_ticker = e.SeriesTicker,
        title = e.Title,
        sub_title = e.SubTitle,
        collateral_return_type = e.MutuallyExclusive ? "MECNET" : "",
        mutually_exclusive = e.MutuallyExclusive,
        strike_date = Fp.Rfc3339(e.StrikeDate),
        settlement_sources = SettlementSources(e.SeriesTicker),
        fee_type_override = e.FeeTypeOverride,
        fee_multiplier_override = e.FeeMultiplierOverride,
        markets = nested ? e.Markets.Select(Market).ToArray() : null,
        exchange_index = 0,
    };

    public static object Series(SeriesInfo s) => new
    {
        ticker = s.Ticker,
        frequency = s.Frequency,
        title = s.Title,
        category = s.Category,
        categories = new[] { s.Category },
        tags = Array.Empty<string>(),
        settlement_sources = SettlementSources(s.Ticker),
        contract_url = "https://kalshi.com/sandbox",
        contract_terms_url = $"https://kalshi.com/sandbox/terms/{s.Ticker}",
        additional_prohibitions = Array.Empty<string>(),
        fee_type = "quadratic",
        fee_multiplier = 0,
    };

    public static object Trade(Trade t) => new
    {
        trade_id = t.TradeId,
        ticker = t.Ticker,
        yes_price_dollars = Fp.Price(t.YesPrice),
        no_price_dollars = Fp.Price(1m - t.YesPrice),
        count_fp = Fp.Count(t.Count),
        taker_outcome_side = WireNames.OutcomeOf(t.TakerSide),
        taker_book_side = WireNames.Of(t.TakerSide),
        taker_side = WireNames.OutcomeOf(t.TakerSide),
        created_time = Fp.Rfc3339(t.CreatedTime),
        is_block_trade = false,
    };

    public static object Order(Order o) => new
    {
        order_id = o.OrderId,
        user_id = o.UserId,
        client_order_id = o.ClientOrderId,
        ticker = o.Ticker,
        outcome_side = WireNames.OutcomeOf(o.Side),
        book_side = WireNames.Of(o.Side),
        side = WireNames.OutcomeOf(o.Side),
        action = "buy",
        type = "limit",
        status = WireNames.Of(o.Status),
        yes_price_dollars = Fp.Price(o.YesPrice),
        no_price_dollars = Fp.Price(1m - o.YesPrice),
        fill_count_fp = Fp.Count(o.FillCount),
        remaining_count_fp = Fp.Count(o.RemainingCount),
        initial_count_fp = Fp.Count(o.InitialCount),
        taker_fill_cost_dollars = Fp.Price(o.TakerFillCost),
        maker_fill_cost_dollars = Fp.Price(o.MakerFillCost),
        taker_fees_dollars = Fp.Price(o.TakerFees),
        maker_fees_dollars = Fp.Price(o.MakerFees),
        expiration_time = o.ExpirationTime is { } e ? Fp.Rfc3339(e) : null,
        created_time = Fp.Rfc3339(o.CreatedTime),
        last_update_time = Fp.Rfc3339(o.LastUpdateTime),
        self_trade_prevention_type = WireNames.Of(o.SelfTradePrevention),
        order_group_id = o.OrderGroupId,
        cancel_order_on_pause = o.CancelOrderOnPause,
        subaccount_number = o.Subaccount,
        exchange_index = 0,
    };

    public static object Fill(Fill f) => new
    {
        fill_id = f.FillId,
        trade_id = f.TradeId,
        order_id = f.OrderId,
        ticker = f.Ticker,
        market_ticker = f.Ticker,
        outcome_side = WireNames.OutcomeOf(f.Side),
        book_side = WireNames.Of(f.Side),
        side = WireNames.OutcomeOf(f.Side),
        action = "buy",
        count_fp = Fp.Count(f.Count),
        yes_price_dollars = Fp.Price(f.YesPrice),
        no_price_dollars = Fp.Price(1m - f.YesPrice),
        is_taker = f.IsTaker,
        created_time = Fp.Rfc3339(f.CreatedTime),
        fee_cost = Fp.Price(f.FeeCost),
        subaccount_number = f.Subaccount,
        ts = f.CreatedTime.ToUnixTimeSeconds(),
        exchange_index = 0,
    };

    public static object Position(Position p) => new
    {
        ticker = p.Ticker,
        position_fp = Fp.Count(p.Quantity),
        total_traded_dollars = Fp.Price(p.TotalTraded),
        market_exposure_dollars = Fp.Price(p.Cost),
        realized_pnl_dollars = Fp.Price(p.RealizedPnl),
        fees_paid_dollars = Fp.Price(p.FeesPaid),
        last_updated_ts = Fp.Rfc3339(p.LastUpdated),
        exchange_index = 0,
    };

    /// <summary>The event rows of a positions answer: totals over the market rows of each event on the page.</summary>
    public static object[] EventPositions(IEnumerable<Position> marketRows) => marketRows.GroupBy(p => p.EventTicker).Select(g => (object)new
    {
        event_ticker = g.Key,
        total_cost_dollars = Fp.Price(g.Sum(p => p.Cost)),
        total_cost_shares_fp = Fp.Count(g.Sum(p => Math.Abs(p.Quantity))),
        event_exposure_dollars = Fp.Price(g.Sum(p => p.Cost)),
        realized_pnl_dollars = Fp.Price(g.Sum(p => p.RealizedPnl)),
        fees_paid_dollars = Fp.Price(g.Sum(p => p.FeesPaid)),
    }).ToArray();

    public static object Settlement(Settlement s) => new
    {
        ticker = s.Ticker,
        event_ticker = s.EventTicker,
        market_result = s.MarketResult,
        yes_count_fp = Fp.Count(s.YesCount),
        yes_total_cost_dollars = Fp.Price(s.YesTotalCost),
        no_count_fp = Fp.Count(s.NoCount),
        no_total_cost_dollars = Fp.Price(s.NoTotalCost),
        revenue = Fp.Cents(s.Revenue),
        settled_time = Fp.Rfc3339(s.SettledTime),
        fee_cost = Fp.Price(s.FeeCost),
        value = s.MarketResult == "yes" ? 100 : 0,
        exchange_index = 0,
    };
}
