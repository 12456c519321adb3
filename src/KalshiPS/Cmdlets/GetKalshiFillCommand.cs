using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Your fills (trades of your orders), newest first, every page; filter by market, order and time.</summary>
    [KalshiOperation("GetFills", "GetFillsHistorical")]
    [Cmdlet(VerbsCommon.Get, "KalshiFill", HelpUri = HelpUris.Root + "Get-KalshiFill.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiFill))]
    public sealed class GetKalshiFillCommand : KalshiPagedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string OrderId { get; set; }

        /// <summary>Only fills at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only fills at or before this time.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>Continue past the historical cutoff into Kalshi's archive of older fills (one stream, newest first).</summary>
        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        private ArchiveReach _archive;
        private ArchiveReach Archive => _archive ?? (_archive = new ArchiveReach(() => ActiveSession, EmitWarning));
        /// <summary>Only fills of this account (0 primary, 1-63); every account when omitted.</summary>
        [Parameter()]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.OrderId, OrderId, nameof(OrderId), out var orderId)) return;
            var query = new FillQuery
            {
                Ticker = ticker,
                OrderId = orderId,
                MinTs = Since.HasValue ? JsonFields.ToUnixSeconds(Since.Value) : (long?)null,
                MaxTs = Until.HasValue ? JsonFields.ToUnixSeconds(Until.Value) : (long?)null,
                Subaccount = Subaccount,
            };
            if (SkipListing()) return;
            RunAsync(async ct =>
            {
                // The archive has no order filter: it is applied to the archived fills here.
                var pages = await Archive.WindowAsync(IncludeHistorical, query.MinTs, query.MaxTs, c => c.TradesCreatedBefore, "Fills",
                    () => Portfolio.ListFills(query, PageSize, ct),
                    () => new HistoricalApi(ActiveSession).ListFills(ticker, query.MinTs, query.MaxTs, PageSize, ct),
                    f => f.FillId, orderId == null ? (Func<KalshiFill, bool>)null : f => f.OrderId == orderId, false, ct).ConfigureAwait(false);
                await StreamAsync(pages, ct).ConfigureAwait(false);
            });
        }
    }
}
