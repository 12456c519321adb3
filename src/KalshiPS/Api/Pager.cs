using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Wire;
using KalshiPS.Models;

namespace KalshiPS.Api
{
    /// <summary>One page of a cursor-paginated list.</summary>
    internal sealed class Page<T>
    {
        private readonly Action<ulong> _prefetch;
        public Page(int number, IReadOnlyList<T> items, bool isLast, Action<ulong> prefetch = null)
        {
            Number = number; Items = items; IsLast = isLast; _prefetch = prefetch;
        }
        public int Number { get; }
        public IReadOnlyList<T> Items { get; }
        public bool IsLast { get; }

        /// <summary>
        /// Requests the next page now, while this one is being written, instead of when the enumerator is asked for
        /// it. Callers that know they need more items (e.g. -First not yet reached) call it; nothing is fetched that
        /// would not be needed. Idempotent; no-op on the last page.
        /// </summary>
        public void PrefetchNext() => PrefetchNext(0);

        /// <summary>
        /// As <see cref="PrefetchNext()"/>, telling how many items are still wanted after this page (ulong.MaxValue:
        /// all of them). When that is more than a full next page, the page after it is certainly needed too, and is
        /// requested as soon as the next page's cursor arrives, while the next page is still being read.
        /// </summary>
        public void PrefetchNext(ulong wanted) => _prefetch?.Invoke(wanted);
    }

    /// <summary>
    /// Kalshi's cursor pagination: same filters every page, the previous page's cursor passed back unchanged, stop on
    /// an empty cursor. Pages are yielded as they arrive so cmdlets can stream items and stop early.
    /// </summary>
    internal static class Pager
    {
        /// <summary>Every item of every page, in order (for reads that need the whole list, e.g. stream reconciliation).</summary>
        public static async Task<IReadOnlyList<T>> AllAsync<T>(IAsyncEnumerable<Page<T>> pages)
        {
            var all = new List<T>();
            await foreach (var page in pages.ConfigureAwait(false)) all.AddRange(page.Items);
            return all;
        }

        public static async IAsyncEnumerable<Page<T>> ReadAsync<T>(
            KalshiHttpPipeline http,
            Func<KalshiRequest> newRequest,
            string itemsField,
            ReadValue<T> read,
            [EnumeratorCancellation] CancellationToken ct)
        {
            string cursor = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Task<PageBody<T>> next = null;
            PageBody<T> nextBody = null;
            try
            {
                for (var number = 1; ; number++)
                {
                    var request = newRequest().With("cursor", cursor);
                    var limit = request.Limit;
                    PageBody<T> body;
                    if (next != null) body = await next.ConfigureAwait(false);
                    else body = await Fetch(http, request, itemsField, read, new PageBody<T>(), ct).ConfigureAwait(false);
                    body = body ?? new PageBody<T>();
                    next = null; nextBody = null;
                    cursor = body.Cursor;
                    var last = string.IsNullOrEmpty(cursor);
                    if (!last && !seen.Add(cursor))
                        throw new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, request.Method, request.Path,
                            new KalshiErrorBody { Message = "the server returned the same page cursor twice; stopping to avoid an endless loop" });
                    // The page after this one may be on its way already (read ahead for the cursor this body carried).
                    var ahead = body.TakeReadAhead(cursor);
                    if (ahead != null) { next = ahead.Value.Task; nextBody = ahead.Value.Body; }
                    var nextCursor = cursor;
                    Action<ulong> prefetch = last ? (Action<ulong>)null : wanted =>
                    {
                        // Read ahead only while the items still wanted exceed a full page: -First never costs a request
                        // it does not need. At most one page is requested beyond the one being prefetched.
                        var permit = limit > 0 && wanted > (ulong)limit;
                        if (next == null)
                        {
                            var fresh = new PageBody<T>();
                            if (permit) fresh.Permit(FetchAt);
                            nextBody = fresh;
                            // On the pool: signing and sending happen alongside the caller's writing, not before it.
                            next = Task.Run(() => Fetch(http, newRequest().With("cursor", nextCursor), itemsField, read, fresh, ct));
                        }
                        else if (permit) nextBody?.Permit(FetchAt);
                    };
                    yield return new Page<T>(number, body.Items ?? new List<T>(), last, prefetch);
                    if (last) yield break;
                }
            }
            finally
            {
                // A prefetch nobody waited for (the consumer stopped): observe its outcome so a failure is not unobserved.
                Observe(next);
                Observe(nextBody?.AbandonReadAhead());
            }

            // The page at cursor c, read ahead: it gets no read-ahead of its own until the consumer asks (PrefetchNext).
            (Task<PageBody<T>> Task, PageBody<T> Body) FetchAt(string c)
            {
                var body = new PageBody<T>();
                return (Task.Run(() => Fetch(http, newRequest().With("cursor", c), itemsField, read, body, ct)), body);
            }
        }

        private static void Observe<TResult>(Task<TResult> task) =>
            task?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        /// <summary>
        /// One page's request. When the body arrives and its page may read ahead (<see cref="PageBody{T}.Permit"/>),
        /// the next cursor is looked for in the raw body (<see cref="NextCursor"/>) and the next request sent at once,
        /// while this body is still being read.
        /// </summary>
        private static Task<PageBody<T>> Fetch<T>(KalshiHttpPipeline http, KalshiRequest request, string itemsField, ReadValue<T> read, PageBody<T> page, CancellationToken ct) =>
            http.SendAsync(request, (ref Utf8JsonReader r) => ReadPage(ref r, itemsField, read, page), page.Arrived, ct);

        /// <summary>{ itemsField: [objects...], cursor: "..." } in any order; non-object items are dropped.</summary>
        private static PageBody<T> ReadPage<T>(ref Utf8JsonReader r, string itemsField, ReadValue<T> read, PageBody<T> page)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return page; }
            while (r.NextProperty(out var field))
            {
                if (field.SequenceEqual(itemsField.AsSpan())) page.Items = r.Objects(read);
                else if (field.SequenceEqual("cursor".AsSpan()) || field.SequenceEqual("next_cursor".AsSpan())) page.Cursor = r.Str(); // next_cursor: incentive programs
                else r.Skip();
            }
            return page;
        }

        /// <summary>
        /// One page as read, and its read-ahead: the request for the page after it, sent when both its body has arrived
        /// (with a cursor found in it) and the consumer has permitted it, whichever comes second.
        /// </summary>
        private sealed class PageBody<T>
        {
            public List<T> Items;
            public string Cursor;

            private readonly object _gate = new object();
            private string _early;
            private bool _arrived;
            private Func<string, (Task<PageBody<T>> Task, PageBody<T> Body)> _permit;
            private (Task<PageBody<T>> Task, PageBody<T> Body)? _ahead;
            private bool _abandoned;

            /// <summary>The consumer will want the page after this one, if there is one.</summary>
            public void Permit(Func<string, (Task<PageBody<T>>, PageBody<T>)> fetch)
            {
                lock (_gate)
                {
                    if (_permit != null || _abandoned) return;
                    _permit = fetch;
                    if (_arrived && _early != null && _ahead == null) _ahead = fetch(_early);
                }
            }

            /// <summary>The raw body arrived: note its next cursor (when it is found without reading the items).</summary>
            public void Arrived(ReadOnlySpan<byte> utf8)
            {
                var early = NextCursor.Find(utf8);
                lock (_gate)
                {
                    _arrived = true;
                    _early = early;
                    if (_permit != null && early != null && _ahead == null && !_abandoned) _ahead = _permit(early);
                }
            }

            /// <summary>
            /// The read-ahead, if one was sent for exactly <paramref name="cursor"/> (the cursor the full read found);
            /// one sent for any other is abandoned. Either way nothing more is sent for this page.
            /// </summary>
            public (Task<PageBody<T>> Task, PageBody<T> Body)? TakeReadAhead(string cursor)
            {
                lock (_gate)
                {
                    _abandoned = true;
                    var ahead = _ahead;
                    _ahead = null;
                    if (ahead == null) return null;
                    if (!string.IsNullOrEmpty(cursor) && string.Equals(_early, cursor, StringComparison.Ordinal)) return ahead;
                    Observe(ahead.Value.Task);
                    return null;
                }
            }

            /// <summary>The consumer stopped: no read-ahead may start any more; the one in flight, if any, for observing.</summary>
            public Task<PageBody<T>> AbandonReadAhead()
            {
                lock (_gate)
                {
                    _abandoned = true;
                    var ahead = _ahead;
                    _ahead = null;
                    return ahead?.Task;
                }
            }
        }
    }
}
