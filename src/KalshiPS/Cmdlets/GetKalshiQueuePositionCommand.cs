using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// How many contracts are ahead of your resting orders: one order by id (ids and order objects bind from the
    /// pipeline), or every resting order, optionally only on some markets or one event, in one request.
    /// </summary>
    [KalshiOperation("GetOrderQueuePosition", "GetOrderQueuePositions")]
    [Cmdlet(VerbsCommon.Get, "KalshiQueuePosition", HelpUri = HelpUris.Root + "Get-KalshiQueuePosition.md", DefaultParameterSetName = RestingSet)]
    [OutputType(typeof(KalshiQueuePosition))]
    public sealed class GetKalshiQueuePositionCommand : KalshiCmdlet
    {
        private const string RestingSet = "Resting";
        private const string OrderSet = "ByOrder";
        private const int TickersPerRequest = 100;

        [Parameter(ParameterSetName = OrderSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check below, with the shape an id must have
        public string[] OrderId { get; set; }

        /// <summary>Markets whose resting orders to report (Resting set); the piped order's market (ByOrder set, shown on the output).</summary>
        [Parameter(ParameterSetName = RestingSet, Position = 0)]
        [Parameter(ParameterSetName = OrderSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string[] Ticker { get; set; }

        [Parameter(ParameterSetName = RestingSet)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == OrderSet) { OneOrder(); return; }
            if (!TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var tickers = new List<string>();
            foreach (var raw in (Ticker ?? new string[0]).Where(t => !Segment.IsBlank(t)))
            {
                if (!TrySegment(SegmentKind.MarketTicker, raw, nameof(Ticker), out var t)) return; // nothing is sent for a bad filter
                if (!tickers.Contains(t, StringComparer.OrdinalIgnoreCase)) tickers.Add(t);
            }
            RunAsync(async ct =>
            {
                // No ticker: one request for every resting order (of the event, when given).
                var batches = tickers.Count == 0 ? new List<List<string>> { null }
                    : tickers.Select((t, i) => (t, i)).GroupBy(x => x.i / TickersPerRequest, x => x.t).Select(g => g.ToList()).ToList();
                foreach (var batch in batches)
                    foreach (var q in await Portfolio.ListQueuePositionsAsync(batch, eventTicker, ct).ConfigureAwait(false)) Emit(q);
            });
        }

        private void OneOrder()
        {
            string ticker = null;
            var given = Ticker?.FirstOrDefault(t => !Segment.IsBlank(t));
            if (given != null && !TrySegment(SegmentKind.MarketTicker, given, nameof(Ticker), out ticker)) return;
            foreach (var id in OrderId ?? new string[] { null })
            {
                if (!TrySegment(SegmentKind.OrderId, id, nameof(OrderId), out var orderId)) continue;
                RunAsync(async ct =>
                {
                    try
                    {
                        var ahead = await Portfolio.GetQueuePositionAsync(orderId, ct).ConfigureAwait(false);
                        Emit(new KalshiQueuePosition { OrderId = orderId, Ticker = ticker, QueuePosition = ahead });
                    }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, orderId); }
                });
            }
        }
    }
}
