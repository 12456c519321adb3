using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KalshiPS.Models;

using KalshiPS.Collections;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Kalshi's data-service JSON: milestones, structured targets, live data (milestone, event, game stats, weather),
    /// incentive programs and the search tags and filters.
    /// </summary>
    internal static class DataServicesWire
    {
        /// <summary>Kalshi states incentive rewards in centi-cents: 10,000 of them make a dollar.</summary>
        internal const decimal CentiCentsPerDollar = 10000m;

        public static KalshiMilestone Milestone(ref Utf8JsonReader r)
        {
            var m = new KalshiMilestone();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": m.Id = r.Str(); break;
                    case "category": m.Category = r.Repeated(); break;
                    case "type": m.Type = r.Repeated(); break;
                    case "title": m.Title = r.Str(); break;
                    case "start_date": m.StartTime = r.Time(); break;
                    case "end_date": m.EndTime = r.Time(); break;
                    case "related_event_tickers": m.RelatedEventTickers = FreeJson.Strings(ref r); break;
                    case "primary_event_tickers": m.PrimaryEventTickers = FreeJson.Strings(ref r); break;
                    case "notification_message": m.NotificationMessage = r.Str(); break;
                    case "source_id": m.SourceId = r.Str(); break;
                    case "source_ids": m.SourceIds = FreeJson.Object(ref r); break;
                    case "details": m.Details = FreeJson.Object(ref r, out var json); m.DetailsJson = json; break;
                    case "last_updated_ts": m.LastUpdatedTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return m;
        }

        public static KalshiStructuredTarget StructuredTarget(ref Utf8JsonReader r)
        {
            var t = new KalshiStructuredTarget();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": t.Id = r.Str(); break;
                    case "name": t.Name = r.Str(); break;
                    case "type": t.Type = r.Repeated(); break;
                    case "source_id": t.SourceId = r.Str(); break;
                    case "source_ids": t.SourceIds = FreeJson.Object(ref r); break;
                    case "details": t.Details = FreeJson.Object(ref r, out var json); t.DetailsJson = json; break;
                    case "last_updated_ts": t.LastUpdatedTime = r.Time(); break;
                    default: r.Skip(); break;
                }
            return t;
        }

        /// <summary>A LiveData (milestone reads) or EventLiveData (event reads) object.</summary>
        public static KalshiLiveData LiveData(ref Utf8JsonReader r)
        {
            var d = new KalshiLiveData();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "type": d.Type = r.Repeated(); break;
                    case "milestone_id": d.MilestoneId = r.Str(); break;
                    case "details": d.Details = FreeJson.Object(ref r, out var json); d.DetailsJson = json; break;
                    case "is_historical": d.IsHistorical = r.Bool(); break;
                    case "default_range": d.DefaultRange = r.Str(); break;
                    case "range_options": d.RangeOptions = FreeJson.Strings(ref r); break;
                    default: r.Skip(); break;
                }
            return d;
        }

        /// <summary>GET .../game_stats: {"pbp": {"periods": [{"events": [...]}]}} as one row per period.</summary>
        public static List<KalshiGameStats> GameStats(string milestoneId, ref Utf8JsonReader r)
        {
            var rows = new List<KalshiGameStats>();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return rows; }
            while (r.NextProperty(out var field))
            {
                if (!field.SequenceEqual("pbp".AsSpan()) || r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                while (r.NextProperty(out var inner))
                {
                    if (!inner.SequenceEqual("periods".AsSpan()) || r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        var row = new KalshiGameStats { MilestoneId = milestoneId, Period = rows.Count + 1 };
                        if (r.TokenType == JsonTokenType.StartObject)
                            while (r.NextProperty(out var p))
                            {
                                if (!p.SequenceEqual("events".AsSpan()) || r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                                var events = new List<KalshiDetails>();
                                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                                    if (r.TokenType == JsonTokenType.StartObject) events.Add(FreeJson.Object(ref r)); else r.Skip();
                                row.Events = events.ToArray();
                                row.EventsJson = "[" + string.Join(",", events.Select(e => e.ToString())) + "]";
                            }
                        else r.Skip();
                        rows.Add(row);
                    }
                }
            }
            return rows;
        }

        /// <summary>GET /live_data/weather/{city}: the time series, each point carrying the answer's city, units and version.</summary>
        public static List<KalshiWeatherPoint> Weather(ref Utf8JsonReader r)
        {
            var points = new List<KalshiWeatherPoint>();
            string city = null, units = null, version = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return points; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "city": city = r.Str(); break;
                    case "units": units = r.Str(); break;
                    case "config_version": version = r.Str(); break;
                    case "timeseries": points = r.Objects(WeatherPoint) ?? points; break;
                    default: r.Skip(); break;
                }
            foreach (var p in points) { p.City = city; p.Units = units; p.ConfigVersion = version; }
            return points;
        }

        private static KalshiWeatherPoint WeatherPoint(ref Utf8JsonReader r)
        {
            var p = new KalshiWeatherPoint();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "t": p.Time = r.TimeMs() ?? default; break;
                    case "v": p.Value = r.Dec(); break;
                    case "status": p.Status = r.Repeated(); break;
                    case "contributors": p.Contributors = (int?)r.Long(); break;
                    case "receipt_basis": p.ReceiptBasis = r.Str(); break;
                    case "stations": p.Stations = (r.Objects(StationReading) ?? new List<KalshiWeatherStationReading>()).ToArray(); break;
                    default: r.Skip(); break;
                }
            return p;
        }

        private static KalshiWeatherStationReading StationReading(ref Utf8JsonReader r)
        {
            var s = new KalshiWeatherStationReading();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "station_id": s.StationId = r.Repeated(); break;
                    case "code": s.Code = r.Repeated(); break;
                    case "source": s.Source = r.Repeated(); break;
                    case "temp_f": s.TemperatureF = r.Dec(); break;
                    case "obs_time_ms": s.ObservationTime = r.TimeMs(); break;
                    case "received_at_ms": s.ReceivedTime = r.TimeMs(); break;
                    case "primary_code": s.PrimaryCode = r.Str(); break;
                    default: r.Skip(); break;
                }
            return s;
        }

        public static List<KalshiWeatherCalibration> Calibrations(ref Utf8JsonReader r)
        {
            var records = new List<KalshiWeatherCalibration>();
            string city = null, units = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return records; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "city": city = r.Str(); break;
                    case "units": units = r.Str(); break;
                    case "calibrations": records = r.Objects(Calibration) ?? records; break;
                    default: r.Skip(); break;
                }
            foreach (var c in records) { c.City = city; c.Units = units; }
            return records;
        }

        private static KalshiWeatherCalibration Calibration(ref Utf8JsonReader r)
        {
            var c = new KalshiWeatherCalibration();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "config_version": c.ConfigVersion = r.Str(); break;
                    case "published_at_ms": c.PublishedTime = r.TimeMs(); break;
                    case "effective_at_ms": c.EffectiveTime = r.TimeMs(); break;
                    case "change_reason": c.ChangeReason = r.Str(); break;
                    case "calibration_window_start_ms": c.WindowStart = r.TimeMs(); break;
                    case "calibration_window_end_ms": c.WindowEnd = r.TimeMs(); break;
                    case "city_reference_c": c.CityReferenceCelsius = r.Dec(); break;
                    case "stations": c.Stations = (r.Objects(CalibrationStation) ?? new List<KalshiWeatherCalibrationStation>()).ToArray(); break;
                    default: r.Skip(); break;
                }
            return c;
        }

        private static KalshiWeatherCalibrationStation CalibrationStation(ref Utf8JsonReader r)
        {
            var s = new KalshiWeatherCalibrationStation();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "station_id": s.StationId = r.Str(); break;
                    case "weight": s.Weight = r.Dec(); break;
                    case "offset_c": s.OffsetCelsius = r.Dec(); break;
                    case "update_note": s.UpdateNote = r.Str(); break;
                    default: r.Skip(); break;
                }
            return s;
        }

        public static KalshiIncentiveProgram IncentiveProgram(ref Utf8JsonReader r)
        {
            var p = new KalshiIncentiveProgram();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "id": p.Id = r.Str(); break;
                    case "market_id": p.MarketId = r.Str(); break;
                    case "market_ticker": p.Ticker = r.Str(); break;
                    case "incentive_type": p.Type = r.Repeated(); break;
                    case "incentive_description": p.Description = r.Repeated(); break;
                    case "start_date": p.StartTime = r.Time(); break;
                    case "end_date": p.EndTime = r.Time(); break;
                    case "period_reward": p.PeriodReward = Dollars(r.Dec()); break;
                    case "max_reward_per_account": p.MaxRewardPerAccount = Dollars(r.Dec()); break;
                    case "paid_out": p.PaidOut = r.Bool(); break;
                    case "discount_factor_bps": p.DiscountFactorBps = (int?)r.Long(); break;
                    case "target_size_fp": p.TargetSize = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return p;
        }

        private static decimal? Dollars(decimal? centiCents) => centiCents.HasValue ? centiCents.Value / CentiCentsPerDollar : (decimal?)null;

        /// <summary>{"tags_by_categories": {"Sports": ["NFL", ...], ...}} as one row per category and tag.</summary>
        public static List<KalshiSearchTag> Tags(ref Utf8JsonReader r)
        {
            var rows = new List<KalshiSearchTag>();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return rows; }
            while (r.NextProperty(out var field))
            {
                if (!field.SequenceEqual("tags_by_categories".AsSpan()) || r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var category = r.GetString();
                    r.Read();
                    foreach (var tag in FreeJson.Strings(ref r)) rows.Add(new KalshiSearchTag { Category = category, Tag = tag });
                }
            }
            return rows;
        }

        /// <summary>{"filters_by_sports": {sport: {scopes, competitions: {name: {scopes}}}}, "sport_ordering": [...]}, in display order.</summary>
        public static List<KalshiSportFilter> SportFilters(ref Utf8JsonReader r)
        {
            var sports = new List<KalshiSportFilter>();
            var ordering = Array.Empty<string>();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return sports; }
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "sport_ordering": ordering = FreeJson.Strings(ref r); break;
                    case "filters_by_sports":
                        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); break; }
                        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                        {
                            var f = new KalshiSportFilter { Sport = r.GetString() };
                            r.Read();
                            SportFilter(ref r, f);
                            sports.Add(f);
                        }
                        break;
                    default: r.Skip(); break;
                }
            foreach (var s in sports)
            {
                var at = Array.IndexOf(ordering, s.Sport);
                s.Order = at >= 0 ? at + 1 : (int?)null;
            }
            return sports.OrderBy(s => s.Order ?? int.MaxValue).ThenBy(s => s.Sport, StringComparer.Ordinal).ToList();
        }

        private static void SportFilter(ref Utf8JsonReader r, KalshiSportFilter f)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
            var competitions = new Dictionary<string, object>(StringComparer.Ordinal);
            var names = new List<string>();
            while (r.NextProperty(out var field))
                switch (field)
                {
                    case "scopes": f.Scopes = FreeJson.Strings(ref r); break;
                    case "competitions":
                        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); break; }
                        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                        {
                            var name = r.GetString();
                            r.Read();
                            var scopes = Array.Empty<string>();
                            if (r.TokenType == JsonTokenType.StartObject)
                                while (r.NextProperty(out var inner))
                                    if (inner.SequenceEqual("scopes".AsSpan())) scopes = FreeJson.Strings(ref r); else r.Skip();
                            else r.Skip();
                            competitions[name] = new KalshiList<string>(scopes);
                            names.Add(name);
                        }
                        break;
                    default: r.Skip(); break;
                }
            // Printed as "NBA: Game, Futures; NCAAM: Game" (Export-Csv writes the text).
            f.CompetitionScopes = new KalshiDetails(competitions, string.Join("; ", names.Select(n => n + ": " + string.Join(", ", (KalshiList<string>)competitions[n]))));
            f.Competitions = names.ToArray();
        }
    }
}
