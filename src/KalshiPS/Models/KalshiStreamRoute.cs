namespace KalshiPS.Models
{
    /// <summary>Where a Watch-* stream comes from: Kalshi's WebSocket (the default) or a FIX session (Connect-KalshiFix).</summary>
    public enum KalshiStreamRoute { WebSocket, Fix }
}
