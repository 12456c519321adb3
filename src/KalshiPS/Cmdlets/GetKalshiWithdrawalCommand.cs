using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Your withdrawals, newest first, every page; amounts in dollars.</summary>
    [KalshiOperation("GetWithdrawals")]
    [Cmdlet(VerbsCommon.Get, "KalshiWithdrawal", HelpUri = HelpUris.Root + "Get-KalshiWithdrawal.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiWithdrawal))]
    public sealed class GetKalshiWithdrawalCommand : KalshiCmdlet
    {
        /// <summary>Items per request (1-500, Kalshi's maximum for this list).</summary>
        [Parameter]
        [ValidateRange(1, 500)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            if (SkipListing()) return;
            RunAsync(ct => EmitPagesAsync(Portfolio.ListWithdrawals(PageSize, ct), MyInvocation.MyCommand.Name));
        }

        protected override void EndProcessing() => WriteTotalCount();
    }
}
