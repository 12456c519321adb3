using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// An order in the module's vocabulary: Side Yes/No, Action Buy/Sell, Price in dollars of that side.
    /// Kalshi stores direction as outcome_side/book_side, which cannot tell "buy Yes" from "sell No"; where the
    /// legacy side/action fields are absent, the order is shown as a buy of its outcome side.
    /// </summary>
    public sealed class KalshiOrder
    {
        public string OrderId { get; set; }
        public string ClientOrderId { get; set; }
        public string Ticker { get; set; }
        /// <summary>The account the order belongs to: 0 primary, 1-63 a subaccount (null when Kalshi did not say).</summary>
        public int? Subaccount { get; set; }
        public string Side { get; set; }
        public string Action { get; set; }
        /// <summary>Price of <see cref="Side"/> in dollars.</summary>
        public decimal? Price { get; set; }
        public decimal? YesPrice { get; set; }
        public decimal? NoPrice { get; set; }
        /// <summary>Kalshi's book side of the Yes leg: Bid (buy Yes / sell No) or Ask (sell Yes / buy No).</summary>
        public string BookSide { get => _bookSide; set => _bookSide = Vocabulary.Name(value); }
        private string _bookSide;
        public decimal? Count { get; set; }
        public decimal? FilledCount { get; set; }
        public decimal? RemainingCount { get; set; }
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        public string Type { get => _type; set => _type = Vocabulary.Name(value); }
        private string _type;
        /// <summary>GoodTillCanceled, ImmediateOrCancel or FillOrKill when known (Kalshi's order object may omit it).</summary>
        public string TimeInForce { get => _timeInForce; set => _timeInForce = Vocabulary.Name(value); }
        private string _timeInForce;
        public string SelfTradePrevention { get => _selfTradePrevention; set => _selfTradePrevention = Vocabulary.Name(value); }
        private string _selfTradePrevention;
        public string OrderGroupId { get; set; }
        public bool? CancelOnPause { get; set; }
        public decimal? TakerFillCost { get; set; }
        public decimal? MakerFillCost { get; set; }
        public decimal? TakerFees { get; set; }
        public decimal? MakerFees { get; set; }
        public DateTime? ExpirationTime { get; set; }
        public DateTime? CreatedTime { get; set; }
        public DateTime? LastUpdateTime { get; set; }
        public override string ToString() => $"{OrderId} {Action} {Side} {Ticker} {RemainingCount}@{Price}";
    }

    /// <summary>A fill: part or all of one of your orders traded.</summary>
    public sealed class KalshiFill
    {
        public string FillId { get; set; }
        public string TradeId { get; set; }
        public string OrderId { get; set; }
        /// <summary>Only on streamed fills (REST fills carry no client order id).</summary>
        public string ClientOrderId { get; set; }
        public string Ticker { get; set; }
        /// <summary>The account of the fill: 0 primary, 1-63 a subaccount (null when Kalshi did not say).</summary>
        public int? Subaccount { get; set; }
        public string Side { get; set; }
        public string Action { get; set; }
        /// <summary>Price of <see cref="Side"/> in dollars.</summary>
        public decimal? Price { get; set; }
        public decimal? YesPrice { get; set; }
        public decimal? NoPrice { get; set; }
        public decimal? Count { get; set; }
        public bool? IsTaker { get; set; }
        public decimal? Fee { get; set; }
        /// <summary>Signed position after the fill (+ Yes, - No); streamed fills only.</summary>
        public decimal? PostPosition { get; set; }
        public DateTime? CreatedTime { get; set; }
        public override string ToString() => $"{FillId} {Action} {Side} {Ticker} {Count}@{Price}";
    }

    /// <summary>Your position in one market. Side comes from the sign of Kalshi's position (+ Yes, - No).</summary>
    public sealed class KalshiPosition
    {
        public string Ticker { get; set; }
        /// <summary>The account holding it: 0 primary, 1-63 a subaccount.</summary>
        public int? Subaccount { get; set; }
        /// <summary>Yes, No, or Flat.</summary>
        public string Side { get; set; }
        /// <summary>Contracts held, always positive.</summary>
        public decimal Contracts { get; set; }
        /// <summary>Kalshi's signed position: positive Yes, negative No.</summary>
        public decimal Position { get; set; }
        public decimal? Exposure { get; set; }
        public decimal? RealizedPnl { get; set; }
        public decimal? FeesPaid { get; set; }
        /// <summary>Dollars traded in this market (REST; Watch-KalshiPosition messages do not carry it).</summary>
        public decimal? TotalTradedDollars { get; set; }
        /// <summary>Contracts traded in this market (Watch-KalshiPosition; REST rows do not carry it).</summary>
        public decimal? Volume { get; set; }
        public DateTime? LastUpdated { get; set; }
        /// <summary>Cost basis per contract (Exposure / Contracts); with -IncludeMarketValue only.</summary>
        public decimal? AveragePrice { get; set; }
        /// <summary>The bid the holding could be sold at now (best Yes bid for Yes, best No bid for No); with -IncludeMarketValue only.</summary>
        public decimal? CurrentPrice { get; set; }
        /// <summary>Contracts x CurrentPrice; with -IncludeMarketValue only.</summary>
        public decimal? MarketValue { get; set; }
        /// <summary>MarketValue - Exposure (fees not included); with -IncludeMarketValue only.</summary>
        public decimal? UnrealizedPnl { get; set; }
        public override string ToString() => $"{Ticker} {Side} {Contracts}";
    }

    /// <summary>Your totals across one event's markets.</summary>
    public sealed class KalshiEventPosition
    {
        public string EventTicker { get; set; }
        public decimal? TotalCost { get; set; }
        public decimal? TotalCostShares { get; set; }
        public decimal? Exposure { get; set; }
        public decimal? RealizedPnl { get; set; }
        public decimal? FeesPaid { get; set; }
        public override string ToString() => EventTicker;
    }

    /// <summary>Cash available and portfolio value, in dollars.</summary>
    public sealed class KalshiBalance
    {
        /// <summary>The account this is the cash of: 0 primary, 1-63 a subaccount.</summary>
        public int? Subaccount { get; set; }
        public decimal Balance { get; set; }
        public decimal? PortfolioValue { get; set; }
        /// <summary>Total value of your resting orders (dollars); with -IncludeRestingOrderValue only.</summary>
        public decimal? RestingOrderValue { get; set; }
        public DateTime? UpdatedTime { get; set; }
        public override string ToString() => Balance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The payout of a market that settled while you held a position.</summary>
    public sealed class KalshiSettlement
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public string Result { get => _result; set => _result = Vocabulary.Name(value); }
        private string _result;
        public decimal? YesCount { get; set; }
        public decimal? YesTotalCost { get; set; }
        public decimal? NoCount { get; set; }
        public decimal? NoTotalCost { get; set; }
        /// <summary>Payout in dollars.</summary>
        public decimal? Revenue { get; set; }
        public decimal? Fee { get; set; }
        public DateTime? SettledTime { get; set; }
        public override string ToString() => $"{Ticker} {Result}";
    }
}
