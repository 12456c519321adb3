using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>
    /// A session's first listing, rehearsed when the session is made: two canned pages each of fills and markets
    /// through a twin of its pipeline (<see cref="KalshiHttpPipeline.RehearsalTwin"/>: same code, signer and options; an
    /// in-process transport, a budget of its own). The first real call then finds the pager, the prefetch, the
    /// resilience pipelines, signing and the body reader compiled on their suspending paths, which a warm-up that
    /// completes synchronously never reaches. Nothing is sent; best effort.
    /// </summary>
    internal static class SessionRehearsal
    {
        /// <summary>
        /// True when both listings ran to their end (false: no twin for this pipeline, or something failed). Awaits
        /// throughout: a pool thread blocked here would starve a call's own pool work.
        /// </summary>
        public static async Task<bool> RunAsync(KalshiHttpPipeline http)
        {
            try
            {
                using (var twin = http.RehearsalTwin())
                {
                    if (twin == null) return false;
                    WireWarmup.Run();
                    await ListAsync(Pager.ReadAsync(twin, () => new KalshiRequest("GET", "/portfolio/fills").With("limit", 1).With("ticker", (string)null).With("min_ts", (long?)null),
                        "fills", PortfolioWire.Fill, CancellationToken.None)).ConfigureAwait(false);
                    await ListAsync(Pager.ReadAsync(twin, () => new KalshiRequest("GET", "/markets").With("limit", 1).With("status", (string)null),
                        "markets", MarketDataWire.Market, CancellationToken.None)).ConfigureAwait(false);
                    return true;
                }
            }
            catch (Exception) { return false; } // never fail the host (e.g. the session was closed meanwhile)
        }

        /// <summary>Reads every page the way list cmdlets do: the next page is requested while this one is handled.</summary>
        private static async Task ListAsync<T>(IAsyncEnumerable<Page<T>> pages)
        {
            await foreach (var page in pages.ConfigureAwait(false)) page.PrefetchNext(ulong.MaxValue);
        }
    }
}
