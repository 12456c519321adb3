using System;
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
    /// Places limit orders on Kalshi's V2 order API. Every order is validated before anything is sent, carries a
    /// client order id (so retries cannot place it twice), and consecutive pipeline records go through the batch
    /// endpoint in chunks with one result or one error per record, in input order.
    /// </summary>
    [KalshiOperation("CreateOrderV2", "BatchCreateOrdersV2")]
    [Cmdlet(VerbsCommon.New, "KalshiOrder", HelpUri = HelpUris.Root + "New-KalshiOrder.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiOrderResult))]
    public sealed class NewKalshiOrderCommand : KalshiCmdlet
    {
        /// <summary>Orders per batch request.</summary>
        internal const int BatchSize = 20;

        private readonly List<Entry> _pending = new List<Entry>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, in input order with the other records
        public string Ticker { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public KalshiSide Side { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public KalshiAction Action { get; set; }

        /// <summary>Contracts; whole numbers unless the market allows fractional trading (0.01 steps).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [InvariantDecimal]
        public decimal Count { get; set; }

        /// <summary>Limit price of -Side in dollars, strictly between 0 and 1 and on the market's price grid.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [InvariantDecimal]
        public decimal Price { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        public KalshiTimeInForce? TimeInForce { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        public DateTime? ExpirationTime { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextSwitch]
        public SwitchParameter PostOnly { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextSwitch]
        public SwitchParameter ReduceOnly { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        public KalshiSelfTradePrevention? SelfTradePrevention { get; set; }

        /// <summary>Your idempotency key; a GUID is generated when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ClientOrderId { get; set; }

        /// <summary>The order group the order joins (New-KalshiOrderGroup); its matches count against the group's limit.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OrderGroupIdCompleter))]
        public string OrderGroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextSwitch]
        public SwitchParameter CancelOnPause { get; set; }

        /// <summary>The account to trade in: 0 primary (the default), 1-63 a subaccount; its own cash pays for the order.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        /// <summary>Rest (default) or Fix: place over the session's FIX order-entry connection (Connect-KalshiFix), one NewOrderSingle per order.</summary>
        [Parameter]
        public KalshiRoute Via { get; set; }

        protected override void ProcessRecord()
        {
            string ticker = null, clientOrderId = null, orderGroupId = null;
            try
            {
                ticker = Segment.Parse(SegmentKind.MarketTicker, Ticker, nameof(Ticker)).Value;
                if (!Segment.IsBlank(ClientOrderId)) clientOrderId = Segment.Parse(SegmentKind.ClientOrderId, ClientOrderId, nameof(ClientOrderId)).Value;
                if (!Segment.IsBlank(OrderGroupId)) orderGroupId = Segment.Parse(SegmentKind.OrderGroupId, OrderGroupId, nameof(OrderGroupId)).Value;
            }
            catch (InvalidSegmentException e) { Fail(e, e.Received); return; }

            var spec = new OrderSpec
            {
                Ticker = ticker,
                Side = Side,
                Action = Action,
                Count = Count,
                Price = Price,
                TimeInForce = TimeInForce ?? KalshiTimeInForce.GoodTillCanceled,
                ExpirationTime = ExpirationTime,
                PostOnly = PostOnly.IsPresent,
                ReduceOnly = ReduceOnly.IsPresent,
                SelfTradePrevention = SelfTradePrevention ?? KalshiSelfTradePrevention.TakerAtCross,
                ClientOrderId = clientOrderId,
                OrderGroupId = orderGroupId,
                CancelOnPause = CancelOnPause.IsPresent,
                Subaccount = Subaccount,
            };
            var target = spec.Describe();

            // 1. Checks that need nothing from the exchange.
            try
            {
                OrderValidation.CheckStatic(spec, DateTime.UtcNow);
                OrderValidation.CheckLimits(spec.Action, spec.Price, spec.Count, ActiveSession.Limits); // before even the market lookup
            }
            catch (OrderValidationException e) { Fail(e, target); return; }

            // 2. The market's grid and granularity (one read per market per session, then cached).
            Exception lookupError = null;
            var rules = RunAsync(async ct =>
            {
                try { return await MarketData.GetRulesAsync(spec.Ticker, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { lookupError = e; return null; }
            });
            if (rules == null) { Fail(lookupError, target); return; }
            try { OrderValidation.CheckMarket(spec, rules); }
            catch (OrderValidationException e) { Fail(e, target); return; }
            Fix.Client.KalshiFixConnection fix = null;
            if (Via == KalshiRoute.Fix)
            {
                try { fix = FixOrderRouting.ForNew(this, spec); }
                catch (OrderValidationException e) { Fail(e, target); return; }
            }

            // 3. Only then ask; -WhatIf stops here with nothing written.
            if (!ShouldProcess(target, fix != null ? "Place Kalshi order over FIX" : "Place Kalshi order")) return;
            spec.EnsureClientOrderId();
            if (fix != null) { FixOrderRouting.Place(this, fix, spec, target); return; } // one NewOrderSingle per record, at once
            _pending.Add(new Entry(spec, null, target));
            if (_pending.Count(p => p.Spec != null) >= BatchSize) Flush();
        }

        protected override void EndProcessing() => Flush();

        /// <summary>A per-record error: written now if nothing earlier is waiting, else queued to keep input order.</summary>
        private void Fail(Exception e, string target)
        {
            if (_pending.Count == 0) WriteError(ErrorRecords.From(e, target));
            else _pending.Add(new Entry(null, e, target));
        }

        private void Flush()
        {
            if (_pending.Count == 0) return;
            var entries = _pending.ToList();
            _pending.Clear();
            var specs = entries.Where(e => e.Spec != null).Select(e => e.Spec).ToList();
            IReadOnlyList<ItemOutcome<KalshiOrderResult>> outcomes = Array.Empty<ItemOutcome<KalshiOrderResult>>();
            if (specs.Count > 0)
                outcomes = RunAsync(ct => PlaceAsync(specs, ct));
            int next = 0;
            foreach (var entry in entries)
            {
                if (entry.Spec == null) { WriteError(ErrorRecords.From(entry.Error, entry.Target)); continue; }
                var outcome = outcomes[next++];
                if (outcome.Error != null) WriteError(ErrorRecords.From(outcome.Error, entry.Target));
                else WriteObject(outcome.Value);
            }
        }

        private async Task<IReadOnlyList<ItemOutcome<KalshiOrderResult>>> PlaceAsync(List<OrderSpec> specs, CancellationToken ct)
        {
            var api = Orders;
            if (specs.Count == 1)
            {
                try { return new[] { new ItemOutcome<KalshiOrderResult>(await api.CreateAsync(specs[0], ct).ConfigureAwait(false)) }; }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { return new[] { new ItemOutcome<KalshiOrderResult>(e) }; }
            }
            EmitVerbose($"Placing {specs.Count} orders in one batch request.");
            return await api.CreateBatchAsync(specs, ct).ConfigureAwait(false);
        }

        private sealed class Entry
        {
            public Entry(OrderSpec spec, Exception error, string target) { Spec = spec; Error = error; Target = target; }
            public OrderSpec Spec { get; }
            public Exception Error { get; }
            public string Target { get; }
        }
    }
}
