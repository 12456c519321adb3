using System;
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

        public async Task<KalshiEventMetadata> GetMetadataAsync(string eventTicker, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/events/" + Uri.EscapeDataString(eventTicker) + "/metadata");
            using (var doc = await _session.Http.SendAsync(request, ct).ConfigureAwait(false))
                return EventMetadataWire.Metadata(eventTicker, doc.RootElement);
        }
    }
}
