namespace KalshiPS.Sandbox;

/// <summary>Something the engine did. Raised synchronously while the exchange lock is held, in commit order.</summary>
public abstract record ExchangeEvent(long TsMs);

/// <summary>A price level of the YES-bid ("yes") or NO-bid ("no") book changed by Delta (signed).</summary>
public sealed record BookDeltaEvent(Market Market, string Side, decimal Price, decimal Delta, string? ClientOrderId, string? UserId, long TsMs) : ExchangeEvent(TsMs);
public sealed record TradeEvent(Market Market, Trade Trade, long TsMs) : ExchangeEvent(TsMs);
public sealed record FillEvent(Fill Fill, Order Order, long TsMs) : ExchangeEvent(TsMs);
public sealed record OrderUpdateEvent(Order Order, long TsMs) : ExchangeEvent(TsMs);
public sealed record PositionUpdateEvent(string UserId, Position Position, long TsMs) : ExchangeEvent(TsMs);
public sealed record TickerEvent(Market Market, decimal LastTradeSize, long TsMs) : ExchangeEvent(TsMs);
/// <summary>event_type: created|activated|deactivated|close_date_updated|determined|settled.</summary>
public sealed record MarketLifecycleEvent(Market Market, string EventType, long TsMs) : ExchangeEvent(TsMs);
/// <summary>An event was created (event_lifecycle; on multivariate_market_lifecycle when the event is a combo).</summary>
public sealed record EventLifecycleEvent(EventInfo Event, long TsMs) : ExchangeEvent(TsMs);
/// <summary>An event's fee override changed (event_fee_update); nulls clear it.</summary>
public sealed record EventFeeUpdateEvent(EventInfo Event, string? FeeTypeOverride, decimal? FeeMultiplierOverride, long TsMs) : ExchangeEvent(TsMs);

/// <summary>In-process publish/subscribe for engine events. Handlers must be fast and must not call back into the exchange.</summary>
public sealed class EventHub
{
    private readonly object _gate = new();
    private Action<ExchangeEvent>[] _handlers = Array.Empty<Action<ExchangeEvent>>();

    public IDisposable Subscribe(Action<ExchangeEvent> handler)
    {
        lock (_gate) _handlers = _handlers.Append(handler).ToArray();
        return new Unsubscriber(this, handler);
    }

    internal void Publish(ExchangeEvent e)
    {
        foreach (var h in Volatile.Read(ref _handlers))
        {
            try { h(e); } catch { /* a faulty subscriber must not break matching */ }
        }
    }

    private sealed class Unsubscriber(EventHub hub, Action<ExchangeEvent> handler) : IDisposable
    {
        public void Dispose() { lock (hub._gate) hub._handlers = hub._handlers.Where(x => x != handler).ToArray(); }
    }
}

/// <summary>A settable clock for deterministic tests.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public void SetUtcNow(DateTimeOffset t) => _now = t;
}

/// <summary>An engine rejection that maps to an HTTP error body {"error":{code,message,details?}}.</summary>
public sealed class ExchangeException(int status, string code, string message, string? details = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Details { get; } = details;
}
