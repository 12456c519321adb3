using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Base of every API cmdlet: resolves the session, owns the cancellation that Ctrl+C fires, and runs async work
    /// while pumping its output on the pipeline thread (the only thread allowed to call Write*).
    /// </summary>
    public abstract partial class KalshiCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private BlockingCollection<Action> _outbox;
        private KalshiSession _resolved;

        /// <summary>The session to use; defaults to the one Connect-Kalshi made for this runspace.</summary>
        [Parameter]
        public KalshiSession Session { get; set; }

        /// <summary>Public market data works without credentials; everything else needs a key.</summary>
        protected virtual bool AllowsAnonymous => false;

        protected CancellationToken StopToken => _stop.Token;

        protected KalshiSession ActiveSession
        {
            get
            {
                if (_resolved != null) return _resolved;
                var session = Session ?? SessionStore.Default;
                if (session == null)
                {
                    try { session = SessionStore.Implicit(); }
                    catch (KalshiKeyException e) { ThrowTerminatingError(ErrorRecords.From(e, null)); }
                    catch (ArgumentException e) { ThrowTerminatingError(ErrorRecords.From(e, null)); } // e.g. a bad $env:KALSHI_API_KEY_ID
                }
                if (session.IsDisposed)
                    ThrowTerminatingError(new ErrorRecord(new ObjectDisposedException("KalshiSession", "This session was closed by Disconnect-Kalshi; run Connect-Kalshi again."),
                        "KalshiSessionClosed", ErrorCategory.ResourceUnavailable, session));
                if (!session.IsAuthenticated && !AllowsAnonymous) ThrowTerminatingError(ErrorRecords.NotConnected());
                return _resolved = session;
            }
        }

        internal MarketDataApi MarketData => new MarketDataApi(ActiveSession);
        internal OrdersApi Orders => new OrdersApi(ActiveSession);
        internal PortfolioApi Portfolio => new PortfolioApi(ActiveSession);

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool and executes what it queues (objects, verbose lines,
        /// progress, errors) here on the pipeline thread, as it is queued. Kalshi errors end the command as
        /// terminating errors; per-item errors should be sent with <see cref="EmitError"/> instead.
        /// </summary>
        protected void RunAsync(Func<CancellationToken, Task> work)
        {
            var session = ActiveSession; // resolve (and possibly fail) on the pipeline thread
            session.NoteCall();
            var outbox = new BlockingCollection<Action>(256);
            _outbox = outbox;
            var log = new OutboxLog(this);
            var task = Task.Run(async () =>
            {
                RequestLog.Current = log;
                try { await work(_stop.Token).ConfigureAwait(false); }
                finally { outbox.CompleteAdding(); }
            });

            try
            {
                foreach (var action in outbox.GetConsumingEnumerable(_stop.Token)) action();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch
            {
                // Downstream stopped us (Select-Object -First) or a Write failed: stop the producer too.
                _stop.Cancel();
                throw;
            }
            finally
            {
                _outbox = null;
            }

            try { task.GetAwaiter().GetResult(); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { throw new PipelineStoppedException(); }
            catch (Exception e) when (e is KalshiApiException || e is KalshiKeyException || e is ArgumentException)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
        }

        /// <summary>Runs async work that returns a value (no streaming), e.g. a lookup before ShouldProcess.</summary>
        protected T RunAsync<T>(Func<CancellationToken, Task<T>> work)
        {
            var result = default(T);
            RunAsync(async ct => { result = await work(ct).ConfigureAwait(false); });
            return result;
        }

        /// <summary>
        /// Streams the items of cursor pages as they arrive, honouring -Skip/-First (SupportsPaging) across calls and
        /// writing one progress record per page. Stops reading pages once -First is satisfied.
        /// </summary>
        internal async Task EmitPagesAsync<T>(IAsyncEnumerable<Page<T>> pages, string activity, Action<T> seen = null)
        {
            _listingRan = true;
            var progress = new ProgressRecord(1, activity, "Reading");
            var count = 0;
            var more = true;
            await foreach (var page in pages.ConfigureAwait(false))
            {
                count += page.Items.Count;
                _listed += (ulong)page.Items.Count;
                if (page.Number > 1 || !page.IsLast)
                {
                    progress.StatusDescription = $"Page {page.Number}: {count} items";
                    EmitProgress(progress);
                }
                var wantsMore = Paging.WantsMoreThan(page.Items.Count);
                var wanted = Paging.WantedAfter(page.Items.Count);
                var batch = new List<T>(page.Items.Count);
                foreach (var item in page.Items)
                {
                    seen?.Invoke(item);
                    if (!(more = Paging.Take())) break;
                    if (Paging.Skipping) continue;
                    batch.Add(item);
                }
                // One hand-off per page, not per item: the pipeline thread wakes once and writes them all. Item by
                // item: WriteObject(batch, true) would wrap each in a PSObject and copy the page into an ArrayList first.
                if (batch.Count > 0) Post(() => { foreach (var item in batch) WriteObject(item); });
                // The next page travels while this one is written, but only when -First still needs it.
                if (wantsMore) page.PrefetchNext(wanted);
                if (!more || Paging.Done) // -First reached: no request for a page nobody needs
                {
                    if (!more || !page.IsLast) _listingCut = true;
                    break;
                }
            }
            if (count > 0) { progress.RecordType = ProgressRecordType.Completed; EmitProgress(progress); }
        }

        /// <summary>True once -First items have been written; list cmdlets skip further requests.</summary>
        internal bool PagingDone => Paging.Done;

        private ulong _listed;
        private bool _listingCut, _listingRan;

        /// <summary>True (and the total count becomes unknown) when -First is satisfied, so a listing is not read.</summary>
        internal bool SkipListing()
        {
            if (!Paging.Done) return false;
            _listingCut = true;
            return true;
        }

        /// <summary>
        /// -IncludeTotalCount: the items the listings returned (skipped ones too), exact when every page was read;
        /// when -First stopped the reading the total is unknown (Kalshi reports no totals), and says so.
        /// </summary>
        protected void WriteTotalCount()
        {
            if (PagingParameters.IncludeTotalCount && (_listingRan || _listingCut))
                WriteObject(_listingCut ? PagingParameters.NewTotalCount(0, 0.0) : PagingParameters.NewTotalCount(_listed, 1.0));
        }

        private PagingState _paging;
        private PagingState Paging => _paging ?? (_paging = new PagingState(this));

        /// <summary>-Skip/-First bookkeeping shared by every call of one cmdlet invocation.</summary>
        private sealed class PagingState
        {
            private readonly ulong _skip, _first;
            private ulong _offered;
            public PagingState(PSCmdlet cmdlet)
            {
                var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(cmdlet.GetType(), typeof(CmdletAttribute));
                var paging = attribute?.SupportsPaging == true ? cmdlet.PagingParameters : null;
                _skip = paging?.Skip ?? 0;
                _first = paging?.First ?? ulong.MaxValue;
            }
            /// <summary>Counts one item; false when -First is already satisfied.</summary>
            public bool Take()
            {
                if (Done) return false;
                _offered++;
                return true;
            }
            public bool Skipping => _offered <= _skip;
            /// <summary>Will items beyond the next <paramref name="count"/> still be taken?</summary>
            public bool WantsMoreThan(int count) => _first == ulong.MaxValue || _skip + _first - _offered > (ulong)count;
            /// <summary>Items still wanted after the next <paramref name="count"/> (ulong.MaxValue without -First; 0 when none).</summary>
            public ulong WantedAfter(int count) => _first == ulong.MaxValue ? ulong.MaxValue : WantsMoreThan(count) ? _skip + _first - _offered - (ulong)count : 0;
            public bool Done => _first != ulong.MaxValue && _offered >= _skip + _first;
        }

        /// <summary>
        /// Checks a user value that becomes a path segment or id (see <see cref="Segment"/>); on failure writes an
        /// InvalidArgument error naming <paramref name="parameter"/> and returns false, before anything is sent.
        /// </summary>
        internal bool TrySegment(SegmentKind kind, string raw, string parameter, out string value)
        {
            try { value = Segment.Parse(kind, raw, parameter).Value; return true; }
            catch (InvalidSegmentException e) { WriteError(ErrorRecords.From(e, raw)); value = null; return false; }
        }

        /// <summary>
        /// The by-id shape of Get-* cmdlets: every value is checked as a path segment first (a bad one is an error for it
        /// alone and sends nothing), then one object is fetched and written per id in one background run. An id Kalshi
        /// does not know is an error for that id; any other failure ends the command.
        /// </summary>
        internal void EmitEach(SegmentKind kind, string[] values, string parameter, Func<Segment, CancellationToken, Task<object>> fetch)
        {
            var ids = new List<Segment>();
            foreach (var raw in values ?? new string[] { null })
                if (TrySegment(kind, raw, parameter, out var id)) ids.Add(Segment.Parse(kind, id, parameter));
            if (ids.Count == 0) return;
            RunAsync(async ct =>
            {
                foreach (var id in ids)
                {
                    try { Emit(await fetch(id, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, id.Value); }
                }
            });
        }

        /// <summary>An optional filter value: null/blank means "not given"; anything else must be valid.</summary>
        internal bool TryOptionalSegment(SegmentKind kind, string raw, string parameter, out string value)
        {
            value = null;
            return Segment.IsBlank(raw) || TrySegment(kind, raw, parameter, out value);
        }

        /// <summary>A -Start/-End window (candles, forecasts) must not be empty or inverted; checked before any request.</summary>
        protected void RequireTimeWindow(DateTime start, DateTime end)
        {
            if (end <= start)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-End must be later than -Start."), "KalshiInvalidArgument", ErrorCategory.InvalidArgument, end));
        }

        protected void Emit(object item) => Post(() => WriteObject(item));
        protected void EmitVerbose(string line) => Post(() => WriteVerbose(line));
        protected void EmitWarning(string line) => Post(() => WriteWarning(line));
        protected void EmitProgress(ProgressRecord record) => Post(() => WriteProgress(record));
        protected void EmitError(Exception e, object target) => Post(() => WriteError(ErrorRecords.From(e, target)));

        private void Post(Action action)
        {
            var outbox = _outbox;
            if (outbox == null) { action(); return; } // already on the pipeline thread
            outbox.Add(action, _stop.Token);
        }

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        private sealed class OutboxLog : IRequestLog
        {
            private readonly KalshiCmdlet _cmdlet;
            public OutboxLog(KalshiCmdlet cmdlet) { _cmdlet = cmdlet; }
            public void Verbose(string line) { try { _cmdlet.EmitVerbose(line); } catch (InvalidOperationException) { } catch (OperationCanceledException) { } }
            public void Warning(string line) { try { _cmdlet.EmitWarning(line); } catch (InvalidOperationException) { } catch (OperationCanceledException) { } }
        }
    }

    /// <summary>Base of the public market-data cmdlets, which need no credentials.</summary>
    public abstract class KalshiMarketDataCmdlet : KalshiCmdlet
    {
        protected override bool AllowsAnonymous => true;
    }
}
