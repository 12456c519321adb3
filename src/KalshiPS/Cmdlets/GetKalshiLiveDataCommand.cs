using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Kalshi's live data: of milestones (one, or several in one batch request; -Type reads a typed feed), a
    /// milestone's play-by-play (-GameStats), an event (-EventTicker), a city's weather index (-City) and its
    /// calibrations (-City -Calibration).
    /// </summary>
    [KalshiOperation("GetLiveDataByMilestone", "GetLiveData", "GetLiveDatas", "GetGameStats", "GetEventLiveData", "GetWeatherIndex", "GetWeatherIndexCalibrations")]
    [Cmdlet(VerbsCommon.Get, "KalshiLiveData", HelpUri = HelpUris.Root + "Get-KalshiLiveData.md", DefaultParameterSetName = MilestoneSet)]
    [OutputType(typeof(KalshiLiveData), ParameterSetName = new[] { MilestoneSet, EventSet })]
    [OutputType(typeof(KalshiGameStats), ParameterSetName = new[] { GameStatsSet })]
    [OutputType(typeof(KalshiWeatherPoint), ParameterSetName = new[] { WeatherSet })]
    [OutputType(typeof(KalshiWeatherCalibration), ParameterSetName = new[] { CalibrationSet })]
    public sealed class GetKalshiLiveDataCommand : KalshiMarketDataCmdlet
    {
        private const string MilestoneSet = "Milestone";
        private const string GameStatsSet = "GameStats";
        private const string EventSet = "Event";
        private const string WeatherSet = "Weather";
        private const string CalibrationSet = "Calibration";
        /// <summary>Milestones per batch request (Kalshi publishes no limit; kept modest).</summary>
        internal const int BatchSize = 50;

        private readonly List<string> _milestones = new List<string>();

        [Parameter(ParameterSetName = MilestoneSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = GameStatsSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string[] MilestoneId { get; set; }

        /// <summary>Read this type of live data (e.g. football_game) through its typed route.</summary>
        [Parameter(ParameterSetName = MilestoneSet)]
        public string Type { get; set; }

        /// <summary>Player-level statistics where Kalshi has them (pro football, pro and college basketball).</summary>
        [Parameter(ParameterSetName = MilestoneSet)]
        public SwitchParameter IncludePlayerStats { get; set; }

        /// <summary>The play-by-play of each milestone's game, one row per period.</summary>
        [Parameter(ParameterSetName = GameStatsSet, Mandatory = true)]
        public SwitchParameter GameStats { get; set; }

        [Parameter(ParameterSetName = EventSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString] // refused by the ticker check
        public string EventTicker { get; set; }

        /// <summary>Chart range hint (15min, 1h, 1d...) where the event's data has a time series.</summary>
        [Parameter(ParameterSetName = EventSet)]
        public string Range { get; set; }

        /// <summary>Weather index city id (e.g. miami).</summary>
        [Parameter(ParameterSetName = WeatherSet, Mandatory = true)]
        [Parameter(ParameterSetName = CalibrationSet, Mandatory = true)]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string City { get; set; }

        /// <summary>Window start (default: -End minus 24 hours).</summary>
        [Parameter(ParameterSetName = WeatherSet)]
        public DateTime? Start { get; set; }

        /// <summary>Window end (default: now).</summary>
        [Parameter(ParameterSetName = WeatherSet)]
        public DateTime? End { get; set; }

        /// <summary>A trailing window instead of -Start/-End (a TimeSpan or seconds).</summary>
        [Parameter(ParameterSetName = WeatherSet)]
        [SecondsToTimeSpan]
        [ValidatePositiveTimeSpan]
        public TimeSpan Last { get; set; }

        /// <summary>Per-station readings on every point.</summary>
        [Parameter(ParameterSetName = WeatherSet)]
        public SwitchParameter Detailed { get; set; }

        [Parameter(ParameterSetName = CalibrationSet, Mandatory = true)]
        public SwitchParameter Calibration { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case MilestoneSet:
                case GameStatsSet:
                    foreach (var raw in MilestoneId ?? new string[] { null })
                        if (TrySegment(SegmentKind.MilestoneId, raw, nameof(MilestoneId), out var id)) _milestones.Add(id);
                    return;
                case EventSet:
                    if (!TrySegment(SegmentKind.EventTicker, EventTicker, nameof(EventTicker), out var ticker)) return;
                    var api = new DataServicesApi(ActiveSession);
                    var range = Range;
                    RunAsync(async ct =>
                    {
                        var seg = Segment.Parse(SegmentKind.EventTicker, ticker, nameof(EventTicker));
                        try { Emit(await api.GetEventLiveDataAsync(seg, range, ct).ConfigureAwait(false)); }
                        catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, ticker); }
                    });
                    return;
            }
        }

        protected override void EndProcessing()
        {
            var api = new DataServicesApi(ActiveSession);
            switch (ParameterSetName)
            {
                case MilestoneSet: Milestones(api); return;
                case GameStatsSet:
                    RunAsync(async ct =>
                    {
                        foreach (var raw in _milestones.Distinct())
                        {
                            var id = Segment.Parse(SegmentKind.MilestoneId, raw, nameof(MilestoneId));
                            try { foreach (var row in await api.GetGameStatsAsync(id, ct).ConfigureAwait(false)) Emit(row); }
                            catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, raw); }
                        }
                    });
                    return;
                case WeatherSet: Weather(api); return;
                case CalibrationSet:
                    if (!TrySegment(SegmentKind.City, City, nameof(City), out var city)) return;
                    RunAsync(async ct =>
                    {
                        foreach (var c in await api.GetWeatherCalibrationsAsync(Segment.Parse(SegmentKind.City, city, nameof(City)), ct).ConfigureAwait(false)) Emit(c);
                    });
                    return;
            }
        }

        /// <summary>One milestone: its own route; several: batches; -Type: the typed route per milestone.</summary>
        private void Milestones(DataServicesApi api)
        {
            var ids = _milestones.Distinct().ToList();
            if (ids.Count == 0) return;
            Segment? type = null;
            if (!string.IsNullOrEmpty(Type))
            {
                if (!TrySegment(SegmentKind.LiveDataType, Type, nameof(Type), out var t)) return;
                type = Segment.Parse(SegmentKind.LiveDataType, t, nameof(Type));
            }
            bool players = IncludePlayerStats;
            RunAsync(async ct =>
            {
                if (type.HasValue || ids.Count == 1)
                {
                    foreach (var raw in ids)
                    {
                        var id = Segment.Parse(SegmentKind.MilestoneId, raw, nameof(MilestoneId));
                        try { Emit(await api.GetLiveDataAsync(id, type, players, ct).ConfigureAwait(false)); }
                        catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, raw); }
                    }
                    return;
                }
                for (int i = 0; i < ids.Count; i += BatchSize)
                {
                    var batch = ids.GetRange(i, Math.Min(BatchSize, ids.Count - i));
                    var got = await api.GetLiveDatasAsync(batch, players, ct).ConfigureAwait(false);
                    foreach (var d in got) Emit(d);
                    // The batch answer leaves out milestones it has nothing for: say which, as a lookup by id would.
                    foreach (var missing in batch.Where(id => !got.Any(d => string.Equals(d.MilestoneId, id, StringComparison.OrdinalIgnoreCase))))
                        EmitError(new ItemNotFoundException($"Kalshi has no live data for milestone '{missing}'. Check the id (Get-KalshiMilestone)."), missing);
                }
            });
        }

        private void Weather(DataServicesApi api)
        {
            if (!TrySegment(SegmentKind.City, City, nameof(City), out var city)) return;
            bool last = MyInvocation.BoundParameters.ContainsKey(nameof(Last));
            if (last && (Start.HasValue || End.HasValue))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Last is a window of its own; give it or -Start/-End, not both."), "KalshiInvalidArgument", ErrorCategory.InvalidArgument, Last));
                return;
            }
            long? from = null, to = null, lastSec = null;
            if (last) lastSec = Math.Max(1, (long)Math.Ceiling(Last.TotalSeconds));
            else if (Start.HasValue || End.HasValue)
            {
                var end = End.HasValue ? OrderValidation.ToUtc(End.Value) : DateTime.UtcNow;
                var start = Start.HasValue ? OrderValidation.ToUtc(Start.Value) : end.AddHours(-24);
                RequireTimeWindow(start, end);
                from = new DateTimeOffset(start).ToUnixTimeMilliseconds();
                to = new DateTimeOffset(end).ToUnixTimeMilliseconds();
            }
            bool detailed = Detailed;
            RunAsync(async ct =>
            {
                foreach (var p in await api.GetWeatherAsync(Segment.Parse(SegmentKind.City, city, nameof(City)), from, to, lastSec, detailed, ct).ConfigureAwait(false)) Emit(p);
            });
        }
    }
}
