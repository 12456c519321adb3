using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>Event reads beyond the listing (the rest of the spec's Events tag).</summary>
    internal sealed class EventsApi
    {
        private readonly KalshiSession _session;
        public EventsApi(KalshiSession session) { _session = session; }

        /// <summary>GET /events/fee_changes, every page (one event, or all with null).</summary>
        public IAsyncEnumerable<Page<KalshiFeeChange>> ListEventFeeChanges(string eventTicker, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(_session.Http, () => new KalshiRequest("GET", "/events/fee_changes").With("limit", pageSize).With("event_ticker", eventTicker),
                "event_fee_changes", FeeChangeWire.Event, ct);

        /// <summary>GET /series/{series}/events/{event}/forecast_percentile_history; percentiles go as repeated parameters.</summary>
        public async Task<IReadOnlyList<KalshiForecastPoint>> GetForecastHistoryAsync(string seriesTicker, string eventTicker, IReadOnlyList<int> percentiles,
            long startTs, long endTs, int periodMinutes, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/series/{0}/events/{1}/forecast_percentile_history",
                Segment.Parse(SegmentKind.SeriesTicker, seriesTicker, "SeriesTicker"), Segment.Parse(SegmentKind.EventTicker, eventTicker, "EventTicker")));
            foreach (var p in percentiles) request.With("percentiles", p);
            request.With("start_ts", startTs).With("end_ts", endTs).With("period_interval", periodMinutes);
            var periods = await _session.Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("forecast_history", ForecastWire.Period), ct).ConfigureAwait(false);
            return periods == null ? new List<KalshiForecastPoint>() : periods.SelectMany(p => p).ToList();
        }

        public Task<KalshiEventMetadata> GetMetadataAsync(string eventTicker, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/events/{0}/metadata", SegmentKind.EventTicker, eventTicker, "EventTicker"));
            return _session.Http.SendAsync(request, (ref Utf8JsonReader r) => EventMetadataWire.Metadata(eventTicker, ref r), ct);
        }
    }
}
