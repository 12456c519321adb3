using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Triggers an order group by hand (the kill switch): Kalshi cancels its resting orders and refuses new orders in
    /// it until Reset-KalshiOrderGroup. ConfirmImpact Medium, so a script's emergency stop runs without a prompt.
    /// </summary>
    [KalshiOperation("TriggerOrderGroup")]
    [Cmdlet(VerbsLifecycle.Stop, "KalshiOrderGroup", HelpUri = HelpUris.Root + "Stop-KalshiOrderGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiOrderGroup))]
    public sealed class StopKalshiOrderGroupCommand : OrderGroupChangeCmdlet
    {
        /// <summary>Writes the group as the exchange shows it after the trigger.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => Change("Trigger Kalshi order group (cancel its orders)", (api, id, ct) => api.TriggerAsync(id, ct), PassThru);
    }
}
