namespace KalshiPS.Sandbox;

/// <summary>The FIX sessions the sandbox listens for, one TLS listener each, named by Kalshi's TargetCompIDs.</summary>
public enum FixSessionKind { OrderEntry, Retransmit, DropCopy, MarketData }

public static class FixSessionKinds
{
    public static readonly FixSessionKind[] All = { FixSessionKind.OrderEntry, FixSessionKind.Retransmit, FixSessionKind.DropCopy, FixSessionKind.MarketData };

    /// <summary>The TargetCompID a client sends to this listener (Kalshi's names).</summary>
    public static string CompId(this FixSessionKind kind) => kind switch
    {
        FixSessionKind.OrderEntry => "KalshiNR",
        FixSessionKind.Retransmit => "KalshiRT",
        FixSessionKind.DropCopy => "KalshiDC",
        _ => "KalshiMD",
    };

    /// <summary>Only KalshiRT keeps sequence numbers across connections; the others refuse a Logon without 141=Y.</summary>
    public static bool KeepsSequence(this FixSessionKind kind) => kind == FixSessionKind.Retransmit;

    /// <summary>Order entry sessions receive execution reports (solicited and unsolicited).</summary>
    public static bool IsOrderEntry(this FixSessionKind kind) => kind is FixSessionKind.OrderEntry or FixSessionKind.Retransmit;
}
