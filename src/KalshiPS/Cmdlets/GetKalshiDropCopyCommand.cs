using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Fix;
using KalshiPS.Fix.Client;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Asks Kalshi's FIX drop copy (KalshiDC) to resend ExecutionReports of the last 3 hours (EventResendRequest) and
    /// writes them until EventResendComplete. Uses the session's drop-copy connection, or opens one for this call (and
    /// closes it after). -Since is turned into a BeginExecID: the oldest ExecID this session has seen with a TransactTime
    /// at or after it (live or resent); when it has seen none, "1;0" (the lowest ExecID), and the reports
    /// are filtered by TransactTime here. Kalshi keeps 3 hours; older events are over REST (Get-KalshiFill, Get-KalshiOrder).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KalshiDropCopy", HelpUri = HelpUris.Root + "Get-KalshiDropCopy.md", DefaultParameterSetName = SinceSet)]
    [OutputType(typeof(KalshiExecution))]
    public sealed class GetKalshiDropCopyCommand : KalshiCmdlet
    {
        private const string SinceSet = "Since";
        private const string RangeSet = "Range";
        /// <summary>The lowest ExecID ("1;0"): everything Kalshi still keeps, unless older reports already left the window.</summary>
        internal const string WholeWindow = "1;0";
        private static readonly TimeSpan Window = TimeSpan.FromHours(3);

        /// <summary>Reports at or after this time (Kalshi keeps the last 3 hours).</summary>
        [Parameter(ParameterSetName = SinceSet, Mandatory = true, Position = 0)]
        public DateTime Since { get; set; }

        /// <summary>The first ExecID to resend (inclusive), as Watch-KalshiExecution and earlier calls show it ("N;M").</summary>
        [Parameter(ParameterSetName = RangeSet, Mandatory = true)]
        public string BeginExecId { get; set; }

        /// <summary>The last ExecID to resend (inclusive); the latest when omitted.</summary>
        [Parameter(ParameterSetName = RangeSet)]
        public string EndExecId { get; set; }

        protected override void EndProcessing()
        {
            var session = ActiveSession;
            string begin, end = null;
            DateTime? since = null;
            if (ParameterSetName == RangeSet)
            {
                begin = CheckExecId(BeginExecId, nameof(BeginExecId));
                if (!string.IsNullOrWhiteSpace(EndExecId))
                {
                    end = CheckExecId(EndExecId, nameof(EndExecId));
                    if (FixExecId.Compare(begin, end) > 0)
                        ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-EndExecId {end} comes before -BeginExecId {begin}."), "KalshiInvalidArgument", ErrorCategory.InvalidArgument, end));
                }
            }
            else
            {
                since = OrderValidation.ToUtc(Since);
                var now = session.Time.GetUtcNow().UtcDateTime;
                if (since.Value < now - Window)
                    WriteWarning($"-Since {since.Value:u} is more than 3 hours ago; Kalshi's drop copy keeps the last 3 hours only. Get-KalshiFill and Get-KalshiOrder (REST) cover older events.");
                begin = session.Fix.Executions.OldestAtOrAfter(since.Value);
                WriteVerbose(begin != null
                    ? $"-Since {since.Value:u}: the oldest ExecID this session saw at or after it is {begin}; asking from there."
                    : $"-Since {since.Value:u}: this session saw no ExecID at or after it; asking for the whole 3-hour window ({WholeWindow}) and filtering by TransactTime.");
                begin = begin ?? WholeWindow;
            }

            var own = session.Fix.Get(KalshiFixSessionType.DropCopy);
            var trace = own?.Trace ?? new FixTrace();
            Exception failure = null;
            RunFix(trace, async ct =>
            {
                KalshiFixConnection opened = null;
                try
                {
                    var dc = own;
                    if (dc == null)
                    {
                        EmitVerbose("No drop-copy connection on this session; opening one for this call.");
                        opened = dc = await FixConnector.ConnectAsync(session, new FixConnectRequest { Kind = KalshiFixSessionType.DropCopy }, Environment.GetEnvironmentVariable, trace, ct).ConfigureAwait(false);
                    }
                    await ResendAsync(dc, begin, end, since, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && !(e is OutOfMemoryException)) { failure = e; }
                finally
                {
                    if (opened != null)
                    {
                        try { await opened.DisconnectAsync(null, CancellationToken.None).ConfigureAwait(false); }
                        catch (Exception e) when (!(e is OutOfMemoryException)) { EmitVerbose("Closing the drop-copy connection: " + e.Message); }
                        if (session.Fix.Last(KalshiFixSessionType.DropCopy) == opened) session.Fix.Remove(KalshiFixSessionType.DropCopy);
                    }
                }
            });
            if (failure != null) ThrowTerminatingError(failure is DropCopyRefused ? new ErrorRecord(failure, "KalshiFixDropCopyRejected", ErrorCategory.InvalidOperation, begin) : FixError(failure, begin));
        }

        private async Task ResendAsync(KalshiFixConnection dc, string begin, string end, DateTime? since, CancellationToken ct)
        {
            using (var sub = dc.Subscribe(m => m.MsgType == FixAppMsgTypes.ExecutionReport || m.MsgType == FixAppMsgTypes.EventResendComplete
                || m.MsgType == FixAppMsgTypes.EventResendReject || m.MsgType == FixMsgTypes.Reject || m.MsgType == FixAppMsgTypes.BusinessMessageReject))
            {
                var seq = await dc.SendAsync(new FixEventResendRequest { BeginExecId = begin, EndExecId = end }.ToMessage(), ct).ConfigureAwait(false);
                int received = 0, written = 0;
                while (true)
                {
                    EmitFixTrace();
                    FixDelivery d;
                    using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ct))
                    {
                        var take = sub.TakeAsync(idle.Token);
                        var timeout = dc.Time.Delay(dc.Settings.ResponseTimeout, idle.Token);
                        if (await Task.WhenAny(take, timeout).ConfigureAwait(false) != take)
                        {
                            ct.ThrowIfCancellationRequested();
                            throw new TimeoutException(string.Format(CultureInfo.InvariantCulture,
                                "Kalshi's drop copy sent nothing for {0:0.#} s before EventResendComplete ({1} reports received); ask again, perhaps for a narrower range (-BeginExecId/-EndExecId).",
                                dc.Settings.ResponseTimeout.TotalSeconds, received));
                        }
                        idle.Cancel();
                        d = await take.ConfigureAwait(false);
                    }
                    if (d.DroppedBefore > 0) EmitWarning($"Get-KalshiDropCopy: {d.DroppedBefore} resent reports were missed (the reader fell behind); ask again from the last ExecID written.");
                    if (d.IsEnd) throw new InvalidOperationException($"The drop-copy connection closed before EventResendComplete ({sub.EndReason}); {received} reports were received.");
                    var m = d.Message;
                    switch (m.MsgType)
                    {
                        case FixAppMsgTypes.ExecutionReport:
                            if (!FixExecutionReport.TryParse(m, out var er, out var error)) { EmitWarning("Get-KalshiDropCopy: a resent ExecutionReport could not be read (" + error + ")."); continue; }
                            received++;
                            if (since.HasValue && er.TransactTime.HasValue && er.TransactTime.Value.UtcDateTime < since.Value) continue;
                            written++;
                            EmitFixObject(FixOrderTranslation.ToExecution(er, "DropCopy", false));
                            continue;
                        case FixAppMsgTypes.EventResendComplete:
                            if (FixEventResendComplete.TryParse(m, out var done, out _) && done.RefSeqNum != 0 && done.RefSeqNum != seq) continue; // another request's
                            EmitVerbose(string.Format(CultureInfo.InvariantCulture, "Kalshi resent {0} reports ({1} received, {2} written).", done?.ResentEventCount ?? received, received, written));
                            if (done != null && done.ResentEventCount != received)
                                EmitWarning(string.Format(CultureInfo.InvariantCulture, "Get-KalshiDropCopy: Kalshi says it resent {0} reports, {1} arrived.", done.ResentEventCount, received));
                            return;
                        case FixAppMsgTypes.EventResendReject:
                            FixEventResendReject.TryParse(m, out var reject, out _);
                            if (reject != null && reject.RefSeqNum != 0 && reject.RefSeqNum != seq) continue;
                            throw new DropCopyRefused(begin, end, reject, ParameterSetName == SinceSet);
                        default:
                            if (m.TryGetInt(FixTags.RefSeqNum, out var refSeq) && refSeq != seq) continue;
                            throw new DropCopyRefused("Kalshi rejected the EventResendRequest: " + (m.Get(FixTags.Text) ?? m.ToString()));
                    }
                }
            }
        }

        private string CheckExecId(string raw, string parameter)
        {
            var value = raw?.Trim();
            if (!FixExecId.TryParse(value, out _, out _))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-{parameter} '{raw}' is not an ExecID: Kalshi's ExecIDs are two numbers joined by ';' (e.g. '12345;67890'), as Watch-KalshiExecution shows them."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, raw));
            return value;
        }

        /// <summary>EventResendReject (or a reject of the request), with what to do.</summary>
        private sealed class DropCopyRefused : InvalidOperationException
        {
            public DropCopyRefused(string message) : base(message) { }
            public DropCopyRefused(string begin, string end, FixEventResendReject reject, bool fromSince)
                : base($"Kalshi's drop copy refused to resend from {begin}{(end != null ? " to " + end : "")}: {reject?.Describe() ?? "no reason given."}"
                    + (reject?.Text != null ? " (" + reject.Text + ")" : "")
                    + (fromSince && reject?.Reason == FixEventResendRejectReason.BeginOutsideWindow
                        ? " This session had seen no ExecID at or after -Since to start from; pass -BeginExecId with one from Watch-KalshiExecution or an earlier Get-KalshiDropCopy."
                        : "")) { }
        }
    }
}
