using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Your deposits, newest first, every page; amounts in dollars.</summary>
    [KalshiOperation("GetDeposits")]
    [Cmdlet(VerbsCommon.Get, "KalshiDeposit", HelpUri = HelpUris.Root + "Get-KalshiDeposit.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiDeposit))]
    public sealed class GetKalshiDepositCommand : KalshiCmdlet
    {
        /// <summary>Items per request (1-500, Kalshi's maximum for this list).</summary>
        [Parameter]
        [ValidateRange(1, 500)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            if (SkipListing()) return;
            RunAsync(ct => EmitPagesAsync(Portfolio.ListDeposits(PageSize, ct), MyInvocation.MyCommand.Name));
        }

        protected override void EndProcessing() => WriteTotalCount();
    }
}
