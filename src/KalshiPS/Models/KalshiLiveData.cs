using System;
using System.Collections.Generic;

using KalshiPS.Collections;

namespace KalshiPS.Models
{
    /// <summary>
    /// Live data of a milestone or an event (score, clock, price chart...). Type names the shape of Details, which is
    /// Kalshi's free-form object (numbers as decimal); DetailsJson is the same as JSON text.
    /// </summary>
    public sealed class KalshiLiveData
    {
        /// <summary>The milestone it belongs to (milestone reads), else null.</summary>
        public string MilestoneId { get; set; }
        /// <summary>The event it belongs to (-EventTicker reads), else null.</summary>
        public string EventTicker { get; set; }
        public string Type { get; set; }
        public KalshiDetails Details { get; set; } = new KalshiDetails();
        public string DetailsJson { get; set; }
        /// <summary>Event reads of crypto data: the event has matured and this is a frozen snapshot.</summary>
        public bool? IsHistorical { get; set; }
        public string DefaultRange { get; set; }
        public KalshiList<string> RangeOptions { get; set; } = Array.Empty<string>();
        public override string ToString() => Type;
    }

    /// <summary>The play-by-play of a milestone's game: one row per period, its events as Kalshi sends them.</summary>
    public sealed class KalshiGameStats
    {
        public string MilestoneId { get; set; }
        /// <summary>Period number, from 1.</summary>
        public int Period { get; set; }
        public KalshiList<KalshiDetails> Events { get; set; } = Array.Empty<KalshiDetails>();
        public string EventsJson { get; set; }
        public override string ToString() => MilestoneId + " period " + Period;
    }

    /// <summary>One minute of a city's weather index (Fahrenheit). Value is null on an incomplete minute.</summary>
    public sealed class KalshiWeatherPoint
    {
        public string City { get; set; }
        public DateTime Time { get; set; }
        public decimal? Value { get; set; }
        /// <summary>normal, degraded or incomplete.</summary>
        public string Status { get; set; }
        public int? Contributors { get; set; }
        public string ConfigVersion { get; set; }
        public string Units { get; set; }
        /// <summary>Present only on backfilled points (not settlement-eligible).</summary>
        public string ReceiptBasis { get; set; }
        /// <summary>Per-station readings (-Detailed only).</summary>
        public KalshiList<KalshiWeatherStationReading> Stations { get; set; } = Array.Empty<KalshiWeatherStationReading>();
        public override string ToString() => City + " " + Time.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed class KalshiWeatherStationReading
    {
        public string StationId { get; set; }
        /// <summary>ok, missing, late, pending or a quality-control rejection.</summary>
        public string Code { get; set; }
        public string Source { get; set; }
        public decimal? TemperatureF { get; set; }
        public DateTime? ObservationTime { get; set; }
        public DateTime? ReceivedTime { get; set; }
        public string PrimaryCode { get; set; }
        public override string ToString() => StationId;
    }

    /// <summary>One configuration record of a city's weather index (offsets in Celsius), oldest first.</summary>
    public sealed class KalshiWeatherCalibration
    {
        public string City { get; set; }
        public string ConfigVersion { get; set; }
        public DateTime? PublishedTime { get; set; }
        public DateTime? EffectiveTime { get; set; }
        public string ChangeReason { get; set; }
        public DateTime? WindowStart { get; set; }
        public DateTime? WindowEnd { get; set; }
        public decimal? CityReferenceCelsius { get; set; }
        public string Units { get; set; }
        public KalshiList<KalshiWeatherCalibrationStation> Stations { get; set; } = Array.Empty<KalshiWeatherCalibrationStation>();
        public override string ToString() => ConfigVersion;
    }

    public sealed class KalshiWeatherCalibrationStation
    {
        public string StationId { get; set; }
        public decimal? Weight { get; set; }
        public decimal? OffsetCelsius { get; set; }
        public string UpdateNote { get; set; }
        public override string ToString() => StationId;
    }
}
