using System.Management.Automation;

namespace KalshiPS.Cmdlets
{
    /// <summary>Deletes an order group; Kalshi cancels its resting orders. ConfirmImpact High: it cannot be undone.</summary>
    [KalshiOperation("DeleteOrderGroup")]
    [Cmdlet(VerbsCommon.Remove, "KalshiOrderGroup", HelpUri = HelpUris.Root + "Remove-KalshiOrderGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveKalshiOrderGroupCommand : OrderGroupChangeCmdlet
    {
        protected override void ProcessRecord() => Change("Delete Kalshi order group (cancel its orders)", (api, id, ct) => api.DeleteAsync(id, ct), false);
    }
}
