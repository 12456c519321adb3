using System;
using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
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
    /// -Multivariate lists combo events (GET /events/multivariate), which the plain listing leaves out.
    /// </summary>
    [KalshiOperation("GetEvents", "GetEvent", "GetMultivariateEvents")]
    [Cmdlet(VerbsCommon.Get, "KalshiEvent", HelpUri = HelpUris.Root + "Get-KalshiEvent.md", SupportsPaging = true, DefaultParameterSetName = TickerSet)]
    [OutputType(typeof(KalshiEvent))]
    public sealed class GetKalshiEventCommand : KalshiMarketDataCmdlet
    {
        private const string ListSet = "List";
        private const string TickerSet = "ByTicker";
        private const string MultivariateSet = "Multivariate";

        [Parameter(ParameterSetName = TickerSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string[] EventTicker { get; set; }

        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = MultivariateSet)] // not from the pipeline: a piped series lists its ordinary events
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        /// <summary>List multivariate (combo) events instead of the ordinary ones.</summary>
        [Parameter(ParameterSetName = MultivariateSet, Mandatory = true)]
        public SwitchParameter Multivariate { get; set; }

        /// <summary>Only the combo events of this multivariate event collection (not together with -SeriesTicker).</summary>
        [Parameter(ParameterSetName = MultivariateSet)]
        public string CollectionTicker { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public MarketStatusFilter Status { get; set; }

        [Parameter]
        public SwitchParameter IncludeMarkets { get; set; }

        [Parameter]
        [ValidateRange(1, 200)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            if (EventTicker != null && EventTicker.Length > 0 || MyInvocation.BoundParameters.ContainsKey(nameof(EventTicker)))
            {
                EmitEach(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), async (ticker, ct) => await MarketData.GetEventAsync(ticker.Value, IncludeMarkets, ct).ConfigureAwait(false));
                return;
            }
            if (SkipListing()) return;
            if (!TryOptionalSegment(SegmentKind.SeriesTicker, SeriesTicker, nameof(SeriesTicker), out var seriesTicker)) return;
            if (Multivariate)
            {
                if (!TryOptionalSegment(SegmentKind.CollectionTicker, CollectionTicker, nameof(CollectionTicker), out var collection)) return;
                if (seriesTicker != null && collection != null)
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give -SeriesTicker or -CollectionTicker, not both: Kalshi filters multivariate events by one of them."),
                        "KalshiInvalidArgument", ErrorCategory.InvalidArgument, CollectionTicker));
                RunAsync(ct => EmitPagesAsync(MarketData.ListMultivariateEvents(seriesTicker, collection, IncludeMarkets, PageSize, ct), "Get-KalshiEvent -Multivariate"));
                return;
            }
            var status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status.ToString().ToLowerInvariant() : null;
            RunAsync(ct => ListAsync(status, seriesTicker, ct));
        }

        protected override void EndProcessing() => WriteTotalCount();

        private Task ListAsync(string status, string seriesTicker, CancellationToken ct) =>
            EmitPagesAsync(MarketData.ListEvents(status, seriesTicker, IncludeMarkets, PageSize, ct), "Get-KalshiEvent");
    }
}
