using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;

namespace KalshiPS.Cmdlets
{
    /// <summary>Deletes your quotes so they can no longer be accepted (RFQ-scoped with -RfqId, else Kalshi's deprecated flat path).</summary>
    [KalshiOperation("DeleteRFQQuote", "DeleteQuote")]
    [Cmdlet(VerbsCommon.Remove, "KalshiQuote", HelpUri = HelpUris.Root + "Remove-KalshiQuote.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class RemoveKalshiQuoteCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string[] QuoteId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string RfqId { get; set; }

        protected override void ProcessRecord()
        {
            var api = new CommunicationsApi(ActiveSession);
            if (!TryOptionalSegment(SegmentKind.RfqId, RfqId, nameof(RfqId), out var rfqId)) return;
            foreach (var raw in QuoteId ?? new string[] { null })
            {
                if (!TrySegment(SegmentKind.QuoteId, raw, nameof(QuoteId), out var id)) continue;
                if (!ShouldProcess("quote " + id + (rfqId != null ? " on RFQ " + rfqId : ""), "Delete Kalshi quote")) continue;
                RunAsync(async ct =>
                {
                    try { await api.DeleteQuoteAsync(rfqId, id, ct).ConfigureAwait(false); EmitVerbose($"Deleted quote {id}."); }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); }
                });
            }
        }
    }
}
