using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Your positions as flat rows: one KalshiPosition per market, or with -ByEvent one KalshiEventPosition per event
    /// (never both in one stream, so Export-Csv keeps every column). Markets where you hold nothing are hidden unless
    /// -IncludeClosed.
    /// </summary>
    [KalshiOperation("GetPositions")]
    [Cmdlet(VerbsCommon.Get, "KalshiPosition", HelpUri = HelpUris.Root + "Get-KalshiPosition.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiPosition), typeof(KalshiEventPosition))]
    public sealed class GetKalshiPositionCommand : KalshiPagedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        /// <summary>Write KalshiEventPosition rows (totals per event) instead of the market rows.</summary>
        [Parameter]
        public SwitchParameter ByEvent { get; set; }

        /// <summary>Also show markets you traded but no longer hold (position 0).</summary>
        [Parameter]
        public SwitchParameter IncludeClosed { get; set; }

        /// <summary>The account: 0 primary (the default), 1-63 a subaccount.</summary>
        [Parameter()]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var query = new PositionQuery
            {
                Ticker = ticker,
                EventTicker = eventTicker,
                CountFilter = IncludeClosed ? null : "position",
                Subaccount = Subaccount,
            };
            RunAsync(ct => ByEvent
                ? StreamAsync(Portfolio.ListEventPositions(query, PageSize, ct), ct)
                : StreamAsync(Portfolio.ListPositions(query, PageSize, ct), ct));
        }
    }
}
