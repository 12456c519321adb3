namespace KalshiPS.Sandbox;

/// <summary>How a request that fails after it was committed looks to the client.</summary>
public enum AfterCommitFailure { ServiceUnavailable, ConnectionReset }

/// <summary>
/// Fault injection knobs. Mutable at run time (via <see cref="SandboxServer.Faults"/> or POST /sandbox/faults).
/// Counters named "Next..." are decremented as they fire.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Read bucket refill in tokens/s (0 = unlimited). Capacity = 1 s of budget. Each GET costs 10.</summary>
    public int ReadTokensPerSecond { get; set; }
    /// <summary>Write bucket refill in tokens/s (0 = unlimited). Capacity = 2 s of budget. Create 10/item, cancel 2/item.</summary>
    public int WriteTokensPerSecond { get; set; }
    /// <summary>Share (0..1) of API requests answered 503 service_unavailable before processing (deterministic RNG).</summary>
    public double ErrorRate { get; set; }
    /// <summary>Share (0..1) of API requests whose connection is aborted before processing.</summary>
    public double ResetRate { get; set; }
    /// <summary>Added latency per API request.</summary>
    public int LatencyMs { get; set; }
    /// <summary>The next N requests (any API route) get 503 before processing.</summary>
    public int FailNextRequests { get; set; }
    /// <summary>The next N order creates are committed, then answered with <see cref="AfterCommitMode"/>.</summary>
    public int FailNextCreateAfterCommit { get; set; }
    /// <summary>The next N cancels are committed, then answered with <see cref="AfterCommitMode"/>.</summary>
    public int FailNextCancelAfterCommit { get; set; }
    /// <summary>The next N amends are committed, then answered with <see cref="AfterCommitMode"/>.</summary>
    public int FailNextAmendAfterCommit { get; set; }
    /// <summary>The next N decreases are committed, then answered with <see cref="AfterCommitMode"/>.</summary>
    public int FailNextDecreaseAfterCommit { get; set; }
    /// <summary>The next N money writes (subaccount creates, transfers, netting and allocation changes) are committed, then answered with <see cref="AfterCommitMode"/>.</summary>
    public int FailNextTransferAfterCommit { get; set; }
    /// <summary>The next N RFQ, quote, block trade and API key writes are committed, then answered with <see cref="AfterCommitMode"/>.</summary>
    public int FailNextCommunicationsAfterCommit { get; set; }
    /// <summary>Share (0..1) of committed order writes (create, cancel, amend, decrease; single or batch) then answered with <see cref="AfterCommitMode"/> (deterministic RNG).</summary>
    public double AfterCommitRate { get; set; }
    /// <summary>The next N order-group writes (create, limit, trigger, reset, delete) commit, then fail (AfterCommitMode).</summary>
    public int FailNextGroupWriteAfterCommit { get; set; }
    /// <summary>The next N GET requests get 503 before processing (writes pass), e.g. to fail the lookups after a write.</summary>
    public int FailNextReads { get; set; }
    public AfterCommitFailure AfterCommitMode { get; set; } = AfterCommitFailure.ServiceUnavailable;
    /// <summary>Close each WebSocket after this many data messages (0 = never).</summary>
    public int WsDropEveryMessages { get; set; }
    /// <summary>Skip one seq number every N orderbook_delta messages (0 = never).</summary>
    public int WsSkipSeqEvery { get; set; }
    /// <summary>
    /// Lose one orderbook_delta every N (0 = never): its seq number is consumed but the message is never sent, so a
    /// client that ignores the gap keeps a wrong book (unlike <see cref="WsSkipSeqEvery"/>, which loses nothing).
    /// </summary>
    public int WsLoseDeltaEvery { get; set; }
    /// <summary>The next N update_subscription get_snapshot commands are silently ignored (no snapshot, no reply).</summary>
    public int WsIgnoreGetSnapshotNext { get; set; }
    /// <summary>The next N data messages overflow their subscription (error 25, subscription dropped).</summary>
    public int WsForceOverflowNext { get; set; }
    /// <summary>Per-connection outbound queue bound; beyond it the subscription overflows (error 25).</summary>
    public int WsQueueCapacity { get; set; } = 10_000;

    /// <summary>FIX: after this many more outbound application messages (any session) the connection that wrote the last one is dropped without Logout.</summary>
    public int FixDropAfterMessages { get; set; }
    /// <summary>FIX: the next outbound application message comes after a gap of this many sequence numbers (ResendRequest on KalshiRT, a logged skip on KalshiNR).</summary>
    public int FixSkipSeqNext { get; set; }
    /// <summary>FIX: periodic Heartbeats are numbered but never written (answers to a TestRequest still are), so the client's TestRequest fires.</summary>
    public bool FixSuppressHeartbeats { get; set; }
    /// <summary>FIX: each periodic Heartbeat is held this long (exchange clock) before it is written.</summary>
    public int FixHeartbeatDelayMs { get; set; }
    /// <summary>FIX: the next N ExecutionReports are numbered but never written (a lost report; the order itself is placed as usual).</summary>
    public int FixLoseNextExecutionReports { get; set; }

    internal readonly object Gate = new();

    /// <summary>Atomically consumes one unit of a countdown; true if it fired.</summary>
    internal bool Consume(ref int counter)
    {
        lock (Gate) { if (counter <= 0) return false; counter--; return true; }
    }

    internal bool TakeFailNextRequest() { lock (Gate) { if (FailNextRequests <= 0) return false; FailNextRequests--; return true; } }
    internal bool TakeCreateAfterCommit() { lock (Gate) { if (FailNextCreateAfterCommit <= 0) return false; FailNextCreateAfterCommit--; return true; } }
    internal bool TakeCancelAfterCommit() { lock (Gate) { if (FailNextCancelAfterCommit <= 0) return false; FailNextCancelAfterCommit--; return true; } }
    internal bool TakeAmendAfterCommit() { lock (Gate) { if (FailNextAmendAfterCommit <= 0) return false; FailNextAmendAfterCommit--; return true; } }
    internal bool TakeTransferAfterCommit() { lock (Gate) { if (FailNextTransferAfterCommit <= 0) return false; FailNextTransferAfterCommit--; return true; } }
    internal bool TakeDecreaseAfterCommit() { lock (Gate) { if (FailNextDecreaseAfterCommit <= 0) return false; FailNextDecreaseAfterCommit--; return true; } }
    internal bool TakeGroupWriteAfterCommit() { lock (Gate) { if (FailNextGroupWriteAfterCommit <= 0) return false; FailNextGroupWriteAfterCommit--; return true; } }
    internal bool TakeCommunicationsAfterCommit() { lock (Gate) { if (FailNextCommunicationsAfterCommit <= 0) return false; FailNextCommunicationsAfterCommit--; return true; } }
    internal bool TakeFailNextRead() { lock (Gate) { if (FailNextReads <= 0) return false; FailNextReads--; return true; } }
    private readonly Random _afterCommitRng = new(0xAC0);
    /// <summary>Rolls <see cref="AfterCommitRate"/> for one committed write.</summary>
    internal bool RollAfterCommit() { lock (Gate) return AfterCommitRate > 0 && _afterCommitRng.NextDouble() < AfterCommitRate; }
    internal bool TakeWsIgnoreGetSnapshot() { lock (Gate) { if (WsIgnoreGetSnapshotNext <= 0) return false; WsIgnoreGetSnapshotNext--; return true; } }
    internal bool TakeFixLoseExecutionReport() { lock (Gate) { if (FixLoseNextExecutionReports <= 0) return false; FixLoseNextExecutionReports--; return true; } }
    internal bool TakeFixDropAfterMessage() { lock (Gate) { if (FixDropAfterMessages <= 0) return false; FixDropAfterMessages--; return FixDropAfterMessages == 0; } }
    /// <summary>The gap to open before the next FIX application message (0 = none); resets the knob.</summary>
    internal int TakeFixSkipSeq() { lock (Gate) { var n = Math.Max(0, FixSkipSeqNext); FixSkipSeqNext = 0; return n; } }
    internal bool TakeWsOverflow() { lock (Gate) { if (WsForceOverflowNext <= 0) return false; WsForceOverflowNext--; return true; } }
}
