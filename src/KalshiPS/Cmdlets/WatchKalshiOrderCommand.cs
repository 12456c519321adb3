using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Streams updates to your orders (user_orders). Updates are never dropped: a slow consumer slows the reader.</summary>
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
            var only = Subaccount;
            RunStream(outbox => new MessageHandler<KalshiOrder>("user_orders", new[] { "user_order" }, tickers, true, StreamWire.Order, x => x.Ticker,
                x => { if (!only.HasValue || (x.Subaccount ?? 0) == only.Value) outbox.Add(x, StreamStopping); }));
        }
    }
}
