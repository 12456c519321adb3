using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Cancels orders: ids from the pipeline (batched in chunks at the end), every resting order in a market
    /// (-Ticker) or every resting order of the account (-All).
    /// </summary>
    /// <remarks>
    /// Confirmation: cancelling named orders is ConfirmImpact Medium, so scripts (and the default $ConfirmPreference
    /// of High) cancel by id without a prompt. The mass cancels -Ticker and -All behave exactly as ConfirmImpact High:
    /// under $ConfirmPreference High (the default) they ask unless -Force or -Confirm:$false is given (or
    /// $ConfirmPreference is None); in a host that cannot prompt, the question fails and nothing is cancelled. -Confirm
    /// and -WhatIf work as for any cmdlet (-Force skips only the mass-cancel question, never -WhatIf or -Confirm).
    /// </remarks>
    [KalshiOperation("CancelOrderV2", "BatchCancelOrdersV2", "CancelAllOrders")]
    [Cmdlet(VerbsCommon.Remove, "KalshiOrder", HelpUri = HelpUris.Root + "Remove-KalshiOrder.md", DefaultParameterSetName = TickerSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiOrderCancellation))]
    public sealed class RemoveKalshiOrderCommand : KalshiCmdlet
    {
        private const string IdSet = "ById";
        private const string TickerSet = "ByTicker";
        private const string AllSet = "All";
        internal const int BatchSize = 20;
        private readonly List<Pending> _pending = new List<Pending>();

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check: a blank or '.' id must never reach the cancel path
        public string[] OrderId { get; set; }

        /// <summary>With -OrderId: the order's market (routing hint). Alone: cancel every resting order in this market.</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TickerSet, Mandatory = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check
        public string Ticker { get; set; }

        /// <summary>Cancel every resting order of the account.</summary>
        [Parameter(ParameterSetName = AllSet, Mandatory = true)]
        public SwitchParameter All { get; set; }

        /// <summary>With -Ticker or -All: cancel without the mass-cancel question (as -Force does for Remove-Item).</summary>
        [Parameter(ParameterSetName = TickerSet)]
        [Parameter(ParameterSetName = AllSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// The account the orders are in (0 primary, 1-63). With -OrderId it binds from piped orders; with -All it limits
        /// the mass cancel to one account (every account when omitted); with -Ticker it cancels that account's orders.
        /// </summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TickerSet)]
        [Parameter(ParameterSetName = AllSet)]
        [EmptyAsNull]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        /// <summary>Rest (default) or Fix: cancel by -OrderId over the session's FIX order-entry connection (OrderCancelRequest).</summary>
        [Parameter]
        public KalshiRoute Via { get; set; }

        private Fix.Client.KalshiFixConnection _fix;

        /// <summary>Writes one KalshiOrderCancellation per canceled order.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Via != KalshiRoute.Fix) return;
            if (ParameterSetName != IdSet)
                ThrowTerminatingError(new ErrorRecord(new System.NotSupportedException(FixOrderRouting.NoMassCancel), "KalshiFixNoMassCancel", ErrorCategory.NotImplemented, Ticker));
            _fix = RequireFix(KalshiFixSessionType.OrderEntry);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != IdSet) return;
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)) return;
            foreach (var raw in OrderId ?? new string[] { null })
            {
                if (!TrySegment(SegmentKind.OrderId, raw, nameof(OrderId), out var id)) continue;
                if (!ShouldProcess(Describe(id, ticker, Subaccount), "Cancel Kalshi order")) continue;
                _pending.Add(new Pending(id, ticker, Subaccount));
            }
        }

        protected override void EndProcessing()
        {
            switch (ParameterSetName)
            {
                case AllSet:
                {
                    var scope = Subaccount.HasValue ? "every resting order of subaccount " + Subaccount.Value : "every resting order of this account";
                    if (!ShouldProcess(scope, "Cancel all Kalshi orders")) return;
                    if (!ConfirmMassCancel(scope)) return;
                    RunAsync(ct => Orders.CancelAllAsync(ct, Subaccount));
                    return;
                }
                case TickerSet:
                {
                    if (!TrySegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)) return;
                    var resting = RunAsync(async ct =>
                    {
                        var list = new List<KalshiOrder>();
                        await foreach (var page in Orders.ListOrders(new OrderQuery { Ticker = ticker, Status = KalshiOrderStatus.Resting, Subaccount = Subaccount }, 1000, ct).ConfigureAwait(false))
                            list.AddRange(page.Items);
                        return list;
                    });
                    if (resting.Count == 0) { WriteVerbose($"No resting orders on {ticker}."); return; }
                    if (!ShouldProcess($"{resting.Count} resting order(s) on {ticker}", "Cancel Kalshi orders")) return;
                    if (!ConfirmMassCancel($"{resting.Count} resting order(s) on {ticker}")) return;
                    _pending.AddRange(resting.Select(o => new Pending(o.OrderId, ticker, o.Subaccount ?? Subaccount)));
                    break;
                }
            }
            if (_fix != null)
            {
                foreach (var p in _pending) FixOrderRouting.Cancel(this, _fix, p.OrderId, p.Ticker, p.Subaccount, PassThru);
                _pending.Clear();
                return;
            }
            // A cancel names one account per request: consecutive orders of the same account share a batch.
            for (int i = 0; i < _pending.Count;)
            {
                int n = 1;
                while (n < BatchSize && i + n < _pending.Count && _pending[i + n].Subaccount == _pending[i].Subaccount) n++;
                CancelChunk(_pending.GetRange(i, n).Select(p => new KeyValuePair<string, string>(p.OrderId, p.Ticker)).ToList(), _pending[i].Subaccount);
                i += n;
            }
            _pending.Clear();
        }

        /// <summary>
        /// The High-impact half of a mass cancel. ShouldProcess (Medium) has already prompted when $ConfirmPreference is
        /// Medium or Low or -Confirm was given; this asks when the preference is High, as a High-impact cmdlet would,
        /// unless -Force or an explicit -Confirm (either way) settles it. ($ConfirmPreference None never asks.)
        /// </summary>
        private bool ConfirmMassCancel(string what)
        {
            if (Force || MyInvocation.BoundParameters.ContainsKey("Confirm")) return true;
            if (ConfirmPreference() != ConfirmImpact.High) return true;
            return ShouldContinue($"Cancel {what}? (In scripts, pass -Force to cancel without this question.)", "Cancel Kalshi orders");
        }

        private ConfirmImpact ConfirmPreference()
        {
            var value = SessionState.PSVariable.GetValue("ConfirmPreference");
            if (value is PSObject ps) value = ps.BaseObject;
            if (value is ConfirmImpact impact) return impact;
            return value != null && System.Enum.TryParse(value.ToString(), true, out ConfirmImpact parsed) ? parsed : ConfirmImpact.High;
        }

        private static string Describe(string id, string ticker, int? subaccount) =>
            "order " + id + (ticker == null && !subaccount.HasValue ? "" : " (" + string.Join(", ",
                new[] { ticker, subaccount.HasValue ? "subaccount " + subaccount.Value : null }.Where(x => x != null)) + ")");

        /// <summary>One order to cancel: its id, market (routing hint) and account.</summary>
        private readonly struct Pending
        {
            public Pending(string orderId, string ticker, int? subaccount) { OrderId = orderId; Ticker = ticker; Subaccount = subaccount; }
            public string OrderId { get; }
            public string Ticker { get; }
            public int? Subaccount { get; }
        }

        private void CancelChunk(List<KeyValuePair<string, string>> chunk, int? subaccount)
        {
            var outcomes = RunAsync(ct => CancelAsync(chunk, subaccount, ct));
            for (int i = 0; i < chunk.Count; i++)
            {
                if (outcomes[i].Error != null) WriteError(ErrorRecords.From(outcomes[i].Error, chunk[i].Key));
                else if (PassThru) WriteObject(outcomes[i].Value);
            }
        }

        private async Task<IReadOnlyList<ItemOutcome<KalshiOrderCancellation>>> CancelAsync(List<KeyValuePair<string, string>> chunk, int? subaccount, CancellationToken ct)
        {
            if (chunk.Count == 1)
            {
                try { return new[] { new ItemOutcome<KalshiOrderCancellation>(await Orders.CancelAsync(chunk[0].Key, chunk[0].Value, ct, subaccount).ConfigureAwait(false)) }; }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { return new[] { new ItemOutcome<KalshiOrderCancellation>(e) }; }
            }
            try { return await Orders.CancelBatchAsync(chunk, ct, subaccount).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested) { return chunk.Select(_ => new ItemOutcome<KalshiOrderCancellation>(e)).ToList(); }
        }
    }
}
