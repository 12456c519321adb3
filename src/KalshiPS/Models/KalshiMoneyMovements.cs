using System;

namespace KalshiPS.Models
{
    /// <summary>Money into or out of the account; Kalshi gives deposits and withdrawals one shape. Amounts in dollars.</summary>
    public abstract class KalshiMoneyMovement
    {
        public string Id { get; set; }
        /// <summary>Pending, Applied (in the balance), Failed or Returned.</summary>
        public string Status { get => _status; set => _status = Vocabulary.Name(value); }
        private string _status;
        /// <summary>Payment method: Ach, Wire, Crypto, Debit, Apm.</summary>
        public string Method { get => _method; set => _method = Vocabulary.Name(value); }
        private string _method;
        public decimal? Amount { get; set; }
        public decimal? Fee { get; set; }
        public DateTime? CreatedTime { get; set; }
        /// <summary>When it was applied, failed or returned; null while pending.</summary>
        public DateTime? FinalizedTime { get; set; }
        public override string ToString() => $"{Id} {Status} {Amount}";
    }

    /// <summary>Money paid into the account (GET /portfolio/deposits).</summary>
    public sealed class KalshiDeposit : KalshiMoneyMovement { }

    /// <summary>Money paid out of the account (GET /portfolio/withdrawals).</summary>
    public sealed class KalshiWithdrawal : KalshiMoneyMovement { }
}
