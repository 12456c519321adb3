using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists events or gets events by ticker; -IncludeMarkets adds each event's markets.</summary>
    [Cmdlet(VerbsCommon.Get, "KalshiEvent", HelpUri = HelpUris.Root + "Get-KalshiEvent.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiEvent))]
    public sealed class GetKalshiEventCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] EventTicker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        [Parameter]
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
            var status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status.ToString().ToLowerInvariant() : null;
            RunAsync(ct => ListAsync(status, ct));
        }

        private Task ListAsync(string status, CancellationToken ct) =>
            EmitPagesAsync(MarketData.ListEvents(status, SeriesTicker, IncludeMarkets, PageSize, ct), "Get-KalshiEvent");
    }
}
