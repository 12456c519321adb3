using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Creates an order group: orders placed with New-KalshiOrder -OrderGroupId count against its contracts limit over
    /// a rolling 15 seconds; reaching it cancels the group's orders and refuses new ones until Reset-KalshiOrderGroup.
    /// </summary>
    [KalshiOperation("CreateOrderGroup")]
    [Cmdlet(VerbsCommon.New, "KalshiOrderGroup", HelpUri = HelpUris.Root + "New-KalshiOrderGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(KalshiOrderGroup))]
    public sealed class NewKalshiOrderGroupCommand : KalshiCmdlet
    {
        /// <summary>Most contracts the group's orders may match within a rolling 15 seconds (whole, 1 to 1,000,000).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [InvariantDecimal]
        public decimal ContractsLimit { get; set; }

        protected override void ProcessRecord()
        {
            if (!OrderGroupChangeCmdlet.TryContractsLimit(this, ContractsLimit)) return;
            if (!ShouldProcess($"an order group with a limit of {ContractsLimit:0} contracts per 15 seconds", "Create Kalshi order group")) return;
            var api = new OrderGroupsApi(ActiveSession);
            KalshiApiException error = null;
            var group = RunAsync(async ct =>
            {
                try { return await api.CreateAsync(ContractsLimit, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; return null; }
            });
            if (error != null) { WriteError(ErrorRecords.From(error, ContractsLimit)); return; }
            WriteObject(group);
        }
    }
}
