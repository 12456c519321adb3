using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists series (optionally by category) or gets series by ticker.</summary>
    [KalshiOperation("GetSeriesList", "GetSeries")]
    [Cmdlet(VerbsCommon.Get, "KalshiSeries", HelpUri = HelpUris.Root + "Get-KalshiSeries.md")]
    [OutputType(typeof(KalshiSeries))]
    public sealed class GetKalshiSeriesCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string[] SeriesTicker { get; set; }

        [Parameter]
        public string Category { get; set; }

        protected override void ProcessRecord()
        {
            var listAll = (SeriesTicker == null || SeriesTicker.Length == 0) && !MyInvocation.BoundParameters.ContainsKey(nameof(SeriesTicker));
            var tickers = new List<string>();
            if (!listAll)
            {
                foreach (var raw in SeriesTicker ?? new string[] { null })
                    if (TrySegment(SegmentKind.SeriesTicker, raw, nameof(SeriesTicker), out var checkedTicker)) tickers.Add(checkedTicker);
                if (tickers.Count == 0) return;
            }
            RunAsync(async ct =>
            {
                if (listAll)
                {
                    foreach (var s in await MarketData.ListSeriesAsync(Category, ct).ConfigureAwait(false)) Emit(s);
                    return;
                }
                foreach (var ticker in tickers)
                {
                    try { Emit(await MarketData.GetSeriesAsync(ticker, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                }
            });
        }
    }
}
