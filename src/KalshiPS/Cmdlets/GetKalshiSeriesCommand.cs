using System.Linq;
using System.Management.Automation;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists series (optionally by category) or gets series by ticker.</summary>
    [Cmdlet(VerbsCommon.Get, "KalshiSeries", HelpUri = HelpUris.Root + "Get-KalshiSeries.md")]
    [OutputType(typeof(KalshiSeries))]
    public sealed class GetKalshiSeriesCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] SeriesTicker { get; set; }

        [Parameter]
        public string Category { get; set; }

        protected override void ProcessRecord()
        {
            RunAsync(async ct =>
            {
                if (SeriesTicker == null || SeriesTicker.Length == 0)
                {
                    foreach (var s in await MarketData.ListSeriesAsync(Category, ct).ConfigureAwait(false)) Emit(s);
                    return;
                }
                foreach (var ticker in SeriesTicker)
                {
                    try { Emit(await MarketData.GetSeriesAsync(ticker, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                }
            });
        }
    }
}
