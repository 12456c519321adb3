using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Base of list cmdlets declared with SupportsPaging: streams every page as it arrives, honours -Skip/-First
    /// (stopping the reads once -First is reached) and -IncludeTotalCount.
    /// </summary>
    public abstract class KalshiPagedCmdlet : KalshiCmdlet
    {
        private ulong _skipped;
        private ulong _emitted;
        private ulong _seen;

        /// <summary>Items per request (1-1000).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 200;

        internal bool PagingDone => PagingParameters.First != ulong.MaxValue && _emitted >= PagingParameters.First;

        internal async Task StreamAsync<T>(IAsyncEnumerable<Page<T>> pages, CancellationToken ct)
        {
            if (PagingDone) return;
            await foreach (var page in pages.WithCancellation(ct).ConfigureAwait(false))
            {
                foreach (var item in page.Items)
                {
                    _seen++;
                    if (_skipped < PagingParameters.Skip) { _skipped++; continue; }
                    if (PagingDone) return;
                    Emit(item);
                    _emitted++;
                }
                if (PagingDone) return;
            }
        }

        protected override void EndProcessing()
        {
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(_seen, PagingDone ? 0.5 : 1.0));
        }
    }
}
