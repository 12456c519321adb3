using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// Turns the engine's events into FIX execution reports, whoever caused them (FIX, REST, WebSocket, order groups,
/// expiry, settlement): the first event of an order reports it New, fills report Trade, a changed price or size
/// reports Replaced, the end of a resting order Canceled or Expired. Runs inside the engine's event publication, so
/// under the exchange lock and in commit order: each report gets the next ExecID ("&lt;global sequence&gt;;&lt;report
/// number of that order&gt;"), is kept for drop copy (3 hours of exchange clock) and is queued on every live
/// order-entry session of the order's owner. Only users that have logged on to a FIX session since the start are
/// followed (REST-only users cost nothing here), and at most <see cref="MaxKept"/> reports are kept.
/// </summary>
internal sealed class FixExecutionFeed : IDisposable
{
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(3);
    public const int MaxKept = 200_000;

    private readonly Exchange _ex;
    private readonly Func<string, IReadOnlyList<FixGatewaySession>> _sessionsOf;
    private readonly IDisposable _subscription;
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _followed = new(StringComparer.Ordinal);
    private readonly LinkedList<ExecRecord> _log = new();
    private long _execSeq;
    private long _lastExpiredSeq;

    public FixExecutionFeed(Exchange ex, Func<string, IReadOnlyList<FixGatewaySession>> sessionsOf)
    {
        _ex = ex; _sessionsOf = sessionsOf;
        _subscription = ex.Events.Subscribe(OnEvent);
    }

    /// <summary>A FIX cancel or replace in progress: its report carries the request's ClOrdID and OrigClOrdID. Set and cleared under the exchange lock.</summary>
    internal (string OrderId, string ClOrdId)? Pending { get; set; }

    /// <summary>An execution report as issued: its global sequence number, when (exchange clock), and whose.</summary>
    public sealed record ExecRecord(long Seq, DateTimeOffset At, string UserId, FixMessage Report);

    private sealed class Track
    {
        public string UserId = "";
        public string ClOrdId = "";
        public decimal Price;
        public decimal Qty;
        public int Reports;
        public bool Done;
    }

    /// <summary>Reports this user's orders from now on (called at a FIX logon; no lock needed).</summary>
    public void Follow(string userId) => _followed.TryAdd(userId, 0);

    /// <summary>True when one of the user's open orders answers to this ClOrdID now (placed with it, or renamed to it by a cancel/replace). Caller holds the exchange lock.</summary>
    public bool IsOpenClOrdId(string userId, string clOrdId) => _tracks.Values.Any(t => !t.Done && t.UserId == userId && t.ClOrdId == clOrdId);

    /// <summary>The user's open order that answers to this ClOrdID now, or null. Caller holds the exchange lock.</summary>
    public string? OpenOrderIdOf(string userId, string clOrdId) =>
        _tracks.FirstOrDefault(p => !p.Value.Done && p.Value.UserId == userId && p.Value.ClOrdId == clOrdId).Key;

    /// <summary>Whether the pending request's report has been issued (a replace that changed nothing issues none by itself).</summary>
    internal bool PendingReported { get; private set; }

    /// <summary>Starts a FIX cancel or replace of an order. Caller holds the exchange lock until <see cref="EndRequest"/>.</summary>
    internal void BeginRequest(string orderId, string clOrdId) { Pending = (orderId, clOrdId); PendingReported = false; }

    internal void EndRequest() { Pending = null; PendingReported = false; }

    /// <summary>Reports Replaced for a replace that left price and size as they were (the engine published no change).</summary>
    internal void ReportUnchangedReplace(Order o)
    {
        var t = TrackOf(o, out _);
        EmitReplaced(o, t, o.FillCount);
    }

    private void OnEvent(ExchangeEvent e)
    {
        switch (e)
        {
            case FillEvent f when _followed.ContainsKey(f.Order.UserId):
            {
                var o = f.Order;
                var t = TrackOf(o, out var isNew);
                var cumBefore = o.FillCount - f.Fill.Count;
                if (isNew) Emit(o, t, FixExecType.New, FixOrdStatus.New, cumBefore, o.InitialCount - cumBefore, null);
                else if (Changed(t, o)) EmitReplaced(o, t, cumBefore);
                var status = o.FillCount >= o.InitialCount ? FixOrdStatus.Filled : FixOrdStatus.PartiallyFilled;
                Emit(o, t, FixExecType.Trade, status, o.FillCount, Math.Max(0m, o.InitialCount - o.FillCount), null, f.Fill);
                break;
            }
            case OrderUpdateEvent u when _followed.ContainsKey(u.Order.UserId):
            {
                var o = u.Order;
                var t = TrackOf(o, out var isNew);
                if (t.Done) break;
                if (isNew) Emit(o, t, FixExecType.New, FixOrdStatus.New, o.FillCount, o.InitialCount - o.FillCount, null);
                else if (Changed(t, o)) EmitReplaced(o, t, o.FillCount);
                if (o.Status == OrderStatus.Canceled)
                {
                    bool expired = o.LastUpdateReason == "ExpiryCancel";
                    var (clOrdId, orig) = Renamed(o, t);
                    Emit(o, t, expired ? FixExecType.Expired : FixExecType.Canceled, expired ? FixOrdStatus.Expired : FixOrdStatus.Canceled,
                        o.FillCount, 0m, o.LastUpdateReason.Length > 0 ? o.LastUpdateReason : null, clOrdId: clOrdId, origClOrdId: orig);
                }
                if (o.Status != OrderStatus.Resting) { t.Done = true; _tracks.Remove(o.OrderId); }
                break;
            }
        }
    }

    private Track TrackOf(Order o, out bool isNew)
    {
        isNew = !_tracks.TryGetValue(o.OrderId, out var t);
        if (isNew)
        {
            t = new Track { UserId = o.UserId, ClOrdId = o.ClientOrderId.Length > 0 ? o.ClientOrderId : o.OrderId, Price = o.YesPrice, Qty = o.InitialCount };
            _tracks[o.OrderId] = t;
        }
        return t!;
    }

    private static bool Changed(Track t, Order o) => t.Price != o.YesPrice || t.Qty != o.InitialCount;

    // A pending FIX cancel/replace of this order renames it: the report carries the new ClOrdID and the old one as OrigClOrdID.
    private (string ClOrdId, string? Orig) Renamed(Order o, Track t)
    {
        if (Pending is not { } p || p.OrderId != o.OrderId) return (t.ClOrdId, null);
        PendingReported = true;
        if (p.ClOrdId == t.ClOrdId) return (t.ClOrdId, null);
        var orig = t.ClOrdId;
        t.ClOrdId = p.ClOrdId;
        return (p.ClOrdId, orig);
    }

    private void EmitReplaced(Order o, Track t, decimal cum)
    {
        t.Price = o.YesPrice; t.Qty = o.InitialCount;
        var (clOrdId, orig) = Renamed(o, t);
        Emit(o, t, FixExecType.Replaced, cum > 0 ? FixOrdStatus.PartiallyFilled : FixOrdStatus.New, cum, Math.Max(0m, o.InitialCount - cum), null,
            clOrdId: clOrdId, origClOrdId: orig);
    }

    private void Emit(Order o, Track t, FixExecType execType, FixOrdStatus status, decimal cum, decimal leaves, string? text,
        Fill? fill = null, string? clOrdId = null, string? origClOrdId = null)
    {
        var now = _ex.Clock.GetUtcNow();
        var seq = ++_execSeq;
        var execId = seq + ";" + (++t.Reports);
        var report = FixReports.Execution(o, execId, execType, status, clOrdId ?? t.ClOrdId, origClOrdId, cum, leaves, text, fill, now);
        _log.AddLast(new ExecRecord(seq, now, o.UserId, report));
        Prune(now);
        foreach (var s in _sessionsOf(o.UserId)) s.Enqueue(report);
    }

    private void Prune(DateTimeOffset now)
    {
        while (_log.First is { } first && (first.Value.At < now - Lookback || _log.Count > MaxKept))
        {
            _lastExpiredSeq = first.Value.Seq;
            _log.RemoveFirst();
        }
    }

    /// <summary>Why a drop-copy range cannot be served (Kalshi's EventResendRejectReason), or null.</summary>
    public int? RangeRejection(long begin, long? end)
    {
        lock (_ex.Gate)
        {
            Prune(_ex.Clock.GetUtcNow());
            if (begin <= _lastExpiredSeq) return 3;           // part of the range is older than the 3-hour window
            if (end is { } e && (e > _execSeq || e < begin)) return 4;
            return null;
        }
    }

    /// <summary>The user's reports with begin &lt;= sequence &lt;= end (end null: the latest), oldest first.</summary>
    public IReadOnlyList<ExecRecord> Range(string userId, long begin, long? end)
    {
        lock (_ex.Gate)
        {
            Prune(_ex.Clock.GetUtcNow());
            return _log.Where(r => r.UserId == userId && r.Seq >= begin && (end == null || r.Seq <= end)).ToArray();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
