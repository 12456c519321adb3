using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// KalshiDC, Kalshi's request/response drop copy: EventResendRequest (U1) resends the user's execution reports whose
/// ExecID falls in [BeginExecID, EndExecID] (end defaults to the latest) from the last 3 hours of the exchange clock,
/// each with a new sequence number, then EventResendComplete (U2); or EventResendReject (U3) with reason 3 when the
/// range reaches before the window, 4 when EndExecID is beyond the latest (or before the begin). Rejects are never kept.
/// </summary>
internal sealed class DropCopyHandler : IFixSessionHandler
{
    public async Task RunAsync(FixGatewaySession s, CancellationToken ct)
    {
        while (await s.Session.ReceiveAsync(ct) is { } m)
        {
            if (m.MsgType == FixMsgTypes.Reject) continue;
            if (m.MsgType != FixAppMsgTypes.EventResendRequest)
            {
                s.Enqueue(FixGatewayReplies.BusinessReject(m, 3, $"KalshiDC serves EventResendRequest (U1) only, not MsgType {m.MsgType}"));
                continue;
            }
            m.TryGetInt(FixTags.MsgSeqNum, out var refSeq);
            if (!FixEventResendRequest.TryParse(m, out var r, out var error)) { s.Enqueue(FixGatewayReplies.BusinessReject(m, 0, error)); continue; }
            FixExecId.TryParse(r.BeginExecId, out var begin, out _);
            long? end = r.EndExecId != null && FixExecId.TryParse(r.EndExecId, out var e, out _) ? e : null;
            var feed = s.Gateway.Executions;
            if (feed.RangeRejection(begin, end) is { } reason)
            {
                var reject = new FixEventResendReject { RefSeqNum = refSeq, Reason = (FixEventResendRejectReason)reason };
                reject.Text = reject.Describe();
                s.Enqueue(reject.ToMessage());
                continue;
            }
            var records = feed.Range(s.UserId, begin, end);
            foreach (var record in records) s.Enqueue(record.Report);
            s.Enqueue(new FixEventResendComplete { RefSeqNum = refSeq, ResentEventCount = records.Count }.ToMessage());
        }
    }
}
