using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lets -Duration take a TimeSpan ("00:00:30") or a number of seconds (30, 2.5).</summary>
    public sealed class SecondsToTimeSpanAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var secs):
                    return TimeSpan.FromSeconds(secs);
                default: return inputData;
            }
        }
    }

    /// <summary>
    /// Refuses a TimeSpan of zero or less (or, with <see cref="AllowZero"/>, less than zero) at binding time, so
    /// `-Duration 0` is an error instead of a stream that never ends.
    /// </summary>
    public sealed class ValidatePositiveTimeSpanAttribute : ValidateArgumentsAttribute
    {
        /// <summary>Zero is valid (e.g. -Interval 0 = every change).</summary>
        public bool AllowZero { get; set; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject pso ? pso.BaseObject : arguments;
            if (!(value is TimeSpan span)) return;
            if (span > TimeSpan.Zero || (AllowZero && span == TimeSpan.Zero)) return;
            throw new ValidationMetadataException(AllowZero
                ? $"The value {span} is negative. Give a TimeSpan (00:00:00.5) or a number of seconds (0.5), or 0."
                : $"The value {span} is not more than zero. Give a TimeSpan (00:00:30) or a number of seconds (30), or leave the parameter out to watch until stopped (Ctrl+C).");
        }
    }

    /// <summary>
    /// Base of the Watch-* cmdlets: one WebSocket connection per invocation, run on the thread pool; its output goes
    /// through a bounded <see cref="StreamOutbox"/> that this class drains on the pipeline thread (the only thread that
    /// calls Write*). Ends on Ctrl+C (StopProcessing), -Duration, -First, or a downstream stop, and then closes the
    /// socket and waits for the stream task before returning.
    /// </summary>
    public abstract class WatchKalshiCmdlet : KalshiCmdlet
    {
        /// <summary>Items waiting for the pipeline before the receive loop blocks.</summary>
        internal const int QueueCapacity = 1000;
        private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);
        /// <summary>How long the end of -Duration may spend writing what was already received (at most the whole queue).</summary>
        internal static readonly TimeSpan DrainBudget = TimeSpan.FromSeconds(2);

        /// <summary>How long to watch: a TimeSpan or a number of seconds (more than zero). Default: until stopped.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        [ValidatePositiveTimeSpan]
        public TimeSpan Duration { get; set; }

        /// <summary>Stop after this many objects.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        private CancellationToken _streamStop;

        /// <summary>Fires when the stream must end (Ctrl+C, -Duration, -First, downstream stop); for blocking hand-offs.</summary>
        internal CancellationToken StreamStopping => _streamStop;

        /// <summary>Runs one stream until a stop condition; <paramref name="createHandler"/> gets the outbox to feed.</summary>
        internal void RunStream(Func<StreamOutbox, ChannelHandler> createHandler, TimeSpan interval = default)
        {
            var session = ActiveSession;
            var outbox = new StreamOutbox(QueueCapacity, interval);
            var handler = createHandler(outbox);
            if (LiveTickers != null && handler is ChannelHandler channel) channel.Follow(LiveTickers);
            KalshiStream stream;
            try { stream = new KalshiStream(StreamSettings.From(session), handler, n => outbox.Notify(n)); }
            catch (KalshiStreamException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "KalshiStreamUnavailable", ErrorCategory.AuthenticationError, null));
                return;
            }
            // State posted during a burst of frames wakes the pipeline thread once per burst, not once per frame.
            outbox.HoldUntilFlush = true;
            stream.BurstEnded = outbox.Flush;
            stream.BurstLength = KalshiStream.BurstFor(handler.Tickers?.Count ?? 1);
            RunPump(outbox, stream.RunAsync);
        }

        /// <summary>
        /// Drains <paramref name="outbox"/> on the pipeline thread while <paramref name="pump"/> (a WebSocket stream, a
        /// FIX subscription) feeds it on the thread pool, until a stop condition; then stops the pump and waits for it.
        /// The pump must return when its token is cancelled; its failure becomes this cmdlet's terminating error.
        /// </summary>
        internal void RunPump(StreamOutbox outbox, Func<CancellationToken, Task> pump)
        {
            ActiveSession.NoteCall(); // a starting stream (WebSocket or FIX) cancels the idle session's rehearsal
            var cts = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            _streamStop = cts.Token;
            var log = new NoticeLog(outbox);
            var task = Task.Run(async () =>
            {
                RequestLog.Current = log;
                try { await pump(cts.Token).ConfigureAwait(false); }
                finally { outbox.Complete(fromProducer: true); }
            });

            var clock = Stopwatch.StartNew();
            bool timed = Duration > TimeSpan.Zero;
            // Receiving ends at -Duration even while a slow consumer holds the pipeline thread; what came before is drained.
            if (timed) cts.CancelAfter(Duration);
            int emitted = 0;
            var end = StreamEnd.Stream;
            try
            {
                while (true)
                {
                    var wait = TimeSpan.FromSeconds(1);
                    if (timed)
                    {
                        var left = Duration - clock.Elapsed;
                        if (left <= TimeSpan.Zero) { end = StreamEnd.Duration; break; }
                        if (left < wait) wait = left;
                    }
                    var result = outbox.TryTake(wait, StopToken, out var item);
                    if (result == TakeResult.Completed)
                    {
                        if (timed && cts.IsCancellationRequested && !StopToken.IsCancellationRequested) end = StreamEnd.Duration; // the CancelAfter timer came first
                        break;
                    }
                    if (result == TakeResult.Timeout) continue;
                    if (WriteNotice(item))
                    {
                        if (item is StreamRefusal refusal && refusal.NothingLeft) { end = StreamEnd.NothingToWatch; break; }
                        continue;
                    }
                    WriteObject(item);
                    if (First > 0 && ++emitted >= First) { end = StreamEnd.First; break; }
                }
                // Stop receiving first, so the count of what was not written is final.
                StopReceiving(cts, task);
                if (end == StreamEnd.Duration) Drain(outbox);
                ReportUnwritten(outbox, end);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                Shutdown(cts, task, outbox);
                throw new PipelineStoppedException();
            }
            catch
            {
                Shutdown(cts, task, outbox); // e.g. Select-Object -First downstream
                throw;
            }
            Shutdown(cts, task, outbox);
            if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            if (task.IsFaulted)
            {
                var e = task.Exception.GetBaseException();
                var category = e is KalshiStreamException kse && kse.Code == 9 ? ErrorCategory.AuthenticationError : ErrorCategory.ConnectionError;
                ThrowTerminatingError(e is KalshiStreamException
                    ? new ErrorRecord(e, "KalshiStreamFailed", category, null)
                    : ErrorRecords.From(e, null));
            }
        }

        private enum StreamEnd { Stream, Duration, First, NothingToWatch }

        // -Verbose given, or $VerbosePreference asks for it: only then is each FIX message formatted as a line.
        internal bool VerboseWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var given)) return given is SwitchParameter sw ? sw.IsPresent : true;
            var pref = GetVariableValue("VerbosePreference");
            if (pref is PSObject pso) pref = pso.BaseObject;
            return pref is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }

        /// <summary>The live ticker source the stream follows (-TickerSource), if any.</summary>
        internal TickerFeed LiveTickers { get; set; }

        /// <summary>What this cmdlet streams, plural, for messages ("fills").</summary>
        internal virtual string ItemNoun => "items";

        /// <summary>Your own account's events (fills, orders, positions): left-over ones are a warning even past -First.</summary>
        internal virtual bool AccountData => false;

        /// <summary>How to get what was not written (e.g. the Get-KalshiFill line); null when there is none.</summary>
        internal virtual string UnwrittenHint(IReadOnlyList<object> unwritten) => null;

        /// <summary>Cancels the stream and waits for its task (the close handshake), so nothing more is received.</summary>
        private void StopReceiving(CancellationTokenSource cts, Task task)
        {
            cts.Cancel();
            try { task.Wait(ShutdownWait); } catch (AggregateException) { /* reported by the caller */ }
        }

        /// <summary>Writes what was received before -Duration ended, for at most <see cref="DrainBudget"/>.</summary>
        private void Drain(StreamOutbox outbox)
        {
            var clock = Stopwatch.StartNew();
            int written = 0;
            while (clock.Elapsed < DrainBudget && written < outbox.Capacity + 1)
            {
                if (outbox.TryTake(TimeSpan.Zero, StopToken, out var item) != TakeResult.Item) break;
                if (WriteNotice(item)) continue;
                WriteObject(item);
                written++;
            }
            if (written > 0) WriteVerbose($"{MyInvocation.MyCommand.Name}: wrote {written} {ItemNoun} received before -Duration ended.");
        }

        private void ReportUnwritten(StreamOutbox outbox, StreamEnd end)
        {
            var left = outbox.TakeUnwritten(out var notices);
            foreach (var n in notices) WriteNotice(n); // e.g. warnings from closing the socket
            if (left.Count == 0) return;
            string why = end == StreamEnd.First ? $"-First {First} was reached"
                : end == StreamEnd.Duration ? $"-Duration ended and the pipeline took them more slowly than they arrived (drain limit {DrainBudget.TotalSeconds:0.#} s)"
                : "the stream ended";
            var hint = UnwrittenHint(left);
            var text = $"{MyInvocation.MyCommand.Name}: {left.Count} {ItemNoun} received but not written ({why}; {outbox.Received} received in all).{(hint != null ? " " + hint : "")}";
            if (end == StreamEnd.First && !AccountData) WriteVerbose(text); else WriteWarning(text);
        }

        /// <summary>Writes a notice (warning, verbose line) or a ticker refusal (error); false for data.</summary>
        private bool WriteNotice(object item)
        {
            switch (item)
            {
                case StreamRefusal refusal: WriteError(TickerRefused(refusal)); return true;
                case StreamNotice notice:
                    if (notice.IsWarning) WriteWarning(notice.Text); else WriteVerbose(notice.Text);
                    return true;
                default: return false;
            }
        }

        /// <summary>The server refused one market of the subscription: an error for that ticker, the others go on.</summary>
        private static ErrorRecord TickerRefused(StreamRefusal refusal)
        {
            var e = new ItemNotFoundException($"Kalshi refused to stream market '{refusal.Ticker}': {refusal.Text}. Check the ticker (Get-KalshiMarket lists markets).");
            return new ErrorRecord(e, "KalshiNotFound", ErrorCategory.ObjectNotFound, refusal.Ticker);
        }

        private void Shutdown(CancellationTokenSource cts, Task task, StreamOutbox outbox)
        {
            cts.Cancel();
            outbox.Complete(); // releases a receive loop blocked on a full queue
            try
            {
                if (!task.Wait(ShutdownWait))
                    WriteWarningSafe("Kalshi stream: the connection did not close in time; it was abandoned.");
            }
            catch (AggregateException) { /* reported by the caller when relevant */ }
            // Warnings queued while closing.
            while (outbox.TryTake(TimeSpan.Zero, CancellationToken.None, out var item) == TakeResult.Item)
                if (item is StreamNotice n && n.IsWarning) WriteWarningSafe(n.Text);
            cts.Dispose();
        }

        private void WriteWarningSafe(string text)
        {
            try { WriteWarning(text); } catch (PipelineStoppedException) { } catch (InvalidOperationException) { }
        }

        /// <summary>Normalizes -Ticker values (trim, upper case, distinct).</summary>
        internal static List<string> NormalizeTickers(IEnumerable<string> tickers)
        {
            var list = new List<string>();
            if (tickers == null) return list;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var t in tickers)
            {
                if (string.IsNullOrWhiteSpace(t)) continue;
                var n = t.Trim().ToUpperInvariant();
                if (seen.Add(n)) list.Add(n);
            }
            return list;
        }

        /// <summary>
        /// The tickers Kalshi knows, checked by REST before subscribing (the stream itself says nothing about a market
        /// that does not exist); each unknown one is a non-terminating ObjectNotFound error.
        /// </summary>
        internal List<string> KnownTickers(List<string> tickers)
        {
            const int perRequest = 100;
            var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            RunAsync(async ct =>
            {
                for (int i = 0; i < tickers.Count; i += perRequest)
                {
                    var batch = tickers.GetRange(i, Math.Min(perRequest, tickers.Count - i));
                    await foreach (var page in MarketData.ListMarkets(new Api.MarketQuery { Tickers = batch }, perRequest, ct).ConfigureAwait(false))
                        foreach (var m in page.Items) known.Add(m.Ticker);
                }
            });
            foreach (var missing in tickers.Where(t => !known.Contains(t)))
                WriteError(ErrorRecords.From(KalshiApiException.MarketMissing(missing, "/markets"), missing));
            return tickers.Where(known.Contains).ToList();
        }

        private sealed class NoticeLog : IRequestLog
        {
            private readonly StreamOutbox _outbox;
            public NoticeLog(StreamOutbox outbox) { _outbox = outbox; }
            public void Verbose(string line) => _outbox.Notify(new StreamNotice(false, line));
            public void Warning(string line) => _outbox.Notify(new StreamNotice(true, line));
        }
    }

    /// <summary>Watch cmdlets with an optional market filter, taken from parameters and the pipeline.</summary>
    public abstract class WatchKalshiTickerFilteredCmdlet : WatchKalshiCmdlet
    {
        private readonly List<string> _tickers = new List<string>();

        /// <summary>Markets to watch (all when omitted).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(Completion.MarketTickerCompleter))]
        public string[] Ticker { get; set; }

        /// <summary>
        /// A live collection of tickers (a KalshiTickerSet, or an ObservableCollection[string]) the stream follows:
        /// adding or removing a ticker from any runspace changes the running subscription, on the same connection.
        /// </summary>
        [Parameter]
        public System.Collections.Specialized.INotifyCollectionChanged TickerSource { get; set; }

        protected override void ProcessRecord()
        {
            if (Ticker != null) _tickers.AddRange(Ticker);
        }

        /// <summary>Public channels check -Ticker up front (see <see cref="WatchKalshiCmdlet.KnownTickers"/>); private ones filter your own data.</summary>
        internal virtual bool ChecksTickers => false;

        protected override void EndProcessing()
        {
            var tickers = NormalizeTickers(_tickers);
            if (ChecksTickers && tickers.Count > 0)
            {
                tickers = KnownTickers(tickers);
                if (tickers.Count == 0) return;
            }
            if (TickerSource == null) { Run(tickers); return; }
            if (!(TickerSource is System.Collections.IEnumerable))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-TickerSource must be a collection of tickers: a KalshiTickerSet or an ObservableCollection[string]."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, TickerSource));
                return;
            }
            using (var feed = new TickerFeed(TickerSource))
            {
                LiveTickers = feed;
                try { Run(tickers); }
                finally { LiveTickers = null; }
            }
        }

        internal abstract void Run(List<string> tickers);
    }
}
