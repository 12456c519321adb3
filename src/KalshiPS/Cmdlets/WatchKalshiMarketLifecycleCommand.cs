using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams the market_lifecycle_v2 channel: market lifecycle changes, event lifecycle messages and event fee updates,
    /// each typed (MessageType tells them apart). -Ticker filters on the client because the channel has no filter.
    /// </summary>
    [KalshiChannel("market_lifecycle_v2")]
    [Cmdlet(VerbsCommon.Watch, "KalshiMarketLifecycle", HelpUri = HelpUris.Root + "Watch-KalshiMarketLifecycle.md")]
    [OutputType(typeof(KalshiLifecycleEvent), typeof(KalshiEventLifecycle), typeof(KalshiEventFeeUpdate))]
    public sealed class WatchKalshiMarketLifecycleCommand : WatchKalshiTickerFilteredCmdlet
    {
        internal override string ItemNoun => "lifecycle messages";

        internal override void Run(List<string> tickers)
        {
            var session = ActiveSession;
            RunStream(outbox => LifecycleFilter.Handler("market_lifecycle_v2", new[] { "market_lifecycle_v2", "event_lifecycle", "event_fee_update" }, tickers,
                t => session.Markets.TryGet(t, out var rules) ? rules.EventTicker : null, x => outbox.Add(x, StreamStopping)));
        }
    }
}
