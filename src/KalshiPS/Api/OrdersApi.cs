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
    /// <summary>Filters of GET /portfolio/orders.</summary>
    internal sealed class OrderQuery
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public KalshiOrderStatus? Status { get; set; }
        public long? MinTs { get; set; }
        public long? MaxTs { get; set; }
    }

    /// <summary>A per-item outcome of a batch: a value or the error for that item.</summary>
    internal sealed class ItemOutcome<T>
    {
        public ItemOutcome(T value) { Value = value; }
        public ItemOutcome(Exception error) { Error = error; }
        public T Value { get; }
        public Exception Error { get; }
    }

    /// <summary>
    /// Order reads (GET /portfolio/orders...) and V2 order writes (/portfolio/events/orders...). Creates always carry a
    /// client_order_id and are retry-safe: a retry that meets 409 (the first attempt was committed) resolves to the
    /// order already placed, so a flaky network never places an order twice.
    /// </summary>
    internal sealed class OrdersApi
    {
        private const string CreatePath = "/portfolio/events/orders";
        private const string BatchPath = "/portfolio/events/orders/batched";
        private readonly KalshiSession _session;
        public OrdersApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;
        private static void Verbose(string line) => RequestLog.Current?.Verbose(line);

        // ------------------------------------------------------------------ reads

        public IAsyncEnumerable<Page<KalshiOrder>> ListOrders(OrderQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/orders")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker)
                    .With("status", q.Status.HasValue ? OrderRequestWire.OrderStatus(q.Status.Value) : null)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs),
                "orders", PortfolioWire.Order, ct);

        public Task<KalshiOrder> GetOrderAsync(string orderId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/portfolio/orders/" + Uri.EscapeDataString(orderId)), (ref Utf8JsonReader r) => r.Wrapped("order", PortfolioWire.Order), ct);

        /// <summary>
        /// Orders in one market under the given client order ids (GET /portfolio/orders?ticker=..., all pages). Per id,
        /// the order that matches its spec (ticker, book side, Yes price, count) wins; otherwise the first one seen,
        /// which the caller reports as someone else's order.
        /// </summary>
        public async Task<Dictionary<string, KalshiOrder>> FindByClientOrderIdsAsync(string ticker, IReadOnlyList<OrderSpec> specs, CancellationToken ct)
        {
            var wanted = new Dictionary<string, OrderSpec>(StringComparer.Ordinal);
            foreach (var spec in specs) if (!wanted.ContainsKey(spec.ClientOrderId)) wanted[spec.ClientOrderId] = spec;
            var found = new Dictionary<string, KalshiOrder>(StringComparer.Ordinal);
            var matched = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var page in ListOrders(new OrderQuery { Ticker = ticker }, 1000, ct).ConfigureAwait(false))
            {
                foreach (var o in page.Items)
                {
                    if (o.ClientOrderId == null || matched.Contains(o.ClientOrderId) || !wanted.TryGetValue(o.ClientOrderId, out var spec)) continue;
                    if (Mismatch(o, spec) == null) { found[o.ClientOrderId] = o; matched.Add(o.ClientOrderId); }
                    else if (!found.ContainsKey(o.ClientOrderId)) found[o.ClientOrderId] = o;
                }
                if (matched.Count == wanted.Count) break;
            }
            return found;
        }

        // ------------------------------------------------------------------ create

        public async Task<KalshiOrderResult> CreateAsync(OrderSpec o, CancellationToken ct)
        {
            o.EnsureClientOrderId();
            var request = new KalshiRequest("POST", CreatePath) { JsonBody = OrderRequestWire.Create(o), RetrySafe = true };
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                    return OrderRequestWire.CreateResult(doc.RootElement, o);
            }
            catch (KalshiApiException e) when (e.StatusCode == 409 && (o.ClientOrderIdGenerated || request.Attempts > 1))
            {
                var existing = await ResolveAsync(o, ct).ConfigureAwait(false);
                if (existing == null) throw;
                CheckSameOrder(existing, o, CreatePath, e);
                Verbose($"Order {o.ClientOrderId} was already placed by an earlier attempt (Kalshi answered 409 {e.Code} to the retry); reporting order {existing.OrderId}.");
                return OrderRequestWire.ExistingResult(existing, o);
            }
            catch (KalshiApiException e) when (IsUncertain(e) && !ct.IsCancellationRequested)
            {
                // Retries ran out without an answer: look the id up so the user is never left unsure.
                KalshiOrder existing = null;
                KalshiApiException lookupError = null;
                try { existing = await ResolveAsync(o, ct).ConfigureAwait(false); }
                catch (KalshiApiException le) when (!ct.IsCancellationRequested) { lookupError = le; }
                if (existing == null) throw Unanswered(e, o, lookupError);
                CheckSameOrder(existing, o, CreatePath, e);
                Verbose($"The create of {o.ClientOrderId} got no clear answer ({e.Kind}) but the order exists: {existing.OrderId}.");
                return OrderRequestWire.ExistingResult(existing, o);
            }
        }

        /// <summary>
        /// POST /portfolio/events/orders/batched: one outcome per order, in order. Items that fail with 409 because an
        /// earlier attempt of this batch committed them resolve to the existing orders.
        /// </summary>
        public async Task<IReadOnlyList<ItemOutcome<KalshiOrderResult>>> CreateBatchAsync(IReadOnlyList<OrderSpec> orders, CancellationToken ct)
        {
            foreach (var o in orders) o.EnsureClientOrderId();
            var request = new KalshiRequest("POST", BatchPath)
            {
                JsonBody = OrderRequestWire.CreateBatch(orders),
                RetrySafe = true,
                TokenCost = RateLimits.DefaultCost * orders.Count, // Kalshi bills every item of a batch
            };
            var outcomes = new ItemOutcome<KalshiOrderResult>[orders.Count];
            var toResolve = new List<int>();
            Exception batchError = null;
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    var items = doc?.RootElement.Arr("orders");
                    var list = items == null ? new List<JsonElement>() : items.Value.EnumerateArray().ToList();
                    var used = new bool[list.Count];
                    for (int i = 0; i < orders.Count; i++)
                    {
                        var o = orders[i];
                        var item = MatchItem(list, used, i, o.ClientOrderId);
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            outcomes[i] = new ItemOutcome<KalshiOrderResult>(new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, "POST", BatchPath,
                                new KalshiErrorBody { Message = $"the batch answer had no entry for client order id {o.ClientOrderId}" }));
                            toResolve.Add(i);
                            continue;
                        }
                        var error = OrderRequestWire.ItemError(item);
                        if (error == null) { outcomes[i] = new ItemOutcome<KalshiOrderResult>(OrderRequestWire.CreateResult(item, o)); continue; }
                        int status = error.Code == "order_already_exists" ? 409 : StatusFor(error.Code);
                        outcomes[i] = new ItemOutcome<KalshiOrderResult>(new KalshiApiException(KalshiApiException.KindFor(status), status, "POST", BatchPath, error));
                        if (status == 409 && (o.ClientOrderIdGenerated || request.Attempts > 1)) toResolve.Add(i);
                    }
                }
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested)
            {
                batchError = e;
                for (int i = 0; i < orders.Count; i++) outcomes[i] = new ItemOutcome<KalshiOrderResult>(e);
                if (IsUncertain(e) || (e.StatusCode == 409 && request.Attempts > 1)) toResolve.AddRange(Enumerable.Range(0, orders.Count));
            }

            foreach (var group in toResolve.GroupBy(i => orders[i].Ticker, StringComparer.OrdinalIgnoreCase))
            {
                Dictionary<string, KalshiOrder> found;
                KalshiApiException lookupError = null;
                try { found = await FindByClientOrderIdsAsync(group.Key, group.Select(i => orders[i]).ToList(), ct).ConfigureAwait(false); }
                catch (KalshiApiException le) when (!ct.IsCancellationRequested) { lookupError = le; found = new Dictionary<string, KalshiOrder>(); }
                foreach (var i in group)
                {
                    if (!found.TryGetValue(orders[i].ClientOrderId, out var existing))
                    {
                        // No clear answer for this item: say whether it was placed (looked up: no) or that nobody knows.
                        if (outcomes[i].Error is KalshiApiException unanswered && IsUncertain(unanswered))
                            outcomes[i] = new ItemOutcome<KalshiOrderResult>(Unanswered(unanswered, orders[i], lookupError));
                        continue;
                    }
                    var other = Mismatch(existing, orders[i]);
                    if (other != null)
                    {
                        outcomes[i] = new ItemOutcome<KalshiOrderResult>(SomeoneElses(existing, orders[i], other, BatchPath, outcomes[i].Error));
                        continue;
                    }
                    Verbose($"Order {orders[i].ClientOrderId} was already placed by an earlier attempt of the batch; reporting order {existing.OrderId}.");
                    outcomes[i] = new ItemOutcome<KalshiOrderResult>(OrderRequestWire.ExistingResult(existing, orders[i]));
                }
            }
            return outcomes;
        }

        /// <summary>
        /// The answer item of batch entry <paramref name="index"/>: the one at the same position when it carries this
        /// client order id (or none), else the first unused item with it. Each item answers one entry only, so two
        /// entries sharing a client order id cannot both be reported as the one order placed.
        /// </summary>
        private static JsonElement MatchItem(List<JsonElement> list, bool[] used, int index, string clientOrderId)
        {
            if (index < list.Count && !used[index])
            {
                var cid = MarketDataWire.NullIfEmpty(list[index].Str("client_order_id"));
                if (cid == null || cid == clientOrderId) { used[index] = true; return list[index]; }
            }
            for (int j = 0; j < list.Count; j++)
                if (!used[j] && list[j].Str("client_order_id") == clientOrderId) { used[j] = true; return list[j]; }
            return default;
        }

        /// <summary>
        /// What differs between the order found under a client order id and the order asked for (null when they are
        /// the same order). A user-supplied id can collide with an older, different order: that one must never be
        /// reported as if this create had placed it.
        /// </summary>
        internal static string Mismatch(KalshiOrder existing, OrderSpec o)
        {
            var diffs = new List<string>();
            if (existing.Ticker != null && !string.Equals(existing.Ticker, o.Ticker, StringComparison.OrdinalIgnoreCase)) diffs.Add("ticker " + existing.Ticker);
            if (existing.BookSide != null && !string.Equals(existing.BookSide, o.BookSide, StringComparison.OrdinalIgnoreCase)) diffs.Add("book side " + existing.BookSide);
            if (existing.YesPrice.HasValue && existing.YesPrice.Value != o.YesPrice) diffs.Add("Yes price " + OrderValidation.Num(existing.YesPrice.Value));
            if (existing.Count.HasValue && existing.Count.Value != o.Count) diffs.Add("count " + OrderValidation.Num(existing.Count.Value));
            return diffs.Count == 0 ? null : string.Join(", ", diffs);
        }

        private static void CheckSameOrder(KalshiOrder existing, OrderSpec o, string path, Exception cause)
        {
            var other = Mismatch(existing, o);
            if (other != null) throw SomeoneElses(existing, o, other, path, cause);
        }

        private static KalshiApiException SomeoneElses(KalshiOrder existing, OrderSpec o, string differences, string path, Exception cause) =>
            new KalshiApiException(KalshiErrorKind.Conflict, 409, "POST", path, new KalshiErrorBody
            {
                Code = "order_already_exists",
                Message = $"client order id {o.ClientOrderId} already belongs to a different order {existing.OrderId} ({differences}); this order was not placed. Use a new -ClientOrderId",
            }, cause);

        /// <summary>
        /// The error for a create that got no answer: "not placed" when the lookup by client order id found nothing,
        /// or, when the lookup failed too, that the outcome is unknown and how to find out or retry safely.
        /// </summary>
        private static KalshiApiException Unanswered(KalshiApiException e, OrderSpec o, KalshiApiException lookupError) =>
            new KalshiApiException(e.Kind, e.StatusCode, e.Method, e.Path, new KalshiErrorBody
            {
                Code = e.Code,
                Message = lookupError == null
                    ? $"{e.ApiMessage ?? e.Kind.ToString()}; no order with client order id {o.ClientOrderId} exists on {o.Ticker}, so it was not placed"
                    : $"{e.ApiMessage ?? e.Kind.ToString()}; looking up client order id {o.ClientOrderId} failed too ({lookupError.ApiMessage ?? lookupError.Kind.ToString()}), so whether it was placed is unknown. "
                      + $"Check with Get-KalshiOrder -Ticker {o.Ticker}, or repeat the order with -ClientOrderId {o.ClientOrderId} (it cannot be placed twice under that id)",
            }, e);

        private async Task<KalshiOrder> ResolveAsync(OrderSpec o, CancellationToken ct)
        {
            var found = await FindByClientOrderIdsAsync(o.Ticker, new[] { o }, ct).ConfigureAwait(false);
            return found.TryGetValue(o.ClientOrderId, out var existing) ? existing : null;
        }

        /// <summary>No usable answer after every retry: the write may or may not have been committed.</summary>
        private static bool IsUncertain(KalshiApiException e) =>
            e is KalshiTransportException || e.Kind == KalshiErrorKind.ServerUnavailable || e.Kind == KalshiErrorKind.Timeout || e.Kind == KalshiErrorKind.Connection;

        private static int StatusFor(string code)
        {
            switch (code)
            {
                case "not_found": case "market_not_found": return 404;
                case "order_already_exists": return 409;
                default: return 400;
            }
        }

        // ------------------------------------------------------------------ cancel

        public async Task<KalshiOrderCancellation> CancelAsync(string orderId, string ticker, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", CreatePath + "/" + Uri.EscapeDataString(orderId)).With("market_ticker", ticker);
            request.RetrySafe = true; // cancelling twice cannot harm; a retry that finds it gone is checked below
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                    return Cancellation(doc?.RootElement ?? default, orderId, ticker);
            }
            catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound && request.Attempts > 1)
            {
                var order = await GetOrderAsync(orderId, ct).ConfigureAwait(false);
                if (order.Status != "Canceled") throw;
                Verbose($"Order {orderId} was already canceled by an earlier attempt.");
                return new KalshiOrderCancellation { OrderId = orderId, ClientOrderId = order.ClientOrderId, Ticker = order.Ticker ?? ticker };
            }
        }

        /// <summary>DELETE /portfolio/events/orders/batched: one outcome per id, in order.</summary>
        public async Task<IReadOnlyList<ItemOutcome<KalshiOrderCancellation>>> CancelBatchAsync(IReadOnlyList<KeyValuePair<string, string>> orders, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", BatchPath)
            {
                JsonBody = OrderRequestWire.CancelBatch(orders),
                RetrySafe = true,
                TokenCost = RateLimits.CancelCost * orders.Count,
            };
            var outcomes = new ItemOutcome<KalshiOrderCancellation>[orders.Count];
            using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
            {
                var items = doc?.RootElement.Arr("orders");
                var list = items == null ? new List<JsonElement>() : items.Value.EnumerateArray().ToList();
                for (int i = 0; i < orders.Count; i++)
                {
                    var id = orders[i].Key;
                    var item = list.FirstOrDefault(x => x.Str("order_id") == id);
                    if (item.ValueKind == JsonValueKind.Undefined && i < list.Count) item = list[i];
                    var error = item.ValueKind == JsonValueKind.Object ? OrderRequestWire.ItemError(item)
                        : new KalshiErrorBody { Message = "the batch answer had no entry for order " + id };
                    if (error == null) { outcomes[i] = new ItemOutcome<KalshiOrderCancellation>(Cancellation(item, id, orders[i].Value)); continue; }
                    int status = StatusFor(error.Code);
                    outcomes[i] = new ItemOutcome<KalshiOrderCancellation>(new KalshiApiException(KalshiApiException.KindFor(status), status, "DELETE", BatchPath, error));
                    if (status == 404 && request.Attempts > 1)
                    {
                        try
                        {
                            var order = await GetOrderAsync(id, ct).ConfigureAwait(false);
                            if (order.Status == "Canceled")
                                outcomes[i] = new ItemOutcome<KalshiOrderCancellation>(new KalshiOrderCancellation { OrderId = id, ClientOrderId = order.ClientOrderId, Ticker = order.Ticker });
                        }
                        catch (KalshiApiException) { }
                    }
                }
            }
            return outcomes;
        }

        /// <summary>DELETE /portfolio/events/orders: every resting order of the account.</summary>
        public async Task CancelAllAsync(CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", CreatePath) { RetrySafe = true };
            using (await Http.SendAsync(request, ct).ConfigureAwait(false)) { }
        }

        private static KalshiOrderCancellation Cancellation(JsonElement r, string orderId, string ticker) => new KalshiOrderCancellation
        {
            OrderId = r.Str("order_id") ?? orderId,
            ClientOrderId = MarketDataWire.NullIfEmpty(r.Str("client_order_id")),
            Ticker = ticker,
            ReducedBy = r.DecAny("reduced_by", "reduced_by_fp"),
            Timestamp = r.TimeMs("ts_ms"),
        };

        // ------------------------------------------------------------------ amend / decrease

        /// <summary>POST .../{id}/amend. <paramref name="totalCount"/> is the new total including what already filled.</summary>
        public async Task AmendAsync(KalshiOrder current, decimal yesPrice, decimal totalCount, long? expirationUnix, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", CreatePath + "/" + Uri.EscapeDataString(current.OrderId) + "/amend")
            {
                JsonBody = OrderRequestWire.Amend(current.Ticker, current.BookSide, yesPrice, totalCount, expirationUnix),
                RetrySafe = true, // absolute price and count: sending it twice ends in the same state
            };
            using (await Http.SendAsync(request, ct).ConfigureAwait(false)) { }
        }

        /// <summary>POST .../{id}/decrease with reduce_by or reduce_to. Only reduce_to is retried (it is absolute).</summary>
        public async Task DecreaseAsync(string orderId, string ticker, decimal? reduceBy, decimal? reduceTo, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", CreatePath + "/" + Uri.EscapeDataString(orderId) + "/decrease")
            {
                JsonBody = OrderRequestWire.Decrease(ticker, reduceBy, reduceTo),
                RetrySafe = reduceTo.HasValue,
            };
            using (await Http.SendAsync(request, ct).ConfigureAwait(false)) { }
        }
    }
}
