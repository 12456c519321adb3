using System.Collections.Generic;
using System.Linq;
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

        public async Task<KalshiUserDataTimestamp> GetUserDataTimestampAsync(CancellationToken ct)
        {
            using (var doc = await _session.Http.SendAsync(new KalshiRequest("GET", "/exchange/user_data_timestamp"), ct).ConfigureAwait(false))
                return ExchangeWire.UserDataTimestamp(doc.RootElement, _session.Time.GetUtcNow().UtcDateTime);
        }

        /// <summary>GET /series/fee_changes (not paginated). Without includeHistorical only changes still to come.</summary>
        public async Task<IReadOnlyList<KalshiFeeChange>> ListSeriesFeeChangesAsync(string seriesTicker, bool includeHistorical, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/series/fee_changes")
                .With("series_ticker", seriesTicker)
                .With("show_historical", includeHistorical ? true : (bool?)null);
            using (var doc = await _session.Http.SendAsync(request, ct).ConfigureAwait(false))
            {
                var array = doc?.RootElement.Arr("series_fee_change_arr");
                return array == null ? new KalshiFeeChange[0] : array.Value.EnumerateArray().Select(FeeChangeWire.Series).ToArray();
            }
        }
    }
}
