using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams the multivariate_market_lifecycle channel: lifecycle changes of combo markets and the event_lifecycle
    /// messages of their events, typed like Watch-KalshiMarketLifecycle's. -Ticker filters on the client.
    /// </summary>
    [KalshiChannel("multivariate_market_lifecycle")]
    [Cmdlet(VerbsCommon.Watch, "KalshiMultivariateLifecycle", HelpUri = HelpUris.Root + "Watch-KalshiMultivariateLifecycle.md")]
    [OutputType(typeof(KalshiLifecycleEvent), typeof(KalshiEventLifecycle))]
    public sealed class WatchKalshiMultivariateLifecycleCommand : WatchKalshiTickerFilteredCmdlet
    {
        internal override string ItemNoun => "multivariate lifecycle messages";

        internal override void Run(List<string> tickers)
        {
            var session = ActiveSession;
            RunStream(outbox => LifecycleFilter.Handler("multivariate_market_lifecycle", new[] { "multivariate_market_lifecycle", "event_lifecycle" }, tickers,
                t => session.Markets.TryGet(t, out var rules) ? rules.EventTicker : null, x => outbox.Add(x, StreamStopping)));
        }
    }
}
