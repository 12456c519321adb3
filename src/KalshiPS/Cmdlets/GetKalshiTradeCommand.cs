using System;
using System.Management.Automation;
using System.Threading.Tasks;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists public trades, newest first, optionally for one market and a time window.</summary>
    [Cmdlet(VerbsCommon.Get, "KalshiTrade", HelpUri = HelpUris.Root + "Get-KalshiTrade.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiTrade))]
    public sealed class GetKalshiTradeCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public DateTime Until { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 200;

        protected override void ProcessRecord()
        {
            var min = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? JsonFields.ToUnixSeconds(Since) : (long?)null;
            var max = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? JsonFields.ToUnixSeconds(Until) : (long?)null;
            RunAsync(ct => EmitPagesAsync(MarketData.ListTrades(Ticker, min, max, PageSize, ct), "Get-KalshiTrade"));
        }
    }
}
