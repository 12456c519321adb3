using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
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
    [KalshiOperation("GetPositions", "GetHistoricalPositions")]
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

        /// <summary>With -IncludeClosed, continue into Kalshi's archive of settled positions (archived positions are all closed).</summary>
        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        /// <summary>Add AveragePrice, CurrentPrice (the bid the holding sells at now), MarketValue and UnrealizedPnl to each market row.</summary>
        [Parameter]
        public SwitchParameter IncludeMarketValue { get; set; }

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
            if (ByEvent && IncludeMarketValue)
            {
                WriteError(new ErrorRecord(new ArgumentException("-IncludeMarketValue values market rows; it cannot be combined with -ByEvent."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, null));
                return;
            }
            // Archived positions are settled, so flat: only a listing that shows closed positions can contain them.
            var archive = IncludeClosed && IncludeHistorical ? new HistoricalApi(ActiveSession) : null;
            RunAsync(ct =>
            {
                if (ByEvent)
                    return StreamAsync(ArchiveSeam.Concat(Portfolio.ListEventPositions(query, PageSize, ct),
                        archive == null ? null : (Func<IAsyncEnumerable<Page<KalshiEventPosition>>>)(() => archive.ListEventPositions(ticker, eventTicker, PageSize, ct)),
                        _ => null), ct); // an event can have rows in both (some markets archived): both are kept
                var rows = ArchiveSeam.Concat(Portfolio.ListPositions(query, PageSize, ct),
                    archive == null ? null : (Func<IAsyncEnumerable<Page<KalshiPosition>>>)(() => archive.ListPositions(ticker, eventTicker, PageSize, ct)),
                    p => p.Ticker);
                return IncludeMarketValue ? StreamAsync(Tagged(PositionValuation.Mark(rows, MarketData, ct)), ct) : StreamAsync(rows, ct);
            });
        }

        /// <summary>Valued rows carry a second type name, so the format file shows them with their value columns.</summary>
        internal const string ValuedTypeName = "KalshiPS.Models.KalshiPosition#MarketValue";

        private static async IAsyncEnumerable<Page<PSObject>> Tagged(IAsyncEnumerable<Page<KalshiPosition>> pages)
        {
            await foreach (var page in pages.ConfigureAwait(false))
                yield return new Page<PSObject>(page.Number, page.Items.Select(p =>
                {
                    var o = new PSObject(p);
                    o.TypeNames.Insert(0, ValuedTypeName);
                    return o;
                }).ToList(), page.IsLast, page.PrefetchNext);
        }
    }
}
