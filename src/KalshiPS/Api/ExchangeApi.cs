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
    /// <summary>Exchange-wide facts beyond status and schedule (the rest of the spec's Exchange tag): data freshness, fee changes.</summary>
    internal sealed class ExchangeApi
    {
        private readonly KalshiSession _session;
        public ExchangeApi(KalshiSession session) { _session = session; }

        public Task<KalshiUserDataTimestamp> GetUserDataTimestampAsync(CancellationToken ct) =>
            _session.Http.SendAsync(new KalshiRequest("GET", "/exchange/user_data_timestamp"),
                (ref Utf8JsonReader r) => ExchangeWire.UserDataTimestamp(ref r, _session.Time.GetUtcNow().UtcDateTime), ct);

        /// <summary>GET /series/fee_changes (not paginated). Without includeHistorical only changes still to come.</summary>
        public async Task<IReadOnlyList<KalshiFeeChange>> ListSeriesFeeChangesAsync(string seriesTicker, bool includeHistorical, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/series/fee_changes")
                .With("series_ticker", seriesTicker)
                .With("show_historical", includeHistorical ? true : (bool?)null);
            var changes = await _session.Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("series_fee_change_arr", FeeChangeWire.Series), ct).ConfigureAwait(false);
            return changes ?? new List<KalshiFeeChange>();
        }
    }
}
