namespace KalshiPS.Models
{
    /// <summary>Which Kalshi a session talks to; Custom when -BaseUri names another host (a proxy, the sandbox).</summary>
    public enum KalshiEnvironment { Production, Demo, Custom }
}
