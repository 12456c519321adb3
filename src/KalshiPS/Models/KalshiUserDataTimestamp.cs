using System;

namespace KalshiPS.Models
{
    /// <summary>
    /// How fresh the portfolio reads are (GET /exchange/user_data_timestamp): balance, orders, fills and positions
    /// reflect the exchange as of AsOfTime. Lag is RetrievedTime minus AsOfTime on this machine's clock.
    /// </summary>
    public sealed class KalshiUserDataTimestamp
    {
        public DateTime? AsOfTime { get; set; }
        public DateTime RetrievedTime { get; set; }
        public TimeSpan? Lag { get; set; }
    }
}
