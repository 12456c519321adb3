using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Proposes a block trade between a buyer and a seller; it executes once both accepted (Approve-KalshiBlockTrade).</summary>
    [KalshiOperation("ProposeBlockTrade")]
    [Cmdlet(VerbsCommon.New, "KalshiBlockTrade", HelpUri = HelpUris.Root + "New-KalshiBlockTrade.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiBlockTrade))]
    public sealed class NewKalshiBlockTradeCommand : KalshiCmdlet
    {
        internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string Ticker { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string BuyerUserId { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string SellerUserId { get; set; }

        /// <summary>Price per contract in dollars (Kalshi carries it in 0.0001-dollar units).</summary>
        [Parameter(Mandatory = true)]
        public decimal Price { get; set; }

        [Parameter(Mandatory = true)]
        public decimal Count { get; set; }

        [Parameter(Mandatory = true)]
        public KalshiSide MakerSide { get; set; }

        /// <summary>When the proposal lapses unless both accepted; default 15 minutes from now.</summary>
        [Parameter]
        public DateTime? Expiration { get; set; }

        [Parameter]
        [ValidateRange(0, 63)]
        public int? BuyerSubaccount { get; set; }

        [Parameter]
        [ValidateRange(0, 63)]
        public int? SellerSubaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)) return;
            var now = ActiveSession.Time.GetUtcNow().UtcDateTime;
            var expiration = Expiration?.ToUniversalTime() ?? now + DefaultLifetime;
            var problem = CommunicationsInput.CountProblem(Count, nameof(Count))
                ?? (Price <= 0m || Price >= 1m ? $"-Price must be more than 0 and under 1 dollar (got {CommunicationsInput.Num(Price)}); nothing was sent."
                : decimal.Round(Price, 4) != Price ? $"-Price {CommunicationsInput.Num(Price)} has more than 4 decimals (Kalshi's unit is 0.0001 dollar); nothing was sent."
                : expiration <= now ? "-Expiration is in the past; nothing was sent." : null);
            if (problem != null) { WriteError(ErrorRecords.From(CommunicationsInput.Invalid(problem, nameof(Price)), ticker)); return; }
            var spec = new BlockTradeSpec
            {
                Ticker = ticker, BuyerUserId = BuyerUserId.Trim(), SellerUserId = SellerUserId.Trim(), Price = Price, Count = Count, MakerSide = MakerSide,
                Expiration = expiration, BuyerSubaccount = BuyerSubaccount, SellerSubaccount = SellerSubaccount,
            };
            if (!ShouldProcess($"{CommunicationsInput.Num(Count)} contracts of {ticker} at {CommunicationsInput.Num(Price)} from {spec.SellerUserId} to {spec.BuyerUserId}", "Propose Kalshi block trade")) return;
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(async ct =>
            {
                string id;
                try { id = await api.ProposeBlockTradeAsync(spec, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, ticker); return; }
                EmitVerbose($"Proposed block trade {id} on {ticker}.");
                KalshiBlockTrade found = null;
                try { found = await api.GetBlockTradeAsync(id, ticker, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitVerbose("Reading the proposal back failed (" + e.Message + "); showing what was sent."); }
                Emit(found ?? new KalshiBlockTrade
                {
                    BlockTradeId = id, Ticker = ticker, Price = Price, Count = Count, MakerSide = CommunicationsWire.Side(MakerSide),
                    BuyerUserId = spec.BuyerUserId, SellerUserId = spec.SellerUserId, ExpirationTime = expiration,
                });
            });
        }
    }
}
