using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Streams public trades (the trade channel), optionally for some markets. Trades are never dropped.</summary>
    [KalshiChannel("trade")]
    [Cmdlet(VerbsCommon.Watch, "KalshiTrade", HelpUri = HelpUris.Root + "Watch-KalshiTrade.md")]
    [OutputType(typeof(KalshiTrade))]
    public sealed class WatchKalshiTradeCommand : WatchKalshiTickerFilteredCmdlet
    {
        internal override string ItemNoun => "trades";
        internal override string UnwrittenHint(IReadOnlyList<object> unwritten) => "Get-KalshiTrade lists recent trades.";
        internal override bool ChecksTickers => true;

        internal override void Run(List<string> tickers) =>
            RunStream(outbox => new MessageHandler<KalshiTrade>("trade", new[] { "trade" }, tickers, true, StreamWire.Trade, x => x.Ticker,
                x => outbox.Add(x, StreamStopping)));
    }
}
