using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Fix;
using KalshiPS.Fix.Client;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams the ExecutionReports of the session's FIX order-entry connection as they arrive: answers to this
    /// session's orders and unsolicited ones (fills against other participants, cancels made over REST, expiry).
    /// Written on the pipeline thread through the Watch-* drain loop (RunPump); ends on Ctrl+C, -Duration, -First (or
    /// Select-Object -First), or when the connection closes. The connection never waits for this command: if it reads too slowly, reports are missed,
    /// counted, and the warning names the Get-KalshiDropCopy call that recovers them.
    /// </summary>
    [Cmdlet(VerbsCommon.Watch, "KalshiExecution", HelpUri = HelpUris.Root + "Watch-KalshiExecution.md")]
    [OutputType(typeof(KalshiExecution))]
    public sealed class WatchKalshiExecutionCommand : WatchKalshiCmdlet
    {
        private readonly List<string> _tickers = new List<string>();
        private readonly List<string> _clOrdIds = new List<string>();

        /// <summary>Only reports for these markets.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(Completion.MarketTickerCompleter))]
        public string[] Ticker { get; set; }

        /// <summary>Only reports for orders with these client order ids (ClOrdID 11, or OrigClOrdID 41 of a replace or cancel).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ClientOrderId")]
        public string[] ClOrdId { get; set; }

        /// <summary>Reports the watcher's queue holds before the oldest unread ones are missed.</summary>
        internal const int Capacity = 10000;

        internal override string ItemNoun => "execution reports";

        protected override void ProcessRecord()
        {
            if (Ticker != null) _tickers.AddRange(Ticker);
            if (ClOrdId != null) _clOrdIds.AddRange(ClOrdId.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()));
        }

        protected override void EndProcessing()
        {
            var fix = RequireFix(KalshiFixSessionType.OrderEntry);
            var tickers = new HashSet<string>(NormalizeTickers(_tickers), StringComparer.OrdinalIgnoreCase);
            var ids = new HashSet<string>(_clOrdIds, StringComparer.Ordinal);
            bool Wanted(FixMessage m) =>
                m.MsgType == FixAppMsgTypes.ExecutionReport
                && (tickers.Count == 0 || (m.Get(FixAppTags.Symbol) is string s && tickers.Contains(s)))
                && (ids.Count == 0 || (m.Get(FixAppTags.ClOrdID) is string c && ids.Contains(c)) || (m.Get(FixAppTags.OrigClOrdID) is string o && ids.Contains(o)));

            using (var trace = VerboseWanted() ? fix.Trace.Attach() : null)
            using (var sub = fix.Subscribe(Wanted, Capacity))
            {
                WriteVerbose($"Watching execution reports on {fix.Endpoint}.");
                var outbox = new StreamOutbox(QueueCapacity, TimeSpan.Zero);
                RunPump(outbox, async ct =>
                {
                    while (true)
                    {
                        var d = await sub.TakeAsync(ct).ConfigureAwait(false);
                        if (trace != null) foreach (var line in trace.Drain()) outbox.Notify(new StreamNotice(false, line));
                        if (d.DroppedBefore > 0) outbox.Notify(new StreamNotice(true, Missed(d.DroppedBefore, _lastExecId)));
                        if (d.IsEnd)
                            throw new FixConnectionLostException(sub.EndReason, "It is not reopened by itself. Run Connect-KalshiFix -SessionType OrderEntry again; Get-KalshiDropCopy"
                                + (_lastExecId != null ? " -BeginExecId '" + _lastExecId + "'" : " -Since <time>") + " recovers reports missed meanwhile.");
                        if (!FixExecutionReport.TryParse(d.Message, out var er, out var error))
                        {
                            outbox.Notify(new StreamNotice(true, "Watch-KalshiExecution: an ExecutionReport could not be read (" + error + "): " + d.Message));
                            continue;
                        }
                        _lastExecId = er.ExecId ?? _lastExecId;
                        outbox.Add(FixOrderTranslation.ToExecution(er, "OrderEntry", !FixAnswered.IsAnswer(d.Message)), ct);
                    }
                });
                if (sub.Dropped > 0) WriteWarning(Missed(sub.Dropped, _lastExecId) + " (in all)");
            }
        }

        // The receive task writes it, the pipeline thread reads it after the task ended (RunPump waits for it).
        private volatile string _lastExecId;

        internal override bool AccountData => true;

        internal override string UnwrittenHint(IReadOnlyList<object> unwritten) =>
            unwritten.OfType<KalshiExecution>().FirstOrDefault()?.ExecId is string first
                ? $"Get-KalshiDropCopy -BeginExecId '{first}' resends them."
                : null;

        private static string Missed(long count, string lastExecId) =>
            $"Watch-KalshiExecution: {count} execution reports arrived faster than the pipeline took them and were not written. " +
            (lastExecId != null ? $"Get-KalshiDropCopy -BeginExecId '{lastExecId}' resends them." : "Get-KalshiDropCopy -Since <time> resends them.");
    }
}
