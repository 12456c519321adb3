using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists multivariate event collections (by status, series or associated event) or gets collections by ticker.</summary>
    [KalshiOperation("GetMultivariateEventCollections", "GetMultivariateEventCollection")]
    [Cmdlet(VerbsCommon.Get, "KalshiMultivariateCollection", HelpUri = HelpUris.Root + "Get-KalshiMultivariateCollection.md", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(KalshiMultivariateCollection))]
    public sealed class GetKalshiMultivariateCollectionCommand : KalshiMarketDataCmdlet
    {
        private const string ListSet = "List";
        private const string TickerSet = "Ticker";

        [Parameter(ParameterSetName = TickerSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string[] CollectionTicker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Unopened", "Open", "Closed")]
        public string Status { get; set; }

        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        [AllowNull, AllowEmptyString] // blank means "not given"
        public string SeriesTicker { get; set; }

        /// <summary>Only collections whose selections may take markets of this event.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString] // blank means "not given"
        public string AssociatedEventTicker { get; set; }

        /// <summary>Collections per request (1-200).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 200)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var api = new MultivariateApi(ActiveSession);
            if (ParameterSetName == ListSet)
            {
                if (!TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var series)
                    || !TryOptionalSegment(SegmentKind.EventTicker, AssociatedEventTicker, nameof(AssociatedEventTicker), out var eventTicker)) return;
                if (SkipListing()) return;
                var status = Status?.ToLowerInvariant();
                RunAsync(ct => EmitPagesAsync(api.List(status, series, eventTicker, PageSize, ct), MyInvocation.MyCommand.Name));
                return;
            }
            EmitEach(SegmentKind.CollectionTicker, CollectionTicker, nameof(CollectionTicker), async (ticker, ct) => await api.GetAsync(ticker, ct).ConfigureAwait(false));
        }

        protected override void EndProcessing() => WriteTotalCount();
    }
}
