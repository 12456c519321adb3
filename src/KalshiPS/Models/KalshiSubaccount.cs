using System;

namespace KalshiPS.Models
{
    /// <summary>One account of yours and its cash: Subaccount 0 is the primary account, 1-63 the numbered subaccounts.</summary>
    public sealed class KalshiSubaccount
    {
        public int Subaccount { get; set; }
        /// <summary>The exchange shard the balance is held on (0 unless Kalshi splits your account across shards).</summary>
        public int? ExchangeIndex { get; set; }
        /// <summary>Cash in dollars.</summary>
        public decimal? Balance { get; set; }
        public DateTime? UpdatedTime { get; set; }
        public override string ToString() => Subaccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a subaccount's opposite positions net (a Yes and a No contract redeemed for $1 at once).</summary>
    public sealed class KalshiSubaccountNetting
    {
        public int Subaccount { get; set; }
        public int? ExchangeIndex { get; set; }
        public bool Enabled { get; set; }
        public override string ToString() => Subaccount.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Enabled ? " netting" : " no netting");
    }

    /// <summary>
    /// A movement of cash inside your account: between subaccounts (Kind Subaccount) or between exchange instances and
    /// shards (Kind ExchangeInstance). Amounts are dollars.
    /// </summary>
    public sealed class KalshiTransfer
    {
        public string TransferId { get; set; }
        /// <summary>Subaccount or ExchangeInstance.</summary>
        public string Kind { get; set; }
        /// <summary>Your idempotency key of a subaccount transfer (known only for transfers made in this session).</summary>
        public string ClientTransferId { get; set; }
        public int? FromSubaccount { get; set; }
        public int? ToSubaccount { get; set; }
        public decimal? Amount { get; set; }
        /// <summary>EventContract or Margined (exchange-instance transfers).</summary>
        public string FromInstance { get => _fromInstance; set => _fromInstance = Vocabulary.Name(value); }
        private string _fromInstance;
        public string ToInstance { get => _toInstance; set => _toInstance = Vocabulary.Name(value); }
        private string _toInstance;
        /// <summary>Exchange shard of the source (the shard of a subaccount transfer).</summary>
        public int? FromExchangeIndex { get; set; }
        public int? ToExchangeIndex { get; set; }
        /// <summary>Pending or Complete (exchange-instance transfers); Complete for an applied subaccount transfer.</summary>
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        public DateTime? CreatedTime { get; set; }
        public override string ToString() => TransferId ?? ClientTransferId;
    }

    /// <summary>The share of your sweepable balance that Kalshi keeps on one exchange shard (automatic rebalancing).</summary>
    public sealed class KalshiBalanceAllocation
    {
        public int ExchangeIndex { get; set; }
        /// <summary>Target percentage (all rows total 100).</summary>
        public decimal Percent { get; set; }
        /// <summary>How resting margin is reserved across shards: Sum or Max.</summary>
        public string RestingMarginReservation { get; set; }
        public override string ToString() => ExchangeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Percent.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
    }
}

namespace KalshiPS.Models
{
    /// <summary>Kalshi's exchange instances: the event-contract exchange and the margined (perpetuals) one.</summary>
    public enum KalshiExchangeInstance { EventContract, Margined }

    /// <summary>How resting margin is reserved across exchange shards under automatic rebalancing.</summary>
    public enum KalshiMarginReservation { Sum, Max }
}
