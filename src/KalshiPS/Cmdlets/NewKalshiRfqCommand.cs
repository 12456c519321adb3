using System.Globalization;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Asks market makers for quotes on one market: a size in contracts (-Contracts) or in dollars (-TargetCost).</summary>
    [KalshiOperation("CreateRFQ")]
    [Cmdlet(VerbsCommon.New, "KalshiRfq", HelpUri = HelpUris.Root + "New-KalshiRfq.md", DefaultParameterSetName = ContractsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiRfq))]
    public sealed class NewKalshiRfqCommand : KalshiCmdlet
    {
        private const string ContractsSet = "ByContracts";
        private const string CostSet = "ByTargetCost";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string Ticker { get; set; }

        [Parameter(ParameterSetName = ContractsSet, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Count")]
        public decimal Contracts { get; set; }

        [Parameter(ParameterSetName = CostSet, Mandatory = true)]
        public decimal TargetCost { get; set; }

        [Parameter(ParameterSetName = CostSet)]
        public SwitchParameter TargetCostExcludesFees { get; set; }

        [Parameter]
        public SwitchParameter RestRemainder { get; set; }

        [Parameter]
        public SwitchParameter ReplaceExisting { get; set; }

        [Parameter]
        [ValidateRange(0, 63)]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)) return;
            var spec = new RfqSpec
            {
                Ticker = ticker, RestRemainder = RestRemainder, ReplaceExisting = ReplaceExisting, Subaccount = Subaccount,
                TargetCostExcludesFees = TargetCostExcludesFees,
            };
            string problem;
            if (ParameterSetName == CostSet) { spec.TargetCost = TargetCost; problem = CommunicationsInput.DollarsProblem(TargetCost, nameof(TargetCost)); }
            else { spec.Contracts = Contracts; problem = CommunicationsInput.CountProblem(Contracts, nameof(Contracts)); }
            if (problem != null) { WriteError(ErrorRecords.From(CommunicationsInput.Invalid(problem, ParameterSetName == CostSet ? nameof(TargetCost) : nameof(Contracts)), ticker)); return; }
            var size = spec.Contracts.HasValue ? CommunicationsInput.Num(spec.Contracts.Value) + " contracts" : "$" + CommunicationsInput.Num(spec.TargetCost.Value);
            if (!ShouldProcess($"{ticker} ({size}{(ReplaceExisting ? ", replacing your open RFQs" : "")})", "Create Kalshi RFQ")) return;
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(async ct =>
            {
                string id;
                try { id = await api.CreateRfqAsync(spec, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, ticker); return; }
                EmitVerbose($"Created RFQ {id} on {ticker} ({size}).");
                KalshiRfq rfq = null;
                try { rfq = await api.GetRfqAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitVerbose("Reading the new RFQ back failed (" + e.Message + "); showing what was sent."); }
                Emit(rfq ?? new KalshiRfq
                {
                    RfqId = id, Ticker = ticker, Contracts = spec.Contracts, TargetCost = spec.TargetCost, Status = "open", RestRemainder = RestRemainder,
                });
            });
        }
    }
}
