using System;
using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Gets your orders: by id (ids bind from pipeline objects such as New-KalshiOrder results), or listed by
    /// market, event and status, every page.
    /// </summary>
    [KalshiOperation("GetOrders", "GetOrder", "GetHistoricalOrders")]
    [Cmdlet(VerbsCommon.Get, "KalshiOrder", HelpUri = HelpUris.Root + "Get-KalshiOrder.md", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(KalshiOrder))]
    public sealed class GetKalshiOrderCommand : KalshiPagedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check below, with the shape an id must have
        public string[] OrderId { get; set; }

        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public KalshiOrderStatus? Status { get; set; }

        /// <summary>Only the order placed under this client order id (what an "unknown" outcome tells you to check).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string ClientOrderId { get; set; }

        /// <summary>Only orders updated at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Since { get; set; }

        /// <summary>Only orders updated at or before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Until { get; set; }

        /// <summary>Continue past the historical cutoff into Kalshi's archive of older canceled and executed orders.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeHistorical { get; set; }

        private ArchiveReach _archive;
        private ArchiveReach Archive => _archive ?? (_archive = new ArchiveReach(() => ActiveSession, EmitWarning));
        /// <summary>Only orders of this account (0 primary, 1-63); every account when omitted.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                EmitEach(SegmentKind.OrderId, OrderId, nameof(OrderId), async (id, ct) => await Orders.GetOrderAsync(id.Value, ct).ConfigureAwait(false));
                return;
            }
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var query = new OrderQuery
            {
                Ticker = ticker,
                EventTicker = eventTicker,
                Status = Status,
                MinTs = Since.HasValue ? JsonFields.ToUnixSeconds(Since.Value) : (long?)null,
                MaxTs = Until.HasValue ? JsonFields.ToUnixSeconds(Until.Value) : (long?)null,
                ClientOrderId = string.IsNullOrWhiteSpace(ClientOrderId) ? null : ClientOrderId.Trim(),
                Subaccount = Subaccount,
            };
            if (IncludeHistorical && eventTicker != null)
            {
                // The archive filters orders by market only; guessing the event's markets could miss some.
                WriteError(new ErrorRecord(new ArgumentException("-IncludeHistorical cannot be combined with -EventTicker: Kalshi's order archive filters by market only. Use -Ticker, or list the event's markets: Get-KalshiMarket -EventTicker E | Get-KalshiOrder -IncludeHistorical."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, EventTicker));
                return;
            }
            if (SkipListing()) return;
            RunAsync(async ct =>
            {
                // Resting orders are never archived; the archive has no status or client-order-id filter (applied here).
                var archive = query.Status == KalshiOrderStatus.Resting ? null
                    : (Func<IAsyncEnumerable<Page<KalshiOrder>>>)(() => new HistoricalApi(ActiveSession).ListOrders(ticker, query.MinTs, query.MaxTs, PageSize, ct));
                var pages = await Archive.WindowAsync(IncludeHistorical, query.MinTs, query.MaxTs, c => c.OrdersUpdatedBefore, "Orders finished",
                    () => Orders.ListOrders(query, PageSize, ct), archive, o => o.OrderId,
                    o => (query.Status == null || string.Equals(o.Status, query.Status.ToString(), StringComparison.OrdinalIgnoreCase))
                        && (query.ClientOrderId == null || o.ClientOrderId == query.ClientOrderId),
                    true, ct).ConfigureAwait(false);
                await StreamAsync(pages, ct).ConfigureAwait(false);
            });
        }
    }
}
