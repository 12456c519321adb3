using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Streams changes to your market positions (market_positions).</summary>
    [KalshiChannel("market_positions")]
    [Cmdlet(VerbsCommon.Watch, "KalshiPosition", HelpUri = HelpUris.Root + "Watch-KalshiPosition.md")]
    [OutputType(typeof(KalshiPosition))]
    public sealed class WatchKalshiPositionCommand : WatchKalshiTickerFilteredCmdlet
    {
        /// <summary>Only this account's updates (0 primary, 1-63): Kalshi streams every account's, so they are filtered here.</summary>
        [Parameter]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        internal override string ItemNoun => "position updates";
        internal override bool AccountData => true;
        internal override string UnwrittenHint(IReadOnlyList<object> unwritten) => "Get-KalshiPosition shows the current positions.";

        internal override void Run(List<string> tickers)
        {
            var only = Subaccount;
            RunStream(outbox => new MessageHandler<KalshiPosition>("market_positions", new[] { "market_position" }, tickers, true, StreamWire.Position, x => x.Ticker,
                x => { if (!only.HasValue || (x.Subaccount ?? 0) == only.Value) outbox.Add(x, StreamStopping); }));
        }
    }
}
