using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams changes to your market positions (market_positions); after a reconnect the positions that changed
    /// meanwhile are read from /portfolio/positions and written once.
    /// </summary>
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
            var session = ActiveSession;
            var portfolio = new PortfolioApi(session);
            string single = tickers.Count == 1 ? tickers[0] : null;
            var only = Subaccount;
            // Exposure is left out of the state: the stream sends position cost, REST market exposure.
            // REST lists one account's positions (the primary one unless -Subaccount): rows are keyed by account and market.
            RunStream(outbox => new StateReconcilingHandler<KalshiPosition>("market_positions", "market_position", tickers, StreamWire.Position,
                p => (p.Subaccount ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + p.Ticker, p => p.Ticker,
                p => StateReconcilingHandler<KalshiPosition>.Fingerprint(p.Position, p.RealizedPnl, p.FeesPaid),
                p => p.LastUpdated,
                ct => Pager.AllAsync(portfolio.ListPositions(new PositionQuery { Ticker = single, Subaccount = only }, 200, ct)),
                "Get-KalshiPosition (/portfolio/positions)", p => { if (!only.HasValue || (p.Subaccount ?? 0) == only.Value) outbox.Add(p, StreamStopping); }));
        }
    }
}
