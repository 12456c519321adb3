using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Base of authenticated list cmdlets declared with SupportsPaging: adds -PageSize and -IncludeTotalCount to the
    /// base class's page streaming (which honours -Skip/-First and reports progress per page).
    /// </summary>
    public abstract class KalshiPagedCmdlet : KalshiCmdlet
    {
        /// <summary>Items per request (1-1000).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 200;

        internal Task StreamAsync<T>(IAsyncEnumerable<Page<T>> pages, CancellationToken ct) =>
            SkipListing() ? Task.CompletedTask : EmitPagesAsync(pages, MyInvocation.MyCommand.Name);

        protected override void EndProcessing() => WriteTotalCount();
    }
}
