using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>The archive of older markets, trades, fills, orders and positions (the spec's Historical tag).</summary>
    internal sealed class HistoricalApi
    {
        private readonly KalshiSession _session;
        public HistoricalApi(KalshiSession session) { _session = session; }

        public Task<KalshiHistoricalCutoff> GetCutoffAsync(CancellationToken ct) =>
            _session.Http.SendAsync(new KalshiRequest("GET", "/historical/cutoff"), HistoricalWire.Cutoff, ct);
    }
}
