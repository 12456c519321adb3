using System;
using System.Globalization;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Moves cash inside your Kalshi account: between subaccounts (-From, -To: 0 primary, 1-63), or between exchange
    /// instances and shards (-FromInstance, -ToInstance). A subaccount transfer carries a client transfer id, so a
    /// retry can never apply it twice; the outcome reported is the true one (done, not done, or unknown and how to check).
    /// </summary>
    [KalshiOperation("ApplySubaccountTransfer", "IntraExchangeInstanceTransfer")]
    [Cmdlet(VerbsCommon.Move, "KalshiBalance", HelpUri = HelpUris.Root + "Move-KalshiBalance.md", DefaultParameterSetName = SubaccountSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiTransfer))]
    public sealed class MoveKalshiBalanceCommand : KalshiCmdlet
    {
        private const string SubaccountSet = "Subaccount";
        private const string InstanceSet = "ExchangeInstance";

        /// <summary>Dollars to move: whole cents between subaccounts, at most 4 decimals between instances.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [InvariantDecimal]
        public decimal Amount { get; set; }

        /// <summary>The account the cash leaves (0 primary, 1-63).</summary>
        [Parameter(ParameterSetName = SubaccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FromSubaccount")]
        [ValidateSubaccount]
        public int? From { get; set; }

        /// <summary>The account the cash goes to (0 primary, 1-63).</summary>
        [Parameter(ParameterSetName = SubaccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InstanceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ToSubaccount")]
        [ValidateSubaccount]
        public int? To { get; set; }

        /// <summary>Your idempotency key for a subaccount transfer; a GUID is generated when omitted.</summary>
        [Parameter(ParameterSetName = SubaccountSet, ValueFromPipelineByPropertyName = true)]
        public string ClientTransferId { get; set; }

        /// <summary>The exchange shard of a subaccount transfer (Kalshi's default: 0).</summary>
        [Parameter(ParameterSetName = SubaccountSet)]
        [ValidateRange(0, int.MaxValue)]
        public int? ExchangeIndex { get; set; }

        [Parameter(ParameterSetName = InstanceSet, Mandatory = true)]
        public KalshiExchangeInstance FromInstance { get; set; }

        [Parameter(ParameterSetName = InstanceSet, Mandatory = true)]
        public KalshiExchangeInstance ToInstance { get; set; }

        /// <summary>Source exchange shard (Kalshi's default: 0).</summary>
        [Parameter(ParameterSetName = InstanceSet)]
        [ValidateRange(0, int.MaxValue)]
        public int? FromExchangeIndex { get; set; }

        /// <summary>Destination exchange shard (Kalshi's default: 0).</summary>
        [Parameter(ParameterSetName = InstanceSet)]
        [ValidateRange(0, int.MaxValue)]
        public int? ToExchangeIndex { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                if (ParameterSetName == InstanceSet) MoveBetweenInstances();
                else MoveBetweenSubaccounts();
            }
            catch (ArgumentException e) { WriteError(ErrorRecords.From(e, Amount)); }
        }

        /// <summary>-Amount in the wire's units (cents, centicents): positive and exact, or refused with <paramref name="tooFine"/>.</summary>
        private long Units(decimal perDollar, string tooFine)
        {
            if (Amount <= 0m) throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "-Amount {0} must be more than 0.", UserNumber.Exact(Amount)), nameof(Amount));
            if (Amount > 1_000_000_000_000m) throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "-Amount {0} is larger than any Kalshi balance.", UserNumber.Exact(Amount)), nameof(Amount));
            var units = Amount * perDollar;
            if (units != decimal.Truncate(units) || units > long.MaxValue)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, tooFine, UserNumber.Exact(Amount)), nameof(Amount));
            return (long)units;
        }

        private void MoveBetweenSubaccounts()
        {
            var cents = Units(100m, "-Amount {0} is not a whole number of cents; Kalshi moves whole cents between subaccounts (e.g. 12.34). Nothing was rounded or sent.");
            if (From.Value == To.Value) throw new ArgumentException($"-From and -To are both subaccount {From.Value}; nothing to move.", nameof(To));
            string clientId = null;
            if (!Segment.IsBlank(ClientTransferId))
            {
                try { clientId = Segment.Parse(SegmentKind.ClientTransferId, ClientTransferId, nameof(ClientTransferId)).Value; }
                catch (InvalidSegmentException e) { WriteError(ErrorRecords.From(e, e.Received)); return; }
            }
            var spec = new TransferSpec
            {
                ClientTransferId = clientId ?? Guid.NewGuid().ToString(),
                ClientTransferIdGenerated = clientId == null,
                From = From.Value, To = To.Value, AmountCents = cents, ExchangeIndex = ExchangeIndex,
            };
            if (!ShouldProcess(spec.Describe(), "Move Kalshi balance")) return;
            RunAsync(async ct =>
            {
                try { Emit(await new SubaccountApi(ActiveSession).TransferAsync(spec, ct).ConfigureAwait(false)); }
                catch (Http.KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, spec.Describe()); }
            });
        }

        private void MoveBetweenInstances()
        {
            Units(10000m, "-Amount {0} is finer than Kalshi's 0.0001 dollar steps between exchange instances. Nothing was rounded or sent.");
            bool contracts = FromInstance == KalshiExchangeInstance.EventContract && ToInstance == KalshiExchangeInstance.EventContract;
            if (!contracts && (From.HasValue || To.HasValue))
                throw new ArgumentException("-From/-To (subaccounts) work only between EventContract instances; Kalshi moves margined cash from and to the primary account.", From.HasValue ? nameof(From) : nameof(To));
            if (FromInstance == ToInstance && (From ?? 0) == (To ?? 0) && (FromExchangeIndex ?? 0) == (ToExchangeIndex ?? 0))
                throw new ArgumentException("The source and the destination are the same; nothing to move.", nameof(ToInstance));
            var spec = new InstanceTransferSpec
            {
                Source = FromInstance, Destination = ToInstance, Amount = Amount,
                SourceShard = FromExchangeIndex, DestinationShard = ToExchangeIndex, SourceSubaccount = From, DestinationSubaccount = To,
            };
            if (!ShouldProcess(spec.Describe(), "Move Kalshi balance")) return;
            RunAsync(async ct =>
            {
                try { Emit(await new SubaccountApi(ActiveSession).InstanceTransferAsync(spec, ct).ConfigureAwait(false)); }
                catch (Http.KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, spec.Describe()); }
            });
        }
    }
}
