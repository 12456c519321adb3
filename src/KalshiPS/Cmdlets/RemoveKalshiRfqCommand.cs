using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;

namespace KalshiPS.Cmdlets
{
    /// <summary>Deletes RFQs you created (their open quotes can no longer be accepted).</summary>
    [KalshiOperation("DeleteRFQ")]
    [Cmdlet(VerbsCommon.Remove, "KalshiRfq", HelpUri = HelpUris.Root + "Remove-KalshiRfq.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class RemoveKalshiRfqCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string[] RfqId { get; set; }

        protected override void ProcessRecord()
        {
            var api = new CommunicationsApi(ActiveSession);
            foreach (var raw in RfqId ?? new string[] { null })
            {
                if (!TrySegment(SegmentKind.RfqId, raw, nameof(RfqId), out var id)) continue;
                if (!ShouldProcess("RFQ " + id, "Delete Kalshi RFQ")) continue;
                RunAsync(async ct =>
                {
                    try { await api.DeleteRfqAsync(id, ct).ConfigureAwait(false); EmitVerbose($"Deleted RFQ {id}."); }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); }
                });
            }
        }
    }
}
