using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Streams ticker updates (last price, top of book, volume). A slow consumer gets the latest update per market.</summary>
    [KalshiChannel("ticker")]
    [Cmdlet(VerbsCommon.Watch, "KalshiTicker", HelpUri = HelpUris.Root + "Watch-KalshiTicker.md")]
    [OutputType(typeof(KalshiTickerUpdate))]
    public sealed class WatchKalshiTickerCommand : WatchKalshiTickerFilteredCmdlet
    {
        internal override bool ChecksTickers => true;

        internal override void Run(List<string> tickers) =>
            RunStream(outbox => new MessageHandler<KalshiTickerUpdate>("ticker", new[] { "ticker" }, tickers, true, StreamWire.Ticker, x => x.Ticker,
                x => outbox.Post(x.Ticker ?? "", x)));
    }
}
