using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>One page of a cursor-paginated list.</summary>
    internal sealed class Page<T>
    {
        public Page(int number, IReadOnlyList<T> items, bool isLast) { Number = number; Items = items; IsLast = isLast; }
        public int Number { get; }
        public IReadOnlyList<T> Items { get; }
        public bool IsLast { get; }
    }

    /// <summary>
    /// Kalshi's cursor pagination: same filters every page, the previous page's cursor passed back unchanged, stop on
    /// an empty cursor. Pages are yielded as they arrive so cmdlets can stream items and stop early.
    /// </summary>
    internal static class Pager
    {
        public static async IAsyncEnumerable<Page<T>> ReadAsync<T>(
            KalshiHttpPipeline http,
            Func<KalshiRequest> newRequest,
            string itemsField,
            Func<JsonElement, T> map,
            [EnumeratorCancellation] CancellationToken ct)
        {
            string cursor = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var number = 1; ; number++)
            {
                var request = newRequest().With("cursor", cursor);
                List<T> items;
                using (var doc = await http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    var root = doc?.RootElement ?? default;
                    items = new List<T>();
                    var array = root.Arr(itemsField);
                    if (array != null) foreach (var item in array.Value.EnumerateArray()) items.Add(map(item));
                    cursor = root.Str("cursor");
                }
                var last = string.IsNullOrEmpty(cursor);
                if (!last && !seen.Add(cursor))
                    throw new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, request.Method, request.Path,
                        new KalshiErrorBody { Message = "the server returned the same page cursor twice; stopping to avoid an endless loop" });
                yield return new Page<T>(number, items, last);
                if (last) yield break;
            }
        }
    }
}
