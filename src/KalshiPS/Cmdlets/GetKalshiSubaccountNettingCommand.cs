using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Whether netting is on for each of your accounts (one row per account).</summary>
    [KalshiOperation("GetSubaccountNetting")]
    [Cmdlet(VerbsCommon.Get, "KalshiSubaccountNetting", HelpUri = HelpUris.Root + "Get-KalshiSubaccountNetting.md")]
    [OutputType(typeof(KalshiSubaccountNetting))]
    public sealed class GetKalshiSubaccountNettingCommand : KalshiCmdlet
    {
        /// <summary>Only this account (0 primary, 1-63); every one when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            var only = Subaccount;
            RunAsync(async ct =>
            {
                foreach (var n in await new SubaccountApi(ActiveSession).GetNettingAsync(ct).ConfigureAwait(false))
                    if (!only.HasValue || n.Subaccount == only.Value) Emit(n);
            });
        }
    }
}
