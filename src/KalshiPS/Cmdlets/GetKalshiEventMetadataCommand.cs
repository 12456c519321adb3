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
        [ValidateNotNullOrEmpty]
        public string[] EventTicker { get; set; }

        protected override void ProcessRecord() =>
            RunAsync(async ct =>
            {
                var api = new EventsApi(ActiveSession);
                foreach (var ticker in EventTicker)
                {
                    try { Emit(await api.GetMetadataAsync(ticker, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                }
            });
    }
}
