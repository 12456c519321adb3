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
        private readonly Action _prefetch;
        public Page(int number, IReadOnlyList<T> items, bool isLast, Action prefetch = null)
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
        public void PrefetchNext() => _prefetch?.Invoke();
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
            try
            {
                for (var number = 1; ; number++)
                {
                    var request = newRequest().With("cursor", cursor);
                    var body = await (next ?? Fetch(http, request, itemsField, read, ct)).ConfigureAwait(false) ?? new PageBody<T>();
                    next = null;
                    cursor = body.Cursor;
                    var last = string.IsNullOrEmpty(cursor);
                    if (!last && !seen.Add(cursor))
                        throw new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, request.Method, request.Path,
                            new KalshiErrorBody { Message = "the server returned the same page cursor twice; stopping to avoid an endless loop" });
                    var nextCursor = cursor;
                    Action prefetch = last ? (Action)null : () =>
                    {
                        // On the pool: signing and sending happen alongside the caller's writing, not before it.
                        if (next == null) next = Task.Run(() => Fetch(http, newRequest().With("cursor", nextCursor), itemsField, read, ct));
                    };
                    yield return new Page<T>(number, body.Items ?? new List<T>(), last, prefetch);
                    if (last) yield break;
                }
            }
            finally
            {
                // A prefetch nobody waited for (the consumer stopped): observe its outcome so a failure is not unobserved.
                next?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }

        private static Task<PageBody<T>> Fetch<T>(KalshiHttpPipeline http, KalshiRequest request, string itemsField, ReadValue<T> read, CancellationToken ct) =>
            http.SendAsync(request, (ref Utf8JsonReader r) => ReadPage(ref r, itemsField, read), ct);

        /// <summary>{ itemsField: [objects...], cursor: "..." } in any order; non-object items are dropped.</summary>
        private static PageBody<T> ReadPage<T>(ref Utf8JsonReader r, string itemsField, ReadValue<T> read)
        {
            var page = new PageBody<T>();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return page; }
            while (r.NextProperty(out var field))
            {
                if (field.SequenceEqual(itemsField.AsSpan())) page.Items = r.Objects(read);
                else if (field.SequenceEqual("cursor".AsSpan()) || field.SequenceEqual("next_cursor".AsSpan())) page.Cursor = r.Str(); // next_cursor: incentive programs
                else r.Skip();
            }
            return page;
        }

        private sealed class PageBody<T>
        {
            public List<T> Items;
            public string Cursor;
        }
    }
}
