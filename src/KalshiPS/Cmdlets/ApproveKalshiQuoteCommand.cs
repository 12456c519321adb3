using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Accepts one side of a quote on your RFQ (then the quoter must confirm for it to execute). -Side Yes takes the
    /// quoter's Yes bid, -Side No its No bid. RFQ-scoped with -RfqId (piped quotes carry it), else Kalshi's deprecated flat path.
    /// </summary>
    [KalshiOperation("AcceptRFQQuote", "AcceptQuote")]
    [Cmdlet(VerbsLifecycle.Approve, "KalshiQuote", HelpUri = HelpUris.Root + "Approve-KalshiQuote.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiQuote))]
    public sealed class ApproveKalshiQuoteCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string QuoteId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string RfqId { get; set; }

        /// <summary>Which of the quote's bids to accept.</summary>
        [Parameter(Mandatory = true)]
        [Alias("AcceptedSide")]
        public KalshiSide Side { get; set; }

        /// <summary>Writes the quote as it is after the accept.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.RfqId, RfqId, nameof(RfqId), out var rfqId)
                || !TrySegment(SegmentKind.QuoteId, QuoteId, nameof(QuoteId), out var id)) return;
            if (!ShouldProcess($"quote {id} ({Side} side)", "Accept Kalshi quote")) return;
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(async ct =>
            {
                try { await api.AcceptQuoteAsync(rfqId, id, Side, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); return; }
                EmitVerbose($"Accepted the {Side} side of quote {id}; it executes once the quoter confirms.");
                if (PassThru) Emit(await api.GetQuoteAsync(rfqId, id, ct).ConfigureAwait(false));
            });
        }
    }
}
