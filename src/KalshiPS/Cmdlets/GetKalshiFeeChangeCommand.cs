using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Scheduled fee changes of series (all series, or one); -IncludeHistorical adds changes already in effect.</summary>
    [KalshiOperation("GetSeriesFeeChanges")]
    [Cmdlet(VerbsCommon.Get, "KalshiFeeChange", HelpUri = HelpUris.Root + "Get-KalshiFeeChange.md")]
    [OutputType(typeof(KalshiFeeChange))]
    public sealed class GetKalshiFeeChangeCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string SeriesTicker { get; set; }

        [Parameter]
        public SwitchParameter IncludeHistorical { get; set; }

        protected override void ProcessRecord() =>
            RunAsync(async ct =>
            {
                foreach (var change in await new ExchangeApi(ActiveSession).ListSeriesFeeChangesAsync(SeriesTicker, IncludeHistorical, ct).ConfigureAwait(false))
                    Emit(change);
            });
    }
}
