using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Presentation details of events (images, market colours, competition, settlement sources), one object per event.</summary>
    [KalshiOperation("GetEventMetadata")]
    [Cmdlet(VerbsCommon.Get, "KalshiEventMetadata", HelpUri = HelpUris.Root + "Get-KalshiEventMetadata.md")]
    [OutputType(typeof(KalshiEventMetadata))]
    public sealed class GetKalshiEventMetadataCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string[] EventTicker { get; set; }

        protected override void ProcessRecord()
        {
            var tickers = new System.Collections.Generic.List<string>();
            foreach (var raw in EventTicker ?? new string[] { null })
                if (TrySegment(SegmentKind.EventTicker, raw, nameof(EventTicker), out var checkedTicker)) tickers.Add(checkedTicker);
            if (tickers.Count == 0) return;
            RunAsync(async ct =>
            {
                var api = new EventsApi(ActiveSession);
                foreach (var ticker in tickers)
                {
                    try { Emit(await api.GetMetadataAsync(ticker, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                }
            });
        }
    }
}
