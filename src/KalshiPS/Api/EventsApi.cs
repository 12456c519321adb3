using System;
using System.Collections.Generic;
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

        public Task<KalshiEventMetadata> GetMetadataAsync(string eventTicker, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/events/{0}/metadata", SegmentKind.EventTicker, eventTicker, "EventTicker"));
            return _session.Http.SendAsync(request, (ref Utf8JsonReader r) => EventMetadataWire.Metadata(eventTicker, ref r), ct);
        }
    }
}
