using System;
using System.Management.Automation;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Gets a market's price candles (1-minute, 1-hour or 1-day) for a time window.</summary>
    [Cmdlet(VerbsCommon.Get, "KalshiCandlestick", HelpUri = HelpUris.Root + "Get-KalshiCandlestick.md")]
    [OutputType(typeof(KalshiCandlestick))]
    public sealed class GetKalshiCandlestickCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        public string Ticker { get; set; }

        /// <summary>The market's series; looked up from the market when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SeriesTickerCompleter))]
        public string SeriesTicker { get; set; }

        [Parameter]
        public DateTime Start { get; set; } = DateTime.UtcNow.AddDays(-1);

        [Parameter]
        public DateTime End { get; set; } = DateTime.UtcNow;

        [Parameter]
        public CandleInterval Interval { get; set; } = CandleInterval.OneHour;

        protected override void ProcessRecord()
        {
            if (End <= Start)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-End must be later than -Start."), "KalshiInvalidArgument", ErrorCategory.InvalidArgument, End));
            RunAsync(async ct =>
            {
                var series = SeriesTicker;
                if (string.IsNullOrEmpty(series))
                {
                    var market = await MarketData.GetMarketAsync(Ticker, ct).ConfigureAwait(false);
                    var ev = await MarketData.GetEventAsync(market.EventTicker, false, ct).ConfigureAwait(false);
                    series = ev.SeriesTicker;
                }
                var candles = await MarketData.GetCandlesticksAsync(series, Ticker, JsonFields.ToUnixSeconds(Start), JsonFields.ToUnixSeconds(End), (int)Interval, ct).ConfigureAwait(false);
                foreach (var c in candles) Emit(c);
            });
        }
    }

    /// <summary>Candle periods Kalshi offers, in minutes.</summary>
    public enum CandleInterval { OneMinute = 1, OneHour = 60, OneDay = 1440 }
}
