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
    /// <summary>Multivariate event collections (the spec's Multivariate tag): list, one, and making a market in one.</summary>
    internal sealed class MultivariateApi
    {
        private const string Base = "/multivariate_event_collections";
        private readonly KalshiSession _session;
        public MultivariateApi(KalshiSession session) { _session = session; }

        /// <summary>GET /multivariate_event_collections, every page; status is unopened, open or closed.</summary>
        public IAsyncEnumerable<Page<KalshiMultivariateCollection>> List(string status, string seriesTicker, string associatedEventTicker, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(_session.Http, () => new KalshiRequest("GET", Base).With("limit", pageSize).With("status", status)
                    .With("series_ticker", seriesTicker).With("associated_event_ticker", associatedEventTicker),
                "multivariate_contracts", MultivariateWire.Collection, ct);

        public Task<KalshiMultivariateCollection> GetAsync(Segment collection, CancellationToken ct) =>
            _session.Http.SendAsync(new KalshiRequest("GET", ApiPath.Of(Base + "/{0}", collection)),
                (ref Utf8JsonReader r) => r.Wrapped("multivariate_contract", MultivariateWire.Collection), ct);

        /// <summary>
        /// POST /multivariate_event_collections/{ticker}: the market for this selection (made now, or the one already
        /// made: the same selection always names the same market, so repeating the call is safe and the pipeline may).
        /// </summary>
        public async Task<KalshiMultivariateMarket> CreateMarketAsync(Segment collection, IReadOnlyList<MultivariateWire.Leg> legs, bool withMarket, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", ApiPath.Of(Base + "/{0}", collection)) { JsonBody = MultivariateWire.CreateBody(legs, withMarket), RetrySafe = true };
            KalshiMultivariateMarket made;
            try { made = await _session.Http.SendAsync(request, (ref Utf8JsonReader r) => MultivariateWire.Created(collection.Value, ref r), ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                // Harmless if it happened (a made market costs nothing until traded); the same call settles it.
                throw WriteOutcomes.Unknown(new UnsettledWrite(0, e, "made", $"a market in collection {collection.Value}", null, null,
                    $"New-KalshiMultivariateMarket -CollectionTicker {collection.Value} (the same selection again)")
                { Repeat = "; repeating it is safe: the same selection always names the same market" });
            }
            if (made == null || string.IsNullOrEmpty(made.Ticker))
                throw new KalshiApiException(KalshiErrorKind.OutcomeUnknown, 200, request.Method, request.Path,
                    new KalshiErrorBody { Message = "the answer named no market ticker; repeat the same call to get it (the same selection names the same market)" });
            return made;
        }
    }
}
