using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>A request for quote (Get-KalshiRfq, New-KalshiRfq): a market, a size in contracts or dollars, and its state.</summary>
    public sealed class KalshiRfq
    {
        public string RfqId { get; set; }
        public string Ticker { get; set; }
        /// <summary>Contracts asked for (null when the RFQ is sized by <see cref="TargetCost"/>).</summary>
        public decimal? Contracts { get; set; }
        /// <summary>Dollars to spend, when the RFQ is sized by cost.</summary>
        public decimal? TargetCost { get; set; }
        public bool? TargetCostExcludesFees { get; set; }
        /// <summary>Open or Closed.</summary>
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        public bool? RestRemainder { get; set; }
        /// <summary>Public communications id of the creator (Get-KalshiCommunicationsId shows yours).</summary>
        public string CreatorId { get; set; }
        /// <summary>The creator's user id (only on your own RFQs).</summary>
        public string CreatorUserId { get; set; }
        public int? CreatorSubaccount { get; set; }
        public string CancellationReason { get; set; }
        public string MveCollectionTicker { get; set; }
        public KalshiList<KalshiRfqLeg> MveSelectedLegs { get; set; }
        public DateTime? CreatedTime { get; set; }
        public DateTime? UpdatedTime { get; set; }
        public DateTime? CancelledTime { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} {3}", RfqId, Ticker,
                Contracts.HasValue ? Contracts.Value.ToString("0.##", CultureInfo.InvariantCulture) + " contracts" : "$" + (TargetCost ?? 0m).ToString("0.00##", CultureInfo.InvariantCulture), Status);
    }

    /// <summary>One selected leg of a multivariate (combo) market an RFQ is for.</summary>
    public sealed class KalshiRfqLeg
    {
        public string EventTicker { get; set; }
        public string Ticker { get; set; }
        public string Side { get => _side; set => _side = Vocabulary.Name(value); }
        private string _side;
        public decimal? YesSettlementValue { get; set; }
        public override string ToString() => $"{Ticker} {Side}";
    }
}

namespace KalshiPS.Models
{
    /// <summary>RFQ states (Get-KalshiRfq -Status).</summary>
    public enum KalshiRfqStatus { Open, Closed }

    /// <summary>Quote states (Get-KalshiQuote -Status).</summary>
    public enum KalshiQuoteStatus { Open, Accepted, Confirmed, Executed, Cancelled }
}
