using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>
    /// A quote on an RFQ (Get-KalshiQuote, New-KalshiQuote): the quoter's Yes bid and No bid for the RFQ's size, and
    /// how far it got (Open, Accepted, Confirmed, Executed, Cancelled).
    /// </summary>
    public sealed class KalshiQuote
    {
        public string QuoteId { get; set; }
        public string RfqId { get; set; }
        public string Ticker { get; set; }
        public decimal? Contracts { get; set; }
        /// <summary>The quoter's bid for Yes, in dollars (0: that side declined).</summary>
        public decimal? YesBid { get; set; }
        /// <summary>The quoter's bid for No, in dollars (0: that side declined).</summary>
        public decimal? NoBid { get; set; }
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        /// <summary>Yes or No once the RFQ's creator accepted one of the bids.</summary>
        public string AcceptedSide { get => _acceptedSide; set => _acceptedSide = Vocabulary.Name(value); }
        private string _acceptedSide;
        /// <summary>Public communications id of the quoter.</summary>
        public string CreatorId { get; set; }
        /// <summary>Public communications id of the RFQ's creator.</summary>
        public string RfqCreatorId { get; set; }
        public string CreatorUserId { get; set; }
        public string RfqCreatorUserId { get; set; }
        /// <summary>Contracts offered on the Yes and No bids (RFQs sized by cost).</summary>
        public decimal? YesContracts { get; set; }
        public decimal? NoContracts { get; set; }
        public decimal? RfqTargetCost { get; set; }
        public bool? TargetCostExcludesFees { get; set; }
        public bool? RestRemainder { get; set; }
        public bool? PostOnly { get; set; }
        public string CancellationReason { get; set; }
        /// <summary>Order ids of the execution (yours only).</summary>
        public string CreatorOrderId { get; set; }
        public string RfqCreatorOrderId { get; set; }
        public int? CreatorSubaccount { get; set; }
        public int? RfqCreatorSubaccount { get; set; }
        public DateTime? CreatedTime { get; set; }
        public DateTime? UpdatedTime { get; set; }
        public DateTime? AcceptedTime { get; set; }
        public DateTime? ConfirmedTime { get; set; }
        public DateTime? ExecutedTime { get; set; }
        public DateTime? CancelledTime { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} Yes {2:0.00##} / No {3:0.00##} {4}", QuoteId, Ticker, YesBid, NoBid, Status);
    }
}
