using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Your positions as flat rows (one per market; with -IncludeEventPositions also one per event). Markets where
    /// you hold nothing are hidden unless -IncludeClosed.
    /// </summary>
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

        /// <summary>Also write KalshiEventPosition rows (totals per event), after the market rows.</summary>
        [Parameter]
        public SwitchParameter IncludeEventPositions { get; set; }

        /// <summary>Also show markets you traded but no longer hold (position 0).</summary>
        [Parameter]
        public SwitchParameter IncludeClosed { get; set; }

        protected override void ProcessRecord()
        {
            var query = new PositionQuery
            {
                Ticker = string.IsNullOrWhiteSpace(Ticker) ? null : Ticker.Trim().ToUpperInvariant(),
                EventTicker = string.IsNullOrWhiteSpace(EventTicker) ? null : EventTicker.Trim().ToUpperInvariant(),
                CountFilter = IncludeClosed ? null : "position",
            };
            RunAsync(async ct =>
            {
                await StreamAsync(Portfolio.ListPositions(query, PageSize, ct), ct).ConfigureAwait(false);
                if (IncludeEventPositions)
                    await StreamAsync(Portfolio.ListEventPositions(query, PageSize, ct), ct).ConfigureAwait(false);
            });
        }
    }
}
