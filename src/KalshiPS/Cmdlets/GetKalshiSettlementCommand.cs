using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Payouts of markets that settled while you held a position, every page.</summary>
    [KalshiOperation("GetSettlements")]
    [Cmdlet(VerbsCommon.Get, "KalshiSettlement", HelpUri = HelpUris.Root + "Get-KalshiSettlement.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiSettlement))]
    public sealed class GetKalshiSettlementCommand : KalshiPagedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        public string EventTicker { get; set; }

        /// <summary>Only settlements at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only settlements at or before this time.</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>Only settlements of this account (0 primary, 1-63); every account when omitted.</summary>
        [Parameter()]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryOptionalSegment(SegmentKind.MarketTicker, Ticker, nameof(Ticker), out var ticker)
                || !TryOptionalSegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var eventTicker)) return;
            var query = new SettlementQuery
            {
                Ticker = ticker,
                EventTicker = eventTicker,
                MinTs = Since.HasValue ? JsonFields.ToUnixSeconds(Since.Value) : (long?)null,
                MaxTs = Until.HasValue ? JsonFields.ToUnixSeconds(Until.Value) : (long?)null,
                Subaccount = Subaccount,
            };
            RunAsync(ct => StreamAsync(Portfolio.ListSettlements(query, PageSize, ct), ct));
        }
    }
}
