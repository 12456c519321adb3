using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Confirms a quote of yours that the RFQ's creator accepted: after this neither side can withdraw, and the trade
    /// executes. RFQ-scoped with -RfqId (piped quotes carry it), else Kalshi's deprecated flat path.
    /// </summary>
    [KalshiOperation("ConfirmRFQQuote", "ConfirmQuote")]
    [Cmdlet(VerbsLifecycle.Confirm, "KalshiQuote", HelpUri = HelpUris.Root + "Confirm-KalshiQuote.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiQuote))]
    public sealed class ConfirmKalshiQuoteCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string QuoteId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string RfqId { get; set; }

        /// <summary>Writes the quote as it is after the confirm.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.RfqId, RfqId, nameof(RfqId), out var rfqId)
                || !TrySegment(SegmentKind.QuoteId, QuoteId, nameof(QuoteId), out var id)) return;
            if (!ShouldProcess("quote " + id, "Confirm Kalshi quote (it executes)")) return;
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(async ct =>
            {
                try { await api.ConfirmQuoteAsync(rfqId, id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); return; }
                EmitVerbose($"Confirmed quote {id}; Get-KalshiFill shows the execution.");
                if (PassThru) Emit(await api.GetQuoteAsync(rfqId, id, ct).ConfigureAwait(false));
            });
        }
    }
}
