using KalshiPS.Sandbox.Fix;

namespace KalshiPS.Sandbox;

/// <summary>KalshiMD: each logged-on session gets its own <see cref="FixMarketDataFeed"/> (snapshots and incrementals from the engine).</summary>
internal sealed class MarketDataHandler : IFixSessionHandler
{
    public async Task RunAsync(FixGatewaySession s, CancellationToken ct)
    {
        using var feed = new FixMarketDataFeed(s.Exchange);
        await feed.RunAsync(s.Session, ct);
    }
}
