using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Quotes on someone's RFQ: your Yes bid and No bid for its full size (0 declines a side). A new quote replaces your previous one on that RFQ.</summary>
    [KalshiOperation("CreateQuote")]
    [Cmdlet(VerbsCommon.New, "KalshiQuote", HelpUri = HelpUris.Root + "New-KalshiQuote.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiQuote))]
    public sealed class NewKalshiQuoteCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string RfqId { get; set; }

        /// <summary>Your bid for Yes in dollars; 0 declines the Yes side.</summary>
        [Parameter(Mandatory = true)]
        public decimal YesBid { get; set; }

        /// <summary>Your bid for No in dollars; 0 declines the No side.</summary>
        [Parameter(Mandatory = true)]
        public decimal NoBid { get; set; }

        [Parameter]
        public SwitchParameter RestRemainder { get; set; }

        [Parameter]
        public SwitchParameter PostOnly { get; set; }

        [Parameter]
        [ValidateRange(0, 63)]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.RfqId, RfqId, nameof(RfqId), out var rfqId)) return;
            var problem = CommunicationsInput.BidProblem(YesBid, nameof(YesBid)) ?? CommunicationsInput.BidProblem(NoBid, nameof(NoBid))
                ?? (YesBid == 0m && NoBid == 0m ? "-YesBid and -NoBid are both 0: a quote must bid on at least one side; nothing was sent."
                : YesBid + NoBid > 1m ? $"-YesBid {CommunicationsInput.Num(YesBid)} and -NoBid {CommunicationsInput.Num(NoBid)} add up to more than 1 dollar: the two bids would cross; nothing was sent." : null);
            if (problem != null) { WriteError(ErrorRecords.From(CommunicationsInput.Invalid(problem, nameof(YesBid)), rfqId)); return; }
            if (!ShouldProcess($"RFQ {rfqId} (Yes bid {CommunicationsInput.Num(YesBid)}, No bid {CommunicationsInput.Num(NoBid)})", "Quote on Kalshi RFQ")) return;
            var spec = new QuoteSpec { RfqId = rfqId, YesBid = YesBid, NoBid = NoBid, RestRemainder = RestRemainder, PostOnly = PostOnly, Subaccount = Subaccount };
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(async ct =>
            {
                string id;
                try { id = await api.CreateQuoteAsync(spec, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, rfqId); return; }
                EmitVerbose($"Created quote {id} on RFQ {rfqId}.");
                KalshiQuote quote = null;
                try { quote = await api.GetQuoteAsync(rfqId, id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitVerbose("Reading the new quote back failed (" + e.Message + "); showing what was sent."); }
                Emit(quote ?? new KalshiQuote { QuoteId = id, RfqId = rfqId, YesBid = YesBid, NoBid = NoBid, Status = "open", RestRemainder = RestRemainder, PostOnly = PostOnly });
            });
        }
    }
}
