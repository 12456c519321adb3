using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Lists events or gets events by ticker; -IncludeMarkets adds each event's markets. Strings from the pipeline are
    /// event tickers; markets bind their EventTicker, series their SeriesTicker (listing that series' events).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KalshiEvent", SupportsPaging = true, DefaultParameterSetName = TickerSet)]
    [OutputType(typeof(KalshiEvent))]
    public sealed class GetKalshiEventCommand : KalshiMarketDataCmdlet
    {
        private const string ListSet = "List";
        private const string TickerSet = "ByTicker";

        [Parameter(ParameterSetName = TickerSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] EventTicker { get; set; }

        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public MarketStatusFilter Status { get; set; }

        [Parameter]
        public SwitchParameter IncludeMarkets { get; set; }

        [Parameter]
        [ValidateRange(1, 200)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            if (EventTicker != null && EventTicker.Length > 0)
            {
                RunAsync(async ct =>
                {
                    foreach (var ticker in EventTicker)
                    {
                        try { Emit(await MarketData.GetEventAsync(ticker, IncludeMarkets, ct).ConfigureAwait(false)); }
                        catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                    }
                });
                return;
            }
            if (SkipListing()) return;
            var status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status.ToString().ToLowerInvariant() : null;
            RunAsync(ct => ListAsync(status, ct));
        }

        protected override void EndProcessing() => WriteTotalCount();

        private Task ListAsync(string status, CancellationToken ct) =>
            EmitPagesAsync(MarketData.ListEvents(status, SeriesTicker, IncludeMarkets, PageSize, ct), "Get-KalshiEvent");
    }
}
