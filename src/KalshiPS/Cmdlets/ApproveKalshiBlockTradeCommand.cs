using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Accepts a block trade proposal as its buyer or seller; once both accepted it executes.</summary>
    [KalshiOperation("AcceptBlockTradeProposal")]
    [Cmdlet(VerbsLifecycle.Approve, "KalshiBlockTrade", HelpUri = HelpUris.Root + "Approve-KalshiBlockTrade.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiBlockTrade))]
    public sealed class ApproveKalshiBlockTradeCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string BlockTradeId { get; set; }

        /// <summary>The proposal's market (narrows the lookups that settle an unclear answer and -PassThru).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter]
        [ValidateRange(0, 63)]
        public int? Subaccount { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.BlockTradeId, BlockTradeId, nameof(BlockTradeId), out var id)
                || !TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)) return;
            if (!ShouldProcess("block trade proposal " + id + (ticker != null ? " on " + ticker : ""), "Accept Kalshi block trade")) return;
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(async ct =>
            {
                try { await api.AcceptBlockTradeAsync(id, ticker, Subaccount, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); return; }
                EmitVerbose($"Accepted block trade proposal {id}.");
                if (PassThru) Emit(await api.GetBlockTradeAsync(id, ticker, ct).ConfigureAwait(false));
            });
        }
    }
}
