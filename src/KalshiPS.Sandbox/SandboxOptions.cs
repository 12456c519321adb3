namespace KalshiPS.Sandbox;

/// <summary>Start-up settings of a sandbox exchange.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; } = 0;
    /// <summary>Seed of the market universe, seeded books and ids.</summary>
    public int Seed { get; set; } = 42;
    /// <summary>Number of markets generated (thousands are fine).</summary>
    public int MarketCount { get; set; } = 60;
    /// <summary>Random house traders placing orders a few times per second.</summary>
    public bool BackgroundTraders { get; set; }
    public TimeSpan BackgroundTraderInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Starting cash (dollars) of every user account.</summary>
    public decimal StartingBalance { get; set; } = 10000m;
    /// <summary>Where the generated private key PEM is written; a temp folder when null.</summary>
    public string? KeyDirectory { get; set; }
    public FaultOptions Faults { get; set; } = new();
    /// <summary>Allowed |now - KALSHI-ACCESS-TIMESTAMP|.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Subscriptions (sids) one WebSocket connection may hold; a subscribe beyond it gets error 26 "subscription
    /// market limit exceeded". Kalshi publishes no number (kalshi-api.md §8); 100 is this sandbox's choice.
    /// </summary>
    public int WebSocketMaxSubscriptions { get; set; } = 100;
    /// <summary>Server WebSocket ping frame interval.</summary>
    public TimeSpan WebSocketPingInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Clock for the engine, expiries, auth and rate limits (default: system clock).</summary>
    public TimeProvider? Clock { get; set; }
    /// <summary>The house RFQ desk (Exchange.OpenDesk): quotes users' RFQs, keeps RFQs to quote, takes its side of block trades.</summary>
    public bool RfqDesk { get; set; } = true;
    /// <summary>FIX listeners (order entry NR/RT, drop copy, market data) next to REST and WebSocket (CLI: --no-fix turns them off).</summary>
    public bool EnableFix { get; set; } = true;
    /// <summary>When true, public market-data GETs still need valid signatures.</summary>
    public bool RequireAuthForMarketData { get; set; }
}
