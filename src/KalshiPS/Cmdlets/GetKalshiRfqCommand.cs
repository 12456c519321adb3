using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Gets RFQs: by id, or listed by market, event, status and creator (every page).</summary>
    [KalshiOperation("GetRFQs", "GetRFQ")]
    [Cmdlet(VerbsCommon.Get, "KalshiRfq", HelpUri = HelpUris.Root + "Get-KalshiRfq.md", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(KalshiRfq))]
    public sealed class GetKalshiRfqCommand : KalshiPagedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string[] RfqId { get; set; }

        [Parameter(ParameterSetName = ListSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public KalshiRfqStatus? Status { get; set; }

        /// <summary>Only RFQs you created.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Mine { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string CreatorUserId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(0, 63)]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            var api = new CommunicationsApi(ActiveSession);
            if (ParameterSetName == IdSet)
            {
                EmitEach(SegmentKind.RfqId, RfqId, nameof(RfqId), async (id, ct) => await api.GetRfqAsync(id.Value, ct).ConfigureAwait(false));
                return;
            }
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var query = new RfqQuery { Ticker = ticker, EventTicker = eventTicker, Status = Status, Mine = Mine, CreatorUserId = CreatorUserId?.Trim(), Subaccount = Subaccount };
            RunAsync(ct => StreamAsync(api.ListRfqs(query, PageSize, ct), ct));
        }
    }
}
