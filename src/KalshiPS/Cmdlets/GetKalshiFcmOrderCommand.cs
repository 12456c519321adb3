using System;
using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Orders of an FCM member's subtraders (FCM members only): of one subtrader, or by client order ids (Kalshi then
    /// searches the last 24 hours across subtraders).
    /// </summary>
    [KalshiOperation("GetFCMOrders")]
    [Cmdlet(VerbsCommon.Get, "KalshiFcmOrder", HelpUri = HelpUris.Root + "Get-KalshiFcmOrder.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiOrder))]
    public sealed class GetKalshiFcmOrderCommand : KalshiPagedCmdlet
    {
        /// <summary>Kalshi takes at most this many client order ids per request.</summary>
        internal const int MaxClientOrderIds = 100;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // blank means "not given"
        public string SubtraderId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[] ClientOrderId { get; set; }

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
        public KalshiOrderStatus? Status { get; set; }

        /// <summary>Only orders after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only orders before this time.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.SubtraderId, SubtraderId, nameof(SubtraderId), out var subtrader)
                || !TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var ids = new List<string>();
            foreach (var raw in ClientOrderId ?? Array.Empty<string>())
                if (TrySegment(SegmentKind.ClientOrderId, raw, nameof(ClientOrderId), out var id)) ids.Add(id); else return;
            if (subtrader == null && ids.Count == 0)
            {
                WriteError(new ErrorRecord(new ArgumentException("Give -SubtraderId (Get-KalshiSubtrader lists them) or -ClientOrderId; Kalshi needs one of them."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, null));
                return;
            }
            if (ids.Count > MaxClientOrderIds)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-ClientOrderId has {ids.Count} ids; Kalshi takes at most {MaxClientOrderIds} per request."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, ClientOrderId));
                return;
            }
            var q = new FcmOrderQuery
            {
                SubtraderId = subtrader, ClientOrderIds = ids, Ticker = ticker, EventTicker = eventTicker, Status = Status,
                MinTs = Since.HasValue ? JsonFields.ToUnixSeconds(Since.Value) : (long?)null,
                MaxTs = Until.HasValue ? JsonFields.ToUnixSeconds(Until.Value) : (long?)null,
            };
            var api = new FcmApi(ActiveSession);
            RunAsync(ct => StreamAsync(api.ListOrders(q, PageSize, ct), ct));
        }
    }
}
