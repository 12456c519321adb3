using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Your accounts and their cash: the primary account (Subaccount 0) and every numbered subaccount.</summary>
    [KalshiOperation("GetSubaccountBalances")]
    [Cmdlet(VerbsCommon.Get, "KalshiSubaccount", HelpUri = HelpUris.Root + "Get-KalshiSubaccount.md")]
    [OutputType(typeof(KalshiSubaccount))]
    public sealed class GetKalshiSubaccountCommand : KalshiCmdlet
    {
        /// <summary>Only these accounts (0 primary, 1-63); every one when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            var only = Subaccount;
            RunAsync(async ct =>
            {
                foreach (var s in await new SubaccountApi(ActiveSession).ListAsync(ct).ConfigureAwait(false))
                    if (!only.HasValue || s.Subaccount == only.Value) Emit(s);
            });
        }
    }
}
