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
    /// <summary>Filters of GET /fcm/orders (a subtrader, or client order ids, is required).</summary>
    internal sealed class FcmOrderQuery
    {
        public string SubtraderId { get; set; }
        public IReadOnlyList<string> ClientOrderIds { get; set; }
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public KalshiOrderStatus? Status { get; set; }
        public long? MinTs { get; set; }
        public long? MaxTs { get; set; }
    }

    /// <summary>
    /// Kalshi's FCM endpoints, for members that clear for others: their subtraders' orders and positions, the
    /// subtraders themselves and each one's daily event-contract cap. Writes report true outcomes: an unclear end is
    /// settled by reading the state back.
    /// </summary>
    internal sealed class FcmApi
    {
        private const string CapPath = "/fcm/subtraders/event_contract_daily_cap";
        private readonly KalshiSession _session;
        public FcmApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;

        public IAsyncEnumerable<Page<KalshiOrder>> ListOrders(FcmOrderQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/fcm/orders").With("limit", pageSize)
                    .With("subtrader_id", q.SubtraderId)
                    .With("client_order_ids", q.ClientOrderIds == null || q.ClientOrderIds.Count == 0 ? null : string.Join(",", q.ClientOrderIds))
                    .With("ticker", q.Ticker).With("event_ticker", q.EventTicker)
                    .With("status", q.Status.HasValue ? OrderRequestWire.OrderStatus(q.Status.Value) : null)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs),
                "orders", PortfolioWire.Order, ct);

        public IAsyncEnumerable<Page<KalshiPosition>> ListPositions(string subtraderId, PositionQuery q, string settlementStatus, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => PositionsRequest(subtraderId, q, settlementStatus, pageSize), "market_positions", PortfolioWire.Position, ct);

        public IAsyncEnumerable<Page<KalshiEventPosition>> ListEventPositions(string subtraderId, PositionQuery q, string settlementStatus, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => PositionsRequest(subtraderId, q, settlementStatus, pageSize), "event_positions", PortfolioWire.EventPosition, ct);

        private static KalshiRequest PositionsRequest(string subtraderId, PositionQuery q, string settlementStatus, int pageSize) =>
            new KalshiRequest("GET", "/fcm/positions").With("limit", pageSize).With("subtrader_id", subtraderId)
                .With("ticker", q.Ticker).With("event_ticker", q.EventTicker).With("count_filter", q.CountFilter).With("settlement_status", settlementStatus);

        public async Task<IReadOnlyList<KalshiSubtrader>> ListSubtradersAsync(CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/fcm/subtraders"), (ref Utf8JsonReader r) => r.Field("subtraders", FcmWire.Subtrader), ct).ConfigureAwait(false)
            ?? new List<KalshiSubtrader>();

        /// <summary>The suffix Kalshi takes: 1-16 of a-z and 0-9 (null when it is one, else why not).</summary>
        public static string SuffixProblem(string suffix)
        {
            if (string.IsNullOrEmpty(suffix)) return "it is empty";
            if (suffix.Length > 16) return $"it is {suffix.Length} characters long (at most 16)";
            foreach (var c in suffix)
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                    return "it contains " + (c >= 'A' && c <= 'Z' ? $"the upper-case letter '{c}' (Kalshi takes lower case only)" : Escaped.Text(c.ToString()));
            return null;
        }

        /// <summary>
        /// POST /fcm/subtraders. Not repeated by the pipeline; an unclear end is settled by listing the subtraders
        /// (the new id ends in "_" + suffix): there means made, absent means not made.
        /// </summary>
        public async Task<KalshiSubtrader> CreateSubtraderAsync(string suffix, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", "/fcm/subtraders") { JsonBody = FcmWire.CreateBody(suffix) };
            string id;
            try { id = await Http.SendAsync(request, FcmWire.CreatedId, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                var w = new UnsettledWrite(0, e, "created", "subtrader with suffix " + suffix, null, null, "Get-KalshiSubtrader");
                IReadOnlyList<KalshiSubtrader> all;
                try { all = await ListSubtradersAsync(ct).ConfigureAwait(false); }
                catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
                var made = all.FirstOrDefault(s => s.SubtraderId != null && s.SubtraderId.EndsWith("_" + suffix, StringComparison.Ordinal));
                if (made != null) return made;
                throw WriteOutcomes.NotDone(w, "the FCM's subtraders do not include it");
            }
            if (string.IsNullOrEmpty(id))
                throw new KalshiApiException(KalshiErrorKind.OutcomeUnknown, 200, request.Method, request.Path,
                    new KalshiErrorBody { Message = "the answer named no subtrader id; check with Get-KalshiSubtrader" });
            return new KalshiSubtrader { SubtraderId = id };
        }

        public async Task<KalshiSubtraderCap> GetCapAsync(string subtraderId, CancellationToken ct)
        {
            var cap = await Http.SendAsync(new KalshiRequest("GET", CapPath).With("subtrader_id", subtraderId), FcmWire.Cap, ct).ConfigureAwait(false);
            if (cap != null && cap.SubtraderId == null) cap.SubtraderId = subtraderId;
            return cap;
        }

        /// <summary>PUT the cap (idempotent: the pipeline repeats it); still unclear, a read of the cap decides.</summary>
        public async Task SetCapAsync(string subtraderId, decimal limit, CancellationToken ct)
        {
            var request = new KalshiRequest("PUT", CapPath) { JsonBody = FcmWire.CapBody(subtraderId, limit), RetrySafe = true };
            try { await Http.SendAsync(request, (ref Utf8JsonReader r) => { r.Skip(); return true; }, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)) && e.Kind != KalshiErrorKind.NotFound)
            {
                var w = new UnsettledWrite(0, e, "set", $"the daily cap of subtrader {subtraderId}", null, null, "Get-KalshiSubtraderCap -SubtraderId " + subtraderId)
                { Repeat = "; repeating Set-KalshiSubtraderCap is safe" };
                KalshiSubtraderCap now;
                try { now = await GetCapAsync(subtraderId, ct).ConfigureAwait(false); }
                catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
                if (now?.Limit != limit) throw WriteOutcomes.NotDone(w, "the cap reads " + (now?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"));
            }
        }

        /// <summary>DELETE the cap; a 404 to a repeat of an unclear attempt means it is gone; still unclear, a read decides.</summary>
        public async Task RemoveCapAsync(string subtraderId, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", CapPath).With("subtrader_id", subtraderId);
            request.RetrySafe = true;
            try { await Http.SendAsync(request, (ref Utf8JsonReader r) => { r.Skip(); return true; }, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && e.Kind == KalshiErrorKind.NotFound && request.MayHaveCommitted) { }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                var w = new UnsettledWrite(0, e, "removed", $"the daily cap of subtrader {subtraderId}", null, null, "Get-KalshiSubtraderCap -SubtraderId " + subtraderId);
                try
                {
                    var now = await GetCapAsync(subtraderId, ct).ConfigureAwait(false);
                    if (now?.Limit == null) return;
                }
                catch (KalshiApiException gone) when (!ct.IsCancellationRequested && gone.Kind == KalshiErrorKind.NotFound) { return; }
                catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
                throw WriteOutcomes.NotDone(w, "the cap is still set");
            }
        }
    }
}
