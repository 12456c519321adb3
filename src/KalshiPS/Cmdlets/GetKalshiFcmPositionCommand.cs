using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Positions of one of an FCM member's subtraders, as Get-KalshiPosition shows your own: market rows, or with
    /// -ByEvent event rows; markets with no position are hidden unless -IncludeClosed.
    /// </summary>
    [KalshiOperation("GetFCMPositions")]
    [Cmdlet(VerbsCommon.Get, "KalshiFcmPosition", HelpUri = HelpUris.Root + "Get-KalshiFcmPosition.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiPosition), typeof(KalshiEventPosition))]
    public sealed class GetKalshiFcmPositionCommand : KalshiPagedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string SubtraderId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string Ticker { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string EventTicker { get; set; }

        [Parameter]
        public SwitchParameter ByEvent { get; set; }

        [Parameter]
        public SwitchParameter IncludeClosed { get; set; }

        /// <summary>Markets by settlement: Unsettled (Kalshi's default), Settled or All.</summary>
        [Parameter]
        [ValidateSet("All", "Unsettled", "Settled")]
        public string SettlementStatus { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.SubtraderId, SubtraderId, nameof(SubtraderId), out var subtrader)
                || !TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var q = new PositionQuery { Ticker = ticker, EventTicker = eventTicker, CountFilter = IncludeClosed ? null : "position" };
            var settlement = SettlementStatus?.ToLowerInvariant();
            var api = new FcmApi(ActiveSession);
            RunAsync(ct => ByEvent
                ? StreamAsync(api.ListEventPositions(subtrader, q, settlement, PageSize, ct), ct)
                : StreamAsync(api.ListPositions(subtrader, q, settlement, PageSize, ct), ct));
        }
    }
}
