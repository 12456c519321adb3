using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Block trade proposals you can see (proposed by you, or with you as buyer or seller), every page.</summary>
    [KalshiOperation("GetBlockTradeProposals")]
    [Cmdlet(VerbsCommon.Get, "KalshiBlockTrade", HelpUri = HelpUris.Root + "Get-KalshiBlockTrade.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiBlockTrade))]
    public sealed class GetKalshiBlockTradeCommand : KalshiPagedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        /// <summary>Kalshi's status word, e.g. pending, executed, expired.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Status { get; set; }

        /// <summary>Only these proposals (Kalshi has no single-proposal read; the listing is filtered here).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[] BlockTradeId { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)) return;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in BlockTradeId ?? new string[0])
            {
                if (!TrySegment(SegmentKind.BlockTradeId, raw, nameof(BlockTradeId), out var id)) return;
                ids.Add(id);
            }
            var status = Status?.Trim().ToLowerInvariant();
            var api = new CommunicationsApi(ActiveSession);
            RunAsync(ct => StreamAsync(ids.Count == 0 ? api.ListBlockTrades(ticker, status, PageSize, ct) : Only(api.ListBlockTrades(ticker, status, PageSize, ct), ids), ct));
        }

        private static async IAsyncEnumerable<Page<KalshiBlockTrade>> Only(IAsyncEnumerable<Page<KalshiBlockTrade>> pages, HashSet<string> ids)
        {
            await foreach (var page in pages.ConfigureAwait(false))
                yield return new Page<KalshiBlockTrade>(page.Number, System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(page.Items, b => ids.Contains(b.BlockTradeId))), page.IsLast);
        }
    }
}
