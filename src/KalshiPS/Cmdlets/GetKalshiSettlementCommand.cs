using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Payouts of markets that settled while you held a position, every page.</summary>
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

        protected override void ProcessRecord()
        {
            var query = new SettlementQuery
            {
                Ticker = string.IsNullOrWhiteSpace(Ticker) ? null : Ticker.Trim().ToUpperInvariant(),
                EventTicker = string.IsNullOrWhiteSpace(EventTicker) ? null : EventTicker.Trim().ToUpperInvariant(),
                MinTs = Since.HasValue ? JsonFields.ToUnixSeconds(Since.Value) : (long?)null,
                MaxTs = Until.HasValue ? JsonFields.ToUnixSeconds(Until.Value) : (long?)null,
            };
            RunAsync(ct => StreamAsync(Portfolio.ListSettlements(query, PageSize, ct), ct));
        }
    }
}
