using System;
using System.Globalization;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Amends a resting order (price, total count, expiration: POST .../amend) or shrinks it (-DecreaseBy/-DecreaseTo:
    /// POST .../decrease, which keeps queue priority). OrderId and Ticker bind from piped orders.
    /// </summary>
    [KalshiOperation("AmendOrderV2", "DecreaseOrderV2")]
    [Cmdlet(VerbsCommon.Set, "KalshiOrder", HelpUri = HelpUris.Root + "Set-KalshiOrder.md", DefaultParameterSetName = AmendSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiOrder))]
    public sealed class SetKalshiOrderCommand : KalshiCmdlet
    {
        private const string AmendSet = "Amend";
        private const string DecreaseBySet = "DecreaseBy";
        private const string DecreaseToSet = "DecreaseTo";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check, with the shape an id must have
        public string OrderId { get; set; }

        /// <summary>The order's market (routes the request; read from the order when omitted).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        /// <summary>New limit price of the order's Side (as Get-KalshiOrder shows it), on the market's grid.</summary>
        [Parameter(ParameterSetName = AmendSet)]
        [InvariantDecimal]
        public decimal? Price { get; set; }

        /// <summary>New total count, including what has already filled (Kalshi's amend semantics).</summary>
        [Parameter(ParameterSetName = AmendSet)]
        [InvariantDecimal]
        public decimal? Count { get; set; }

        [Parameter(ParameterSetName = AmendSet)]
        public DateTime? ExpirationTime { get; set; }

        /// <summary>Contracts to take off the resting count (keeps queue priority).</summary>
        [Parameter(ParameterSetName = DecreaseBySet, Mandatory = true)]
        [InvariantDecimal]
        public decimal DecreaseBy { get; set; }

        /// <summary>Resting count to shrink to (0 cancels; keeps queue priority).</summary>
        [Parameter(ParameterSetName = DecreaseToSet, Mandatory = true)]
        [InvariantDecimal]
        public decimal DecreaseTo { get; set; }

        /// <summary>The order's account (0 primary, 1-63); read from the order when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        /// <summary>Rest (default) or Fix: amend over the session's FIX order-entry connection (OrderCancelReplaceRequest).</summary>
        [Parameter]
        public KalshiRoute Via { get; set; }

        /// <summary>Writes the order as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.OrderId, OrderId, nameof(OrderId), out var id)
                || !TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var givenTicker)) return;
            if (ParameterSetName == AmendSet && !Price.HasValue && !Count.HasValue && !ExpirationTime.HasValue)
            {
                WriteError(ErrorRecords.From(new OrderValidationException("Give at least one of -Price, -Count or -ExpirationTime (or use -DecreaseBy / -DecreaseTo).", "Price"), id));
                return;
            }

            Exception readError = null;
            var current = RunAsync(async ct =>
            {
                try { return await Orders.GetOrderAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { readError = e; return null; }
            });
            if (current == null) { WriteError(ErrorRecords.From(readError, id)); return; }
            var ticker = givenTicker ?? current.Ticker;
            if (current.Ticker == null) current.Ticker = ticker;
            if (Subaccount.HasValue && current.Subaccount.HasValue && Subaccount.Value != current.Subaccount.Value)
            {
                WriteError(ErrorRecords.From(new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                    "Order {0} belongs to subaccount {1}, not {2}; nothing was sent. Omit -Subaccount (it is read from the order) or pass -Subaccount {1}.",
                    id, current.Subaccount.Value, Subaccount.Value), "Subaccount"), id));
                return;
            }
            if (!current.Subaccount.HasValue) current.Subaccount = Subaccount; // the change is sent to the order's own account

            MarketRules rules = null;
            var rulesTicker = ticker;
            if (!string.IsNullOrEmpty(rulesTicker))
                rules = RunAsync(async ct =>
                {
                    try { return await MarketData.GetRulesAsync(rulesTicker, ct).ConfigureAwait(false); }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { readError = e; return null; }
                });
            if (rules == null) { WriteError(ErrorRecords.From(readError ?? new OrderValidationException("The order's market is unknown; pass -Ticker.", "Ticker"), id)); return; }

            var side = current.Side == "No" ? KalshiSide.No : KalshiSide.Yes;
            var filled = current.FilledCount ?? 0m;
            var remaining = current.RemainingCount ?? 0m;
            string change;
            try
            {
                switch (ParameterSetName)
                {
                    case AmendSet:
                    {
                        var price = Price ?? current.Price ?? throw new OrderValidationException("The order has no price to keep; pass -Price.", "Price");
                        var total = Count ?? filled + remaining;
                        if (Price.HasValue) OrderValidation.CheckPrice(side, price, rules, "Price");
                        if (Count.HasValue)
                        {
                            OrderValidation.CheckCount(total, rules, "Count");
                            if (total <= filled)
                                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                                    "-Count is the new total including filled contracts; {0} already filled, so it must be more than {0}.", OrderValidation.Num(filled)), "Count");
                        }
                        // The fat-finger guard holds for amends that make an order bigger or dearer.
                        var raises = (Count.HasValue && total > filled + remaining) || (Price.HasValue && (!current.Price.HasValue || price > current.Price.Value));
                        if (raises)
                            OrderValidation.CheckLimits(current.Action == "Sell" ? KalshiAction.Sell : KalshiAction.Buy, price, total, ActiveSession.Limits, Count.HasValue ? "Count" : "Price");
                        long? expiry = null;
                        if (ExpirationTime.HasValue)
                        {
                            if (OrderValidation.ToUtc(ExpirationTime.Value) <= DateTime.UtcNow)
                                throw new OrderValidationException("-ExpirationTime must be in the future.", "ExpirationTime");
                            expiry = JsonFields.ToUnixSeconds(ExpirationTime.Value);
                        }
                        var yes = side == KalshiSide.Yes ? price : 1m - price;
                        change = string.Format(CultureInfo.InvariantCulture, "amend to {0} {1} @ {2} (total count incl. filled){3}",
                            OrderValidation.Num(total), side, OrderValidation.Num(price), expiry.HasValue ? ", expires " + ExpirationTime.Value.ToString("u", CultureInfo.InvariantCulture) : "");
                        var fix = Via == KalshiRoute.Fix ? FixOrderRouting.ForAmend(this, yes, ExpirationTime.HasValue) : null;
                        if (!ShouldProcess(Target(current, ticker), change)) return;
                        if (fix != null) { FixOrderRouting.Amend(this, fix, current, ticker, yes, total, PassThru); return; }
                        Send(id, ticker, ct => Orders.AmendAsync(current, yes, total, expiry, ct));
                        return;
                    }
                    case DecreaseBySet:
                        if (DecreaseBy <= 0m) throw new OrderValidationException("-DecreaseBy must be greater than 0.", "DecreaseBy");
                        OrderValidation.CheckCount(DecreaseBy, rules, "DecreaseBy");
                        change = "decrease by " + OrderValidation.Num(DecreaseBy);
                        var fixBy = Via == KalshiRoute.Fix ? FixDecrease(current, remaining - DecreaseBy) : null;
                        if (!ShouldProcess(Target(current, ticker), change)) return;
                        if (fixBy != null) { FixOrderRouting.Amend(this, fixBy, current, ticker, current.YesPrice.Value, filled + remaining - DecreaseBy, PassThru); return; }
                        Send(id, ticker, ct => Orders.DecreaseAsync(current, ticker, DecreaseBy, null, ct));
                        return;
                    default:
                        if (DecreaseTo < 0m) throw new OrderValidationException("-DecreaseTo must be 0 or more (0 cancels the order).", "DecreaseTo");
                        if (DecreaseTo > 0m) OrderValidation.CheckCount(DecreaseTo, rules, "DecreaseTo");
                        if (DecreaseTo >= remaining)
                            throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                                "-DecreaseTo {0} is not below the resting count {1}; use -Count to increase an order.", OrderValidation.Num(DecreaseTo), OrderValidation.Num(remaining)), "DecreaseTo");
                        change = "decrease to " + OrderValidation.Num(DecreaseTo);
                        var fixTo = Via == KalshiRoute.Fix ? FixDecrease(current, DecreaseTo) : null;
                        if (!ShouldProcess(Target(current, ticker), change)) return;
                        if (fixTo != null) { FixOrderRouting.Amend(this, fixTo, current, ticker, current.YesPrice.Value, filled + DecreaseTo, PassThru); return; }
                        Send(id, ticker, ct => Orders.DecreaseAsync(current, ticker, null, DecreaseTo, ct));
                        return;
                }
            }
            catch (OrderValidationException e) { WriteError(ErrorRecords.From(e, id)); }
        }

        /// <summary>A decrease over FIX is a replace with the smaller total at the same price; to 0 is a cancel (Remove-KalshiOrder).</summary>
        private Fix.Client.KalshiFixConnection FixDecrease(KalshiOrder current, decimal newRemaining)
        {
            if (newRemaining <= 0m)
                throw new OrderValidationException("Over FIX a decrease to 0 is a cancel: use Remove-KalshiOrder -OrderId ... -Via Fix.", "DecreaseTo");
            if (!current.YesPrice.HasValue) throw new OrderValidationException("The order's price is unknown, and a FIX replace must name it; use REST (-Via Rest).", "Via");
            return FixOrderRouting.ForAmend(this, current.YesPrice.Value, false);
        }

        private static string Target(KalshiOrder o, string ticker) => string.Format(CultureInfo.InvariantCulture,
            "order {0} ({1}: {2} {3} {4} @ {5})", o.OrderId, ticker, o.Action, OrderValidation.Num(o.RemainingCount ?? 0m), o.Side, o.Price.HasValue ? OrderValidation.Num(o.Price.Value) : "?");

        /// <summary>Sends the change; -PassThru writes the order as the exchange shows it afterwards.</summary>
        private void Send(string id, string ticker, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<KalshiOrder>> write)
        {
            RunAsync(async ct =>
            {
                try
                {
                    var settled = await write(ct).ConfigureAwait(false); // the order as read when an unclear answer was settled
                    if (!PassThru) return;
                    if (settled != null) { Emit(settled); return; }
                    try { Emit(await Orders.GetOrderAsync(id, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested)
                    {
                        // The change is done; only reading it back failed, which must not look like a failed change.
                        EmitWarning($"Order {id} was changed, but reading it back failed ({e.ApiMessage ?? e.Kind.ToString()}); Get-KalshiOrder -OrderId {id} shows it.");
                    }
                }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); }
            });
        }
    }
}
