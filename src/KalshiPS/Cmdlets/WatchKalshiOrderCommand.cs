using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams updates to your orders (user_orders). Updates are never dropped: a slow consumer slows the reader; after a
    /// reconnect the orders that changed meanwhile are read from /portfolio/orders and written once.
    /// </summary>
    [KalshiChannel("user_orders")]
    [Cmdlet(VerbsCommon.Watch, "KalshiOrder", HelpUri = HelpUris.Root + "Watch-KalshiOrder.md")]
    [OutputType(typeof(KalshiOrder))]
    public sealed class WatchKalshiOrderCommand : WatchKalshiTickerFilteredCmdlet
    {
        /// <summary>Only this account's updates (0 primary, 1-63): Kalshi streams every account's, so they are filtered here.</summary>
        [Parameter]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        internal override string ItemNoun => "order updates";
        internal override bool AccountData => true;
        internal override string UnwrittenHint(IReadOnlyList<object> unwritten) => "Get-KalshiOrder shows each order's current state.";

        internal override void Run(List<string> tickers)
        {
            var session = ActiveSession;
            var orders = new OrdersApi(session);
            string single = tickers.Count == 1 ? tickers[0] : null;
            var only = Subaccount;
            RunStream(outbox => new StateReconcilingHandler<KalshiOrder>("user_orders", "user_order", tickers, StreamWire.Order,
                o => o.OrderId, o => o.Ticker,
                o => StateReconcilingHandler<KalshiOrder>.Fingerprint(o.Status, o.Count, o.FilledCount, o.RemainingCount, o.YesPrice),
                o => o.LastUpdateTime,
                ct => Pager.AllAsync(orders.ListOrders(new OrderQuery { Ticker = single, Subaccount = only }, 200, ct)),
                "Get-KalshiOrder (/portfolio/orders)", o => { if (!only.HasValue || (o.Subaccount ?? 0) == only.Value) outbox.Add(o, StreamStopping); }));
        }
    }
}
