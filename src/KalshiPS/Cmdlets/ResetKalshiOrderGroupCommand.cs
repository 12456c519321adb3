using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Resets an order group: its matched-contracts count starts again from zero and it takes new orders again.</summary>
    [KalshiOperation("ResetOrderGroup")]
    [Cmdlet(VerbsCommon.Reset, "KalshiOrderGroup", HelpUri = HelpUris.Root + "Reset-KalshiOrderGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiOrderGroup))]
    public sealed class ResetKalshiOrderGroupCommand : OrderGroupChangeCmdlet
    {
        /// <summary>Writes the group as the exchange shows it after the reset.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => Change("Reset Kalshi order group", (api, id, ct) => api.ResetAsync(id, ct), PassThru);
    }
}
