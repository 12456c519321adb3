using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams the communications channel: every RFQ created or deleted, and the quotes you made or that are on your
    /// RFQs (created, accepted, executed). -Ticker filters on the client (the channel has no market filter).
    /// </summary>
    [KalshiChannel("communications")]
    [Cmdlet(VerbsCommon.Watch, "KalshiRfq", HelpUri = HelpUris.Root + "Watch-KalshiRfq.md")]
    [OutputType(typeof(KalshiRfqEvent))]
    public sealed class WatchKalshiRfqCommand : WatchKalshiTickerFilteredCmdlet
    {
        private static readonly string[] Types = { "rfq_created", "rfq_deleted", "quote_created", "quote_accepted", "quote_executed" };

        internal override string ItemNoun => "RFQ and quote events";
        internal override bool AccountData => true;

        internal override void Run(List<string> tickers) =>
            RunStream(outbox => new MessageHandler<KalshiRfqEvent>("communications", Types, tickers, false, CommunicationsWire.Event, x => x.Ticker,
                x => outbox.Add(x, StreamStopping)));
    }
}
