using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>
    /// A block trade proposal (Get-KalshiBlockTrade): a negotiated trade between a buyer and a seller that executes once
    /// both accepted. Price is dollars and Count contracts (Kalshi sends centi-cents and centicounts).
    /// </summary>
    public sealed class KalshiBlockTrade
    {
        public string BlockTradeId { get; set; }
        public string Ticker { get; set; }
        /// <summary>Price per contract in dollars.</summary>
        public decimal? Price { get; set; }
        public decimal? Count { get; set; }
        /// <summary>The maker side of the trade: Yes or No.</summary>
        public string MakerSide { get => _makerSide; set => _makerSide = Vocabulary.Name(value); }
        private string _makerSide;
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        public string ProposerUserId { get; set; }
        /// <summary>Empty unless you are the buyer.</summary>
        public string BuyerUserId { get; set; }
        public string BuyerSubtraderId { get; set; }
        /// <summary>Empty unless you are the seller.</summary>
        public string SellerUserId { get; set; }
        public string SellerSubtraderId { get; set; }
        public bool? BuyerAccepted { get; set; }
        public bool? SellerAccepted { get; set; }
        public string BuyerOrderId { get; set; }
        public string SellerOrderId { get; set; }
        public DateTime? ExpirationTime { get; set; }
        public DateTime? CreatedTime { get; set; }
        public DateTime? UpdatedTime { get; set; }
        public DateTime? BuyerAcceptedTime { get; set; }
        public DateTime? SellerAcceptedTime { get; set; }
        public DateTime? ExecutedTime { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1} {2:0.##}@{3:0.00##} {4}", BlockTradeId, Ticker, Count, Price, Status);
    }
}
