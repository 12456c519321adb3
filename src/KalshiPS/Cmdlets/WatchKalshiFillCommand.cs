using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams your fills exactly once: after a reconnect or a dropped subscription the gap is reconciled from
    /// /portfolio/fills, and duplicates are removed by trade id and order id.
    /// </summary>
    [KalshiChannel("fill")]
    [Cmdlet(VerbsCommon.Watch, "KalshiFill", HelpUri = HelpUris.Root + "Watch-KalshiFill.md")]
    [OutputType(typeof(KalshiFill))]
    public sealed class WatchKalshiFillCommand : WatchKalshiTickerFilteredCmdlet
    {
        /// <summary>Only this account's updates (0 primary, 1-63): Kalshi streams every account's, so they are filtered here.</summary>
        [Parameter]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        internal override string ItemNoun => "fills";
        internal override bool AccountData => true;

        internal override string UnwrittenHint(IReadOnlyList<object> unwritten)
        {
            var first = unwritten.OfType<KalshiFill>().Where(f => f.CreatedTime.HasValue).Select(f => f.CreatedTime.Value).DefaultIfEmpty().Min();
            return first == default ? "Get-KalshiFill lists them."
                : $"Get-KalshiFill -Since '{first.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture)}' lists them.";
        }

        internal override void Run(List<string> tickers)
        {
            var session = ActiveSession;
            var portfolio = new PortfolioApi(session);
            string single = tickers.Count == 1 ? tickers[0] : null;
            var started = session.Time.GetUtcNow().UtcDateTime;
            var only = Subaccount;
            RunStream(outbox => new FillHandler(tickers, started,
                (minTs, ct) => Pager.AllAsync(portfolio.ListFills(new FillQuery { MinTs = minTs, Ticker = single, Subaccount = only }, 200, ct)),
                f => { if (!only.HasValue || (f.Subaccount ?? 0) == only.Value) outbox.Add(f, StreamStopping); }));
        }
    }
}
