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
            var api = new EventsApi(ActiveSession);
            EmitEach(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), async (ticker, ct) => await api.GetMetadataAsync(ticker.Value, ct).ConfigureAwait(false));
        }
    }
}
