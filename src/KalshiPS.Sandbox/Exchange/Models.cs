namespace KalshiPS.Sandbox;

/// <summary>V2 order side on the YES book: Bid = buy YES at p, Ask = sell YES at p (= buy NO at 1-p).</summary>
public enum OrderSide { Bid, Ask }
public enum TimeInForce { GoodTillCanceled, ImmediateOrCancel, FillOrKill }
public enum SelfTradePrevention { TakerAtCross, Maker }
public enum OrderStatus { Resting, Canceled, Executed }
public enum PriceLevelStructure { LinearCent, DeciCent, TaperedDeciCent }

public static class WireNames
{
    public static string Of(OrderSide s) => s == OrderSide.Bid ? "bid" : "ask";
    public static string Of(TimeInForce t) => t switch
    {
        TimeInForce.GoodTillCanceled => "good_till_canceled",
        TimeInForce.ImmediateOrCancel => "immediate_or_cancel",
        _ => "fill_or_kill",
    };
    public static string Of(SelfTradePrevention s) => s == SelfTradePrevention.Maker ? "maker" : "taker_at_cross";
    public static string Of(OrderStatus s) => s switch
    {
        OrderStatus.Resting => "resting",
        OrderStatus.Canceled => "canceled",
        _ => "executed",
    };
    public static string Of(PriceLevelStructure p) => p switch
    {
        PriceLevelStructure.LinearCent => "linear_cent",
        PriceLevelStructure.DeciCent => "deci_cent",
        _ => "tapered_deci_cent",
    };
    /// <summary>Outcome leg bought: bid buys YES, ask buys NO.</summary>
    public static string OutcomeOf(OrderSide s) => s == OrderSide.Bid ? "yes" : "no";
}

public sealed class SeriesInfo
{
    public required string Ticker { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required string Frequency { get; init; }
}

public sealed class EventInfo
{
    public required string EventTicker { get; init; }
    public required string SeriesTicker { get; init; }
    public required string Title { get; init; }
    public required string SubTitle { get; init; }
    public DateTimeOffset StrikeDate { get; init; }
    public bool MutuallyExclusive { get; init; }
    /// <summary>Set on multivariate (combo) events: the collection they were made from.</summary>
    public string? CollectionTicker { get; init; }
    public bool IsMultivariate => CollectionTicker != null;
    /// <summary>Per-event fee override (null: the series' fee applies); changed by Exchange.SetEventFeeOverride.</summary>
    public string? FeeTypeOverride { get; set; }
    public decimal? FeeMultiplierOverride { get; set; }
    public List<Market> Markets { get; } = new();
}

public sealed class Market
{
    public required string Ticker { get; init; }
    public required string EventTicker { get; init; }
    public required string SeriesTicker { get; init; }
    public required string Title { get; init; }
    public required string YesSubTitle { get; init; }
    public required string NoSubTitle { get; init; }
    public Guid MarketId { get; init; }
    /// <summary>Response vocabulary: initialized, inactive, active, closed, determined, finalized.</summary>
    public string Status { get; set; } = "active";
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset OpenTime { get; init; }
    public DateTimeOffset CloseTime { get; set; }
    public DateTimeOffset ExpirationTime { get; init; }
    public DateTimeOffset UpdatedTime { get; set; }
    public DateTimeOffset? SettledTime { get; set; }
    public PriceLevelStructure PriceStructure { get; init; }
    public bool FractionalTradingEnabled { get; init; }
    /// <summary>A combo market of a multivariate event: announced on multivariate_market_lifecycle, not market_lifecycle_v2.</summary>
    public bool IsMultivariate { get; init; }
    public string Result { get; set; } = "";
    public decimal? LastPrice { get; set; }
    public decimal PreviousPrice { get; set; }
    public decimal Volume { get; set; }
    public decimal OpenInterest { get; set; }
    public string StrikeType { get; init; } = "between";
    public decimal? FloorStrike { get; init; }
    public decimal? CapStrike { get; init; }
    internal OrderBook Book { get; } = new();
    public decimal CountStep => FractionalTradingEnabled ? 0.01m : 1m;
}

/// <summary>An order as the engine tracks it. Prices are YES prices; counts are decimals.</summary>
public sealed class Order
{
    public required string OrderId { get; init; }
    public required string UserId { get; init; }
    /// <summary>The user's account the order trades for: 0 primary, 1-63 a subaccount.</summary>
    public int Subaccount { get; init; }
    public string ClientOrderId { get; init; } = "";
    public required string Ticker { get; init; }
    public OrderSide Side { get; set; }
    public decimal YesPrice { get; set; }
    public decimal InitialCount { get; set; }
    public decimal FillCount { get; set; }
    public decimal RemainingCount { get; set; }
    public OrderStatus Status { get; set; }
    public TimeInForce TimeInForce { get; init; }
    public SelfTradePrevention SelfTradePrevention { get; init; }
    public bool PostOnly { get; init; }
    public bool ReduceOnly { get; init; }
    public bool CancelOrderOnPause { get; init; }
    public string? OrderGroupId { get; init; }
    public DateTimeOffset? ExpirationTime { get; set; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset LastUpdateTime { get; set; }
    public decimal TakerFillCost { get; set; }
    public decimal MakerFillCost { get; set; }
    public decimal TakerFees { get; set; }
    public decimal MakerFees { get; set; }
    /// <summary>Funds held for the resting remainder (side price x remaining).</summary>
    internal decimal Reserved { get; set; }
    /// <summary>Queue priority stamp: lower = earlier.</summary>
    internal long Priority { get; set; }
    public string LastUpdateReason { get; set; } = "";
    /// <summary>Price of the outcome leg this order buys (YES price for bids, NO price for asks).</summary>
    public decimal SidePrice => Side == OrderSide.Bid ? YesPrice : 1m - YesPrice;
}

public sealed record Trade(string TradeId, string Ticker, decimal YesPrice, decimal Count, OrderSide TakerSide, DateTimeOffset CreatedTime);

public sealed record Fill(string FillId, string TradeId, string OrderId, string? ClientOrderId, string UserId, string Ticker,
    OrderSide Side, decimal YesPrice, decimal Count, bool IsTaker, decimal FeeCost, decimal PostPosition, DateTimeOffset CreatedTime, int Subaccount = 0);

public sealed record Settlement(string Ticker, string EventTicker, string MarketResult, decimal YesCount, decimal YesTotalCost,
    decimal NoCount, decimal NoTotalCost, decimal Revenue, decimal FeeCost, DateTimeOffset SettledTime);

public sealed class Position
{
    public required string Ticker { get; init; }
    public required string EventTicker { get; init; }
    public int Subaccount { get; init; }
    /// <summary>Signed: + YES contracts, - NO contracts.</summary>
    public decimal Quantity { get; set; }
    /// <summary>Cost basis of the open contracts (dollars).</summary>
    public decimal Cost { get; set; }
    public decimal TotalTraded { get; set; }
    public decimal RealizedPnl { get; set; }
    public decimal FeesPaid { get; set; }
    public decimal Volume { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
}

public sealed class Account
{
    public required string UserId { get; init; }
    /// <summary>0 = the user's primary account; 1-63 = a subaccount (Exchange.Subaccounts), with its own cash, positions and orders.</summary>
    public int Subaccount { get; init; }
    /// <summary>Available cash (dollars); resting-order reservations are already deducted.</summary>
    public decimal Cash { get; set; }
    public DateTimeOffset UpdatedTime { get; set; }
    public Dictionary<string, Position> Positions { get; } = new(StringComparer.Ordinal);
    public List<Fill> Fills { get; } = new();
    public List<Settlement> Settlements { get; } = new();
}
