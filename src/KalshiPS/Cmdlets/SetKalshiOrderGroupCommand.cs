using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Changes an order group's contracts limit. A limit the last 15 seconds of matches already reach triggers the
    /// group at once (Kalshi cancels its orders).
    /// </summary>
    [KalshiOperation("UpdateOrderGroupLimit")]
    [Cmdlet(VerbsCommon.Set, "KalshiOrderGroup", HelpUri = HelpUris.Root + "Set-KalshiOrderGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiOrderGroup))]
    public sealed class SetKalshiOrderGroupCommand : OrderGroupChangeCmdlet
    {
        /// <summary>The new limit: most contracts the group's orders may match within a rolling 15 seconds (whole, 1 to 1,000,000).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [InvariantDecimal]
        public decimal ContractsLimit { get; set; }

        /// <summary>Writes the group as the exchange shows it after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryContractsLimit(this, ContractsLimit)) return;
            var limit = ContractsLimit;
            Change($"Set the contracts limit to {limit:0}", (api, id, ct) => api.UpdateLimitAsync(id, limit, ct), PassThru);
        }
    }
}
