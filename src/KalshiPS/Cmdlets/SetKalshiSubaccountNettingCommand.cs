using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Turns netting on or off for one account (0 primary, 1-63).</summary>
    [KalshiOperation("UpdateSubaccountNetting")]
    [Cmdlet(VerbsCommon.Set, "KalshiSubaccountNetting", HelpUri = HelpUris.Root + "Set-KalshiSubaccountNetting.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiSubaccountNetting))]
    public sealed class SetKalshiSubaccountNettingCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSubaccount]
        public int Subaccount { get; set; }

        /// <summary>$true to net opposite positions in this account, $false to keep them apart.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public bool Enabled { get; set; }

        /// <summary>Writes the account's netting setting as the exchange shows it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            int subaccount = Subaccount;
            bool enabled = Enabled;
            if (!ShouldProcess("subaccount " + subaccount, enabled ? "Enable netting" : "Disable netting")) return;
            RunAsync(async ct =>
            {
                var now = await new SubaccountApi(ActiveSession).SetNettingAsync(subaccount, enabled, ct).ConfigureAwait(false);
                if (PassThru) Emit(now);
            });
        }
    }
}
