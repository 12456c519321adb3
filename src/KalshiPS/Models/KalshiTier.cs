namespace KalshiPS.Models
{
    /// <summary>Kalshi's API usage tiers (token budgets per second for reads and writes).</summary>
    public enum KalshiTier { Basic, Advanced, Premier, Paragon, Prime }
}
