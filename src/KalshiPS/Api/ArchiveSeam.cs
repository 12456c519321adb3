using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using System.Linq;

namespace KalshiPS.Api
{
    /// <summary>
    /// One listing across Kalshi's historical cutoff: the live pages, then the archive's, as one stream of pages.
    /// Records move into the archive while a listing runs, so an archived item already seen live is dropped (no
    /// duplicates at the seam). Nothing is requested before the consumer asks for it, so -First still stops early.
    /// </summary>
    internal static class ArchiveSeam
    {
        /// <param name="live">The live listing, or null when the filters rule live records out.</param>
        /// <param name="archive">Starts the archive listing, or null when the filters rule archived records out.</param>
        /// <param name="key">An item's identity (order id, fill id, ticker, ...).</param>
        /// <param name="keepArchived">Filters the archive endpoint lacks, applied here (null = keep all).</param>
        public static IAsyncEnumerable<Page<T>> Concat<T>(IAsyncEnumerable<Page<T>> live, Func<IAsyncEnumerable<Page<T>>> archive,
            Func<T, string> key, Func<T, bool> keepArchived = null) =>
            archive == null && live != null ? live : Both(live, archive, key, keepArchived); // live only: the pages as they are

        private static async IAsyncEnumerable<Page<T>> Both<T>(IAsyncEnumerable<Page<T>> live, Func<IAsyncEnumerable<Page<T>>> archive,
            Func<T, string> key, Func<T, bool> keepArchived)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var number = 0;
            if (live != null)
                await foreach (var page in live.ConfigureAwait(false))
                {
                    if (archive != null) foreach (var item in page.Items) { var k = key(item); if (k != null) seen.Add(k); }
                    yield return new Page<T>(++number, page.Items, archive == null && page.IsLast, page.PrefetchNext);
                }
            if (archive == null) { if (number == 0) yield return new Page<T>(1, new List<T>(), true); yield break; }
            await foreach (var page in archive().ConfigureAwait(false))
            {
                var items = page.Items.Where(i => (keepArchived == null || keepArchived(i)) && Unseen(seen, key(i))).ToList();
                yield return new Page<T>(++number, items, page.IsLast, page.PrefetchNext);
            }
        }

        private static bool Unseen(HashSet<string> seen, string key) => key == null || seen.Add(key);
    }
}
