using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Gets quotes: by id (scoped to its RFQ when -RfqId is known, else Kalshi's deprecated flat path), or listed by
    /// RFQ, status and party (every page). Piped quotes bind QuoteId and RfqId; piped RFQs list their quotes.
    /// </summary>
    [KalshiOperation("GetQuotes", "GetQuote", "GetRFQQuote")]
    [Cmdlet(VerbsCommon.Get, "KalshiQuote", HelpUri = HelpUris.Root + "Get-KalshiQuote.md", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(KalshiQuote))]
    public sealed class GetKalshiQuoteCommand : KalshiPagedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string[] QuoteId { get; set; }

        /// <summary>List: quotes on this RFQ. By id: the quotes' RFQ (the RFQ-scoped path).</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        public string RfqId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public KalshiQuoteStatus? Status { get; set; }

        /// <summary>Only quotes you created.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Mine { get; set; }

        /// <summary>Only quotes on RFQs you created.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter OnMyRfq { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string QuoteCreatorUserId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string RfqCreatorUserId { get; set; }

        /// <summary>Only quotes updated at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Since { get; set; }

        /// <summary>Only quotes updated at or before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Until { get; set; }

        protected override void ProcessRecord()
        {
            var api = new CommunicationsApi(ActiveSession);
            if (!TryOptionalSegment(SegmentKind.RfqId, RfqId, nameof(RfqId), out var rfqId)) return;
            if (ParameterSetName == IdSet)
            {
                EmitEach(SegmentKind.QuoteId, QuoteId, nameof(QuoteId), async (id, ct) => await api.GetQuoteAsync(rfqId, id.Value, ct).ConfigureAwait(false));
                return;
            }
            var query = new QuoteQuery
            {
                RfqId = rfqId, Status = Status, Mine = Mine, OnMyRfqs = OnMyRfq,
                QuoteCreatorUserId = QuoteCreatorUserId?.Trim(), RfqCreatorUserId = RfqCreatorUserId?.Trim(),
                MinTs = Since.HasValue ? JsonFields.ToUnixSeconds(Since.Value) : (long?)null,
                MaxTs = Until.HasValue ? JsonFields.ToUnixSeconds(Until.Value) : (long?)null,
            };
            RunAsync(ct => StreamAsync(api.ListQuotes(query, PageSize, ct), ct));
        }
    }
}
