using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>
    /// The outcome of placing (or amending) an order, in the words the user placed it with: Side, Action and Price of
    /// that side. Kalshi's create answer is not a full order; Get-KalshiOrder -OrderId reads the order itself.
    /// </summary>
    public sealed class KalshiOrderResult
    {
        public string OrderId { get; set; }
        public string ClientOrderId { get; set; }
        public string Ticker { get; set; }
        /// <summary>The account the order was placed in: 0 primary, 1-63 a subaccount.</summary>
        public int? Subaccount { get; set; }
        public KalshiSide Side { get; set; }
        public KalshiAction Action { get; set; }
        /// <summary>Limit price of <see cref="Side"/> in dollars.</summary>
        public decimal Price { get; set; }
        /// <summary>The Yes price Kalshi stores (1 - Price for No orders).</summary>
        public decimal YesPrice { get; set; }
        /// <summary>Kalshi's book side of the Yes leg: Bid (buy Yes / sell No) or Ask (sell Yes / buy No).</summary>
        public string BookSide { get => _bookSide; set => _bookSide = Vocabulary.Name(value); }
        private string _bookSide;
        /// <summary>Contracts ordered.</summary>
        public decimal Count { get; set; }
        public decimal FilledCount { get; set; }
        public decimal RemainingCount { get; set; }
        /// <summary>Average price of <see cref="Side"/> over the fills, when anything filled.</summary>
        public decimal? AverageFillPrice { get; set; }
        public decimal? AverageFee { get; set; }
        public KalshiOrderStatus Status { get; set; }
        public KalshiTimeInForce TimeInForce { get; set; }
        /// <summary>True when a retried create found the order already placed (the first attempt had succeeded).</summary>
        public bool AlreadyExisted { get; set; }
        /// <summary>Matching-engine time of the answer.</summary>
        public DateTime? Timestamp { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} {3} {4}@{5:0.00##} {6}", OrderId, Action, Count, Side, Ticker, Price, Status);
    }
}

namespace KalshiPS.Models
{
    /// <summary>One canceled order (Remove-KalshiOrder -PassThru).</summary>
    public sealed class KalshiOrderCancellation
    {
        public string OrderId { get; set; }
        public string ClientOrderId { get; set; }
        public string Ticker { get; set; }
        /// <summary>The account the order was canceled in (the one the cancel named; null when it named none).</summary>
        public int? Subaccount { get; set; }
        /// <summary>Contracts that stopped resting; null when a retried cancel found the order already canceled.</summary>
        public decimal? ReducedBy { get; set; }
        public System.DateTime? Timestamp { get; set; }
        public override string ToString() => OrderId;
    }
}
