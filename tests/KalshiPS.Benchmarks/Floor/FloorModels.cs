using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace KalshiPS.Benchmarks.Floor
{
    // The floor's typed records: the same fields as the module's output types, decimals and UTC times, read by
    // generic System.Text.Json (source-generated, fixed-point strings allowed as numbers). No mapping, no validation.

    public sealed record FloorRange(
        [property: JsonPropertyName("start")] decimal? Start,
        [property: JsonPropertyName("end")] decimal? End,
        [property: JsonPropertyName("step")] decimal? Step);

    public sealed class FloorMarket
    {
        [JsonPropertyName("ticker")] public string Ticker { get; set; }
        [JsonPropertyName("event_ticker")] public string EventTicker { get; set; }
        [JsonPropertyName("title")] public string Title { get; set; }
        [JsonPropertyName("yes_sub_title")] public string YesSubtitle { get; set; }
        [JsonPropertyName("no_sub_title")] public string NoSubtitle { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("market_type")] public string MarketType { get; set; }
        [JsonPropertyName("yes_bid_dollars")] public decimal? YesBid { get; set; }
        [JsonPropertyName("yes_ask_dollars")] public decimal? YesAsk { get; set; }
        [JsonPropertyName("no_bid_dollars")] public decimal? NoBid { get; set; }
        [JsonPropertyName("no_ask_dollars")] public decimal? NoAsk { get; set; }
        [JsonPropertyName("yes_bid_size_fp")] public decimal? YesBidSize { get; set; }
        [JsonPropertyName("yes_ask_size_fp")] public decimal? YesAskSize { get; set; }
        [JsonPropertyName("last_price_dollars")] public decimal? LastPrice { get; set; }
        [JsonPropertyName("previous_price_dollars")] public decimal? PreviousPrice { get; set; }
        [JsonPropertyName("volume_fp")] public decimal? Volume { get; set; }
        [JsonPropertyName("volume_24h_fp")] public decimal? Volume24h { get; set; }
        [JsonPropertyName("open_interest_fp")] public decimal? OpenInterest { get; set; }
        [JsonPropertyName("notional_value_dollars")] public decimal? NotionalValue { get; set; }
        [JsonPropertyName("result")] public string Result { get; set; }
        [JsonPropertyName("settlement_value_dollars")] public decimal? SettlementValue { get; set; }
        [JsonPropertyName("open_time")] public DateTime? OpenTime { get; set; }
        [JsonPropertyName("close_time")] public DateTime? CloseTime { get; set; }
        [JsonPropertyName("expected_expiration_time")] public DateTime? ExpectedExpirationTime { get; set; }
        [JsonPropertyName("latest_expiration_time")] public DateTime? LatestExpirationTime { get; set; }
        [JsonPropertyName("updated_time")] public DateTime? UpdatedTime { get; set; }
        [JsonPropertyName("can_close_early")] public bool? CanCloseEarly { get; set; }
        [JsonPropertyName("price_level_structure")] public string PriceLevelStructure { get; set; }
        [JsonPropertyName("price_ranges")] public List<FloorRange> PriceRanges { get; set; }
        [JsonPropertyName("fractional_trading_enabled")] public bool FractionalTrading { get; set; }
        [JsonPropertyName("strike_type")] public string StrikeType { get; set; }
        [JsonPropertyName("floor_strike")] public decimal? FloorStrike { get; set; }
        [JsonPropertyName("cap_strike")] public decimal? CapStrike { get; set; }
        [JsonPropertyName("rules_primary")] public string RulesPrimary { get; set; }
    }

    public sealed class FloorFill
    {
        [JsonPropertyName("fill_id")] public string FillId { get; set; }
        [JsonPropertyName("trade_id")] public string TradeId { get; set; }
        [JsonPropertyName("order_id")] public string OrderId { get; set; }
        [JsonPropertyName("client_order_id")] public string ClientOrderId { get; set; }
        [JsonPropertyName("ticker")] public string Ticker { get; set; }
        [JsonPropertyName("side")] public string Side { get; set; }
        [JsonPropertyName("action")] public string Action { get; set; }
        [JsonPropertyName("yes_price_dollars")] public decimal? YesPrice { get; set; }
        [JsonPropertyName("no_price_dollars")] public decimal? NoPrice { get; set; }
        [JsonPropertyName("count_fp")] public decimal? Count { get; set; }
        [JsonPropertyName("is_taker")] public bool? IsTaker { get; set; }
        [JsonPropertyName("fee_cost")] public decimal? Fee { get; set; }
        [JsonPropertyName("post_position_fp")] public decimal? PostPosition { get; set; }
        [JsonPropertyName("created_time")] public DateTime? CreatedTime { get; set; }
    }

    public sealed class FloorOrder
    {
        [JsonPropertyName("order_id")] public string OrderId { get; set; }
        [JsonPropertyName("client_order_id")] public string ClientOrderId { get; set; }
        [JsonPropertyName("ticker")] public string Ticker { get; set; }
        [JsonPropertyName("side")] public string Side { get; set; }
        [JsonPropertyName("action")] public string Action { get; set; }
        [JsonPropertyName("yes_price_dollars")] public decimal? YesPrice { get; set; }
        [JsonPropertyName("no_price_dollars")] public decimal? NoPrice { get; set; }
        [JsonPropertyName("book_side")] public string BookSide { get; set; }
        [JsonPropertyName("initial_count_fp")] public decimal? Count { get; set; }
        [JsonPropertyName("fill_count_fp")] public decimal? FilledCount { get; set; }
        [JsonPropertyName("remaining_count_fp")] public decimal? RemainingCount { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("type")] public string Type { get; set; }
        [JsonPropertyName("time_in_force")] public string TimeInForce { get; set; }
        [JsonPropertyName("self_trade_prevention_type")] public string SelfTradePrevention { get; set; }
        [JsonPropertyName("order_group_id")] public string OrderGroupId { get; set; }
        [JsonPropertyName("cancel_order_on_pause")] public bool? CancelOnPause { get; set; }
        [JsonPropertyName("taker_fill_cost_dollars")] public decimal? TakerFillCost { get; set; }
        [JsonPropertyName("maker_fill_cost_dollars")] public decimal? MakerFillCost { get; set; }
        [JsonPropertyName("taker_fees_dollars")] public decimal? TakerFees { get; set; }
        [JsonPropertyName("maker_fees_dollars")] public decimal? MakerFees { get; set; }
        [JsonPropertyName("expiration_time")] public DateTime? ExpirationTime { get; set; }
        [JsonPropertyName("created_time")] public DateTime? CreatedTime { get; set; }
        [JsonPropertyName("last_update_time")] public DateTime? LastUpdateTime { get; set; }
    }

    public sealed class FloorTrade
    {
        [JsonPropertyName("trade_id")] public string TradeId { get; set; }
        [JsonPropertyName("ticker")] public string Ticker { get; set; }
        [JsonPropertyName("yes_price_dollars")] public decimal? YesPrice { get; set; }
        [JsonPropertyName("no_price_dollars")] public decimal? NoPrice { get; set; }
        [JsonPropertyName("count_fp")] public decimal? Count { get; set; }
        [JsonPropertyName("taker_outcome_side")] public string TakerSide { get; set; }
        [JsonPropertyName("created_time")] public DateTime? CreatedTime { get; set; }
    }

    public sealed class FloorPosition
    {
        [JsonPropertyName("ticker")] public string Ticker { get; set; }
        [JsonPropertyName("position_fp")] public decimal? Position { get; set; }
        [JsonPropertyName("market_exposure_dollars")] public decimal? Exposure { get; set; }
        [JsonPropertyName("realized_pnl_dollars")] public decimal? RealizedPnl { get; set; }
        [JsonPropertyName("fees_paid_dollars")] public decimal? FeesPaid { get; set; }
        [JsonPropertyName("total_traded_dollars")] public decimal? TotalTraded { get; set; }
        [JsonPropertyName("last_updated_ts")] public DateTime? LastUpdated { get; set; }
    }

    public sealed class FloorPage<T>
    {
        [JsonPropertyName("markets")] public List<T> Markets { get; set; }
        [JsonPropertyName("fills")] public List<T> Fills { get; set; }
        [JsonPropertyName("orders")] public List<T> Orders { get; set; }
        [JsonPropertyName("trades")] public List<T> Trades { get; set; }
        [JsonPropertyName("market_positions")] public List<T> Positions { get; set; }
        [JsonPropertyName("cursor")] public string Cursor { get; set; }
        public List<T> Items => Markets ?? Fills ?? Orders ?? Trades ?? Positions ?? new List<T>();
    }

    [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(FloorPage<FloorMarket>))]
    [JsonSerializable(typeof(FloorPage<FloorFill>))]
    [JsonSerializable(typeof(FloorPage<FloorOrder>))]
    [JsonSerializable(typeof(FloorPage<FloorTrade>))]
    [JsonSerializable(typeof(FloorPage<FloorPosition>))]
    internal sealed partial class FloorJson : JsonSerializerContext { }
}
