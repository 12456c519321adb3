namespace KalshiPS.Models
{
    /// <summary>The status filter vocabulary of GET /markets (different from the status values markets report).</summary>
    public enum MarketStatusFilter { Unopened, Open, Paused, Closed, Settled }
}
