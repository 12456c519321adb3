using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Session;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// What one command invocation knows about Kalshi's historical cutoff: the cutoff, read at most once however many
    /// pipeline items need it, and whether the "this listing may be incomplete" warning has been given yet.
    /// </summary>
    internal sealed class ArchiveReach
    {
        private readonly Func<KalshiSession> _session;
        private readonly Action<string> _warn;
        private Task<KalshiHistoricalCutoff> _cutoff;
        private int _warned;

        public ArchiveReach(Func<KalshiSession> session, Action<string> warn) { _session = session; _warn = warn; }

        public Task<KalshiHistoricalCutoff> CutoffAsync(CancellationToken ct) =>
            _cutoff ?? (_cutoff = new HistoricalApi(_session()).GetCutoffAsync(ct));

        /// <summary>The one warning per command that part of what was asked for is only in the archive.</summary>
        public void WarnOnce(string records, DateTime? cutoff)
        {
            if (Interlocked.Exchange(ref _warned, 1) == 1) return;
            var when = cutoff.HasValue ? cutoff.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "the historical cutoff";
            _warn($"{records} before {when} are only in Kalshi's archive: add -IncludeHistorical.");
        }

        /// <summary>
        /// A time-filtered listing (trades, fills, orders: filters in Unix seconds). Without -IncludeHistorical it is the
        /// live part alone, with the warning when its window starts before the cutoff; with it, the live part then the
        /// archive, each left out when the window rules it out (liveAlways: some records, resting orders, never move).
        /// </summary>
        public async Task<IAsyncEnumerable<Page<T>>> WindowAsync<T>(bool includeHistorical, long? minTs, long? maxTs,
            Func<KalshiHistoricalCutoff, DateTime?> cutoffOf, string records,
            Func<IAsyncEnumerable<Page<T>>> live, Func<IAsyncEnumerable<Page<T>>> archive, Func<T, string> key,
            Func<T, bool> keepArchived, bool liveAlways, CancellationToken ct)
        {
            if (!includeHistorical)
            {
                if (archive != null && (minTs.HasValue || maxTs.HasValue))
                {
                    var c = cutoffOf(await CutoffAsync(ct).ConfigureAwait(false));
                    if (c.HasValue && (!minTs.HasValue || At(minTs.Value) < c.Value)) WarnOnce(records, c);
                }
                return live();
            }
            var cutoff = cutoffOf(await CutoffAsync(ct).ConfigureAwait(false));
            // Filters are whole seconds compared with floor(time): a record at 12.5 passes max_ts=12, hence the +1.
            var noLive = !liveAlways && cutoff.HasValue && maxTs.HasValue && At(maxTs.Value + 1) <= cutoff.Value;
            var noArchive = archive == null || cutoff.HasValue && minTs.HasValue && At(minTs.Value) >= cutoff.Value;
            return ArchiveSeam.Concat(noLive ? null : live(), noArchive ? null : archive, key, keepArchived);
        }

        private static DateTime At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
    }
}
