using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Streams market lifecycle events (market_lifecycle_v2); -Ticker filters on the client because the channel has no filter.</summary>
    [KalshiChannel("market_lifecycle_v2")]
    [Cmdlet(VerbsCommon.Watch, "KalshiMarketLifecycle", HelpUri = HelpUris.Root + "Watch-KalshiMarketLifecycle.md")]
    [OutputType(typeof(KalshiLifecycleEvent))]
    public sealed class WatchKalshiMarketLifecycleCommand : WatchKalshiTickerFilteredCmdlet
    {
        internal override string ItemNoun => "lifecycle events";

        internal override void Run(List<string> tickers) =>
            RunStream(outbox => new MessageHandler<KalshiLifecycleEvent>("market_lifecycle_v2", new[] { "market_lifecycle_v2" }, tickers, false, StreamWire.Lifecycle, x => x.Ticker,
                x => outbox.Add(x, StreamStopping)));
    }
}
