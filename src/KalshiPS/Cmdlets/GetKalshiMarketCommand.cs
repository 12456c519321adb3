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
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Lists markets (every page, streamed as pages arrive) or gets markets by ticker. Tickers, event tickers and
    /// series tickers bind from pipeline objects by property name.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KalshiMarket", HelpUri = HelpUris.Root + "Get-KalshiMarket.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiMarket))]
    public sealed class GetKalshiMarketCommand : KalshiMarketDataCmdlet
    {
        private const int TickersPerRequest = 100;
        private readonly List<string> _pendingTickers = new List<string>();
        private ulong _seen;

        /// <summary>Market tickers. Without it, markets are listed with the filters.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Ticker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        [Parameter]
        public MarketStatusFilter Status { get; set; }

        /// <summary>Only markets closing at or after this time.</summary>
        [Parameter]
        public DateTime CloseAfter { get; set; }

        /// <summary>Only markets closing at or before this time.</summary>
        [Parameter]
        public DateTime CloseBefore { get; set; }

        /// <summary>Markets per request (1-1000).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            if (Ticker != null && Ticker.Length > 0)
            {
                _pendingTickers.AddRange(Ticker.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToUpperInvariant()));
                while (_pendingTickers.Count >= TickersPerRequest) FlushTickers(TickersPerRequest);
                return;
            }
            if (PagingDone) return;
            var query = new MarketQuery
            {
                Status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status.ToString().ToLowerInvariant() : null,
                EventTicker = EventTicker,
                SeriesTicker = SeriesTicker,
                MinCloseTs = MyInvocation.BoundParameters.ContainsKey(nameof(CloseAfter)) ? JsonFields.ToUnixSeconds(CloseAfter) : (long?)null,
                MaxCloseTs = MyInvocation.BoundParameters.ContainsKey(nameof(CloseBefore)) ? JsonFields.ToUnixSeconds(CloseBefore) : (long?)null,
            };
            RunAsync(ct => StreamAsync(query, null, ct));
        }

        protected override void EndProcessing()
        {
            while (_pendingTickers.Count > 0) FlushTickers(TickersPerRequest);
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(_seen, 1.0));
        }

        private void FlushTickers(int count)
        {
            var batch = _pendingTickers.Take(count).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            _pendingTickers.RemoveRange(0, Math.Min(count, _pendingTickers.Count));
            if (PagingDone) return;
            var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            RunAsync(ct => StreamAsync(new MarketQuery { Tickers = batch }, found, ct));
            foreach (var missing in batch.Where(t => !found.Contains(t)))
                WriteError(ErrorRecords.From(KalshiApiException.MarketMissing(missing, "/markets"), missing));
        }

        private Task StreamAsync(MarketQuery query, HashSet<string> found, CancellationToken ct) =>
            EmitPagesAsync(MarketData.ListMarkets(query, PageSize, ct), "Get-KalshiMarket", m => { found?.Add(m.Ticker); _seen++; });
    }

    /// <summary>The status filter vocabulary of GET /markets (different from the status values markets report).</summary>
    public enum MarketStatusFilter { Unopened, Open, Paused, Closed, Settled }
}
