using System;
using System.Collections.Generic;
using System.Globalization;
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
        /// <summary>Only orders under this client order id (filtered here; Kalshi's listing has no such filter).</summary>
        public string ClientOrderId { get; set; }
        /// <summary>One account (0 primary, 1-63); null = every account (Kalshi's default for this listing).</summary>
        public int? Subaccount { get; set; }
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
    /// client_order_id and are retry-safe, so a flaky network never places an order twice. Every write whose attempts
    /// may have been committed without a clear answer is settled from the exchange's state (<see cref="WriteOutcomes"/>):
    /// done, not done, or unknown with the command that settles it.
    /// </summary>
    internal sealed class OrdersApi
    {
        private const string CreatePath = "/portfolio/events/orders";
        private const string BatchPath = "/portfolio/events/orders/batched";
        /// <summary>Most items Kalshi takes in one batch request.</summary>
        internal const int MaxBatch = 20;
        private readonly KalshiSession _session;
        public OrdersApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;
        private static void Verbose(string line) => RequestLog.Current?.Verbose(line);

        // ------------------------------------------------------------------ reads

        public IAsyncEnumerable<Page<KalshiOrder>> ListOrders(OrderQuery q, int pageSize, CancellationToken ct)
        {
            var pages = Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/orders")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker)
                    .With("status", q.Status.HasValue ? OrderRequestWire.OrderStatus(q.Status.Value) : null)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs).With("subaccount", q.Subaccount),
                "orders", PortfolioWire.Order, ct);
            return q.ClientOrderId == null ? pages : OnlyClientOrderId(pages, q.ClientOrderId);
        }

        /// <summary>Kalshi's listing has no client-order-id filter, so it is applied to each page here.</summary>
        private static async IAsyncEnumerable<Page<KalshiOrder>> OnlyClientOrderId(IAsyncEnumerable<Page<KalshiOrder>> pages, string clientOrderId)
        {
            await foreach (var page in pages.ConfigureAwait(false))
                yield return new Page<KalshiOrder>(page.Number, page.Items.Where(o => o.ClientOrderId == clientOrderId).ToList(), page.IsLast);
        }

        public Task<KalshiOrder> GetOrderAsync(string orderId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/portfolio/orders/{0}", SegmentKind.OrderId, orderId, "OrderId")), (ref Utf8JsonReader r) => r.Wrapped("order", PortfolioWire.Order), ct);

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
            var outcomes = new ItemOutcome<KalshiOrderResult>[1];
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                    return OrderRequestWire.CreateResult(doc.RootElement, o);
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && CreateMayExist(request, e, o, false))
            {
                outcomes[0] = new ItemOutcome<KalshiOrderResult>(e);
            }
            await SettleCreatesAsync(new[] { o }, outcomes, new[] { UnsettledCreate(0, outcomes[0].Error as KalshiApiException, o) }, ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }

        /// <summary>
        /// POST /portfolio/events/orders/batched: one outcome per order, in order. Orders go in batches that fit the
        /// write bucket; a batch met by 429 is split and sent again. Items whose answer was unclear are settled from
        /// the exchange's state by client order id.
        /// </summary>
        public async Task<IReadOnlyList<ItemOutcome<KalshiOrderResult>>> CreateBatchAsync(IReadOnlyList<OrderSpec> orders, CancellationToken ct)
        {
            foreach (var o in orders) o.EnsureClientOrderId();
            var outcomes = new ItemOutcome<KalshiOrderResult>[orders.Count];
            var unsettled = new List<UnsettledWrite>();
            int size = _session.Limiter.ItemsThatFit("POST", BatchPath, MaxBatch);
            if (size < orders.Count) Verbose($"Placing {orders.Count} orders in batches of {size} (what one request of the {_session.WriteCapacity:0.#}-token write bucket can carry).");
            for (int start = 0; start < orders.Count; start += size)
                await SendSplittingAsync(start, Math.Min(size, orders.Count - start), false, "orders",
                    (from, n, unclear) => SendCreatesAsync(orders, from, n, unclear, outcomes, unsettled, ct)).ConfigureAwait(false);
            await SettleCreatesAsync(orders, outcomes, unsettled, ct).ConfigureAwait(false);
            return outcomes;
        }

        /// <summary>One batch request; returns it when it met 429 after every retry (to be split), else null.</summary>
        private async Task<KalshiRequest> SendCreatesAsync(IReadOnlyList<OrderSpec> orders, int start, int count, bool priorUnclear,
            ItemOutcome<KalshiOrderResult>[] outcomes, List<UnsettledWrite> unsettled, CancellationToken ct)
        {
            var chunk = orders.Skip(start).Take(count).ToList();
            var request = new KalshiRequest("POST", BatchPath) { JsonBody = OrderRequestWire.CreateBatch(chunk), RetrySafe = true, Items = count };
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    var items = doc?.RootElement.Arr("orders");
                    var list = items == null ? new List<JsonElement>() : items.Value.EnumerateArray().ToList();
                    var used = new bool[list.Count];
                    for (int k = 0; k < count; k++)
                    {
                        int i = start + k;
                        var o = orders[i];
                        var item = MatchItem(list, used, k, o.ClientOrderId);
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            var missing = new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, "POST", BatchPath,
                                new KalshiErrorBody { Message = $"the batch answer had no entry for client order id {o.ClientOrderId}" });
                            outcomes[i] = new ItemOutcome<KalshiOrderResult>(missing);
                            unsettled.Add(UnsettledCreate(i, missing, o));
                            continue;
                        }
                        var error = OrderRequestWire.ItemError(item);
                        if (error == null) { outcomes[i] = new ItemOutcome<KalshiOrderResult>(OrderRequestWire.CreateResult(item, o)); continue; }
                        int status = error.Code == "order_already_exists" ? 409 : StatusFor(error.Code);
                        var itemError = new KalshiApiException(KalshiApiException.KindFor(status), status, "POST", BatchPath, error);
                        outcomes[i] = new ItemOutcome<KalshiOrderResult>(itemError);
                        if (CreateMayExist(request, itemError, o, priorUnclear)) unsettled.Add(UnsettledCreate(i, itemError, o));
                    }
                }
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested)
            {
                if (e.Kind == KalshiErrorKind.RateLimited && count > 1) return request;
                for (int k = 0; k < count; k++)
                {
                    outcomes[start + k] = new ItemOutcome<KalshiOrderResult>(e);
                    if (CreateMayExist(request, e, orders[start + k], priorUnclear)) unsettled.Add(UnsettledCreate(start + k, e, orders[start + k]));
                }
            }
            return null;
        }

        /// <summary>
        /// Sends items [start, start + count) with <paramref name="send"/>; a batch that met 429 after every retry is
        /// sent again as two halves (Kalshi's bucket is smaller than it), never given up.
        /// </summary>
        private static async Task SendSplittingAsync(int start, int count, bool priorUnclear, string what, Func<int, int, bool, Task<KalshiRequest>> send)
        {
            var limited = await send(start, count, priorUnclear).ConfigureAwait(false);
            if (limited == null) return;
            int half = count / 2;
            Verbose($"A batch of {count} {what} met 429 after every retry; sending it as {half} + {count - half}.");
            bool unclear = priorUnclear || limited.MayHaveCommitted;
            await SendSplittingAsync(start, half, unclear, what, send).ConfigureAwait(false);
            await SendSplittingAsync(start + half, count - half, unclear, what, send).ConfigureAwait(false);
        }

        /// <summary>
        /// Might this create have placed the order although its answer says otherwise? Yes after any unclear attempt;
        /// and a 409 means an order with the id exists, which is ours when we made the id up or an earlier attempt
        /// was sent (a user's own id on a first attempt is a real collision).
        /// </summary>
        private static bool CreateMayExist(KalshiRequest request, KalshiApiException e, OrderSpec o, bool priorUnclear)
        {
            if (priorUnclear || request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)) return true;
            return e.StatusCode == 409 && (o.ClientOrderIdGenerated || request.Attempts > 1);
        }

        private static UnsettledWrite UnsettledCreate(int index, KalshiApiException e, OrderSpec o) =>
            new UnsettledWrite(index, e, "placed", $"order with client order id {o.ClientOrderId} on {o.Ticker}", o.ClientOrderId, null,
                $"Get-KalshiOrder -Ticker {o.Ticker} -ClientOrderId {o.ClientOrderId}")
            {
                Repeat = $", or repeat the order with -ClientOrderId {o.ClientOrderId} (it cannot be placed twice under that id)",
            };

        /// <summary>Settles unclear creates by looking their client order ids up, one listing per market.</summary>
        private Task SettleCreatesAsync(IReadOnlyList<OrderSpec> orders, ItemOutcome<KalshiOrderResult>[] outcomes, IReadOnlyList<UnsettledWrite> unsettled, CancellationToken ct)
        {
            if (unsettled.Count == 0) return Task.CompletedTask;
            return WriteOutcomes.SettleAsync(outcomes, unsettled, async (items, c) =>
            {
                var decided = new Dictionary<int, ItemOutcome<KalshiOrderResult>>();
                var claimed = new HashSet<string>(StringComparer.Ordinal); // one order answers one item
                foreach (var group in items.GroupBy(w => orders[w.Index].Ticker, StringComparer.OrdinalIgnoreCase))
                {
                    Dictionary<string, KalshiOrder> found;
                    try { found = await FindByClientOrderIdsAsync(group.Key, group.Select(w => orders[w.Index]).ToList(), c).ConfigureAwait(false); }
                    catch (KalshiApiException e) when (!c.IsCancellationRequested) { foreach (var w in group) w.LookupError = e; continue; }
                    foreach (var w in group)
                    {
                        var o = orders[w.Index];
                        if (!found.TryGetValue(o.ClientOrderId, out var existing) || !claimed.Add(existing.OrderId ?? o.ClientOrderId))
                        {
                            // A 409 says an order with the id exists; the listing not showing it (or it already answering
                            // another item) leaves the exchange's own word standing.
                            decided[w.Index] = new ItemOutcome<KalshiOrderResult>(w.WriteError.StatusCode == 409 ? w.WriteError
                                : WriteOutcomes.NotDone(w, $"no order with client order id {o.ClientOrderId} exists on {o.Ticker}"));
                            continue;
                        }
                        var other = Mismatch(existing, o);
                        if (other != null) { decided[w.Index] = new ItemOutcome<KalshiOrderResult>(SomeoneElses(existing, o, other, w.WriteError.Path, w.WriteError)); continue; }
                        Verbose($"Order {o.ClientOrderId} was already placed by an earlier attempt (the create got no clear answer: {w.WriteError.Kind}); reporting order {existing.OrderId}.");
                        decided[w.Index] = new ItemOutcome<KalshiOrderResult>(OrderRequestWire.ExistingResult(existing, o));
                    }
                }
                return decided;
            }, Pause, ct);
        }

        /// <summary>Between lookup rounds: the session's retry delay, doubling.</summary>
        private Task Pause(int round, CancellationToken ct) =>
            _session.Time.Delay(TimeSpan.FromTicks(_session.RetryDelay.Ticks * (1L << Math.Min(round, 10))), ct);

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
            if (existing.Subaccount.HasValue && existing.Subaccount.Value != (o.Subaccount ?? 0)) diffs.Add("subaccount " + existing.Subaccount.Value);
            return diffs.Count == 0 ? null : string.Join(", ", diffs);
        }

        private static KalshiApiException SomeoneElses(KalshiOrder existing, OrderSpec o, string differences, string path, Exception cause) =>
            new KalshiApiException(KalshiErrorKind.Conflict, 409, "POST", path, new KalshiErrorBody
            {
                Code = "order_already_exists",
                Message = $"client order id {o.ClientOrderId} already belongs to a different order {existing.OrderId} ({differences}); this order was not placed. Use a new -ClientOrderId",
            }, cause);

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

        public async Task<KalshiOrderCancellation> CancelAsync(string orderId, string ticker, CancellationToken ct, int? subaccount = null)
        {
            var request = new KalshiRequest("DELETE", ApiPath.Of(CreatePath + "/{0}", SegmentKind.OrderId, orderId, "OrderId")).With("market_ticker", ticker).With("subaccount", subaccount);
            request.RetrySafe = true; // cancelling twice cannot harm; a retry that finds it gone is checked below
            var outcomes = new ItemOutcome<KalshiOrderCancellation>[1];
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    var done = Cancellation(doc?.RootElement ?? default, orderId, ticker);
                    done.Subaccount = subaccount;
                    return done;
                }
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && CancelMayHaveHappened(request, e, false))
            {
                outcomes[0] = new ItemOutcome<KalshiOrderCancellation>(e);
            }
            await SettleByStateAsync(outcomes, new[] { UnsettledChange(0, (KalshiApiException)outcomes[0].Error, "canceled", orderId, null) },
                (w, order) => IsCanceled(order, ticker, w), ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }

        /// <summary>
        /// DELETE /portfolio/events/orders/batched: one outcome per id, in order, in batches that fit the write bucket
        /// (split again on 429). Items whose answer was unclear are settled by reading each order.
        /// </summary>
        public async Task<IReadOnlyList<ItemOutcome<KalshiOrderCancellation>>> CancelBatchAsync(IReadOnlyList<KeyValuePair<string, string>> orders, CancellationToken ct, int? subaccount = null)
        {
            var outcomes = new ItemOutcome<KalshiOrderCancellation>[orders.Count];
            var unsettled = new List<UnsettledWrite>();
            int size = _session.Limiter.ItemsThatFit("DELETE", BatchPath, MaxBatch);
            for (int start = 0; start < orders.Count; start += size)
                await SendSplittingAsync(start, Math.Min(size, orders.Count - start), false, "cancels",
                    (from, n, unclear) => SendCancelsAsync(orders, subaccount, from, n, unclear, outcomes, unsettled, ct)).ConfigureAwait(false);
            if (unsettled.Count > 0)
                await SettleByStateAsync(outcomes, unsettled, (w, order) => IsCanceled(order, orders[w.Index].Value, w), ct).ConfigureAwait(false);
            return outcomes;
        }

        /// <summary>One batch request; returns it when it met 429 after every retry (to be split), else null.</summary>
        private async Task<KalshiRequest> SendCancelsAsync(IReadOnlyList<KeyValuePair<string, string>> orders, int? subaccount, int start, int count, bool priorUnclear,
            ItemOutcome<KalshiOrderCancellation>[] outcomes, List<UnsettledWrite> unsettled, CancellationToken ct)
        {
            var chunk = orders.Skip(start).Take(count).ToList();
            var request = new KalshiRequest("DELETE", BatchPath) { JsonBody = OrderRequestWire.CancelBatch(chunk, subaccount), RetrySafe = true, Items = count };
            try
            {
                using (var doc = await Http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    var items = doc?.RootElement.Arr("orders");
                    var list = items == null ? new List<JsonElement>() : items.Value.EnumerateArray().ToList();
                    for (int k = 0; k < count; k++)
                    {
                        int i = start + k;
                        var id = orders[i].Key;
                        var item = list.FirstOrDefault(x => x.Str("order_id") == id);
                        if (item.ValueKind == JsonValueKind.Undefined && k < list.Count && list[k].Str("order_id") == null) item = list[k];
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            var missing = new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, "DELETE", BatchPath,
                                new KalshiErrorBody { Message = "the batch answer had no entry for order " + id });
                            outcomes[i] = new ItemOutcome<KalshiOrderCancellation>(missing);
                            unsettled.Add(UnsettledChange(i, missing, "canceled", id, null));
                            continue;
                        }
                        var error = OrderRequestWire.ItemError(item);
                        if (error == null)
                        {
                            var done = Cancellation(item, id, orders[i].Value);
                            done.Subaccount = subaccount;
                            outcomes[i] = new ItemOutcome<KalshiOrderCancellation>(done);
                            continue;
                        }
                        int status = StatusFor(error.Code);
                        var itemError = new KalshiApiException(KalshiApiException.KindFor(status), status, "DELETE", BatchPath, error);
                        outcomes[i] = new ItemOutcome<KalshiOrderCancellation>(itemError);
                        if (CancelMayHaveHappened(request, itemError, priorUnclear)) unsettled.Add(UnsettledChange(i, itemError, "canceled", id, null));
                    }
                }
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested)
            {
                if (e.Kind == KalshiErrorKind.RateLimited && count > 1) return request;
                for (int k = 0; k < count; k++)
                {
                    outcomes[start + k] = new ItemOutcome<KalshiOrderCancellation>(e);
                    if (CancelMayHaveHappened(request, e, priorUnclear)) unsettled.Add(UnsettledChange(start + k, e, "canceled", orders[start + k].Key, null));
                }
            }
            return null;
        }

        /// <summary>After an unclear attempt, or a "not found" to a retry (the first attempt may have cancelled it).</summary>
        private static bool CancelMayHaveHappened(KalshiRequest request, KalshiApiException e, bool priorUnclear) =>
            priorUnclear || request.MayHaveCommitted || WriteOutcomes.IsUnclear(e) || (e.Kind == KalshiErrorKind.NotFound && request.Attempts > 1);

        private static ItemOutcome<KalshiOrderCancellation> IsCanceled(KalshiOrder order, string ticker, UnsettledWrite w)
        {
            if (order.Status != "Canceled") return new ItemOutcome<KalshiOrderCancellation>(WriteOutcomes.NotDone(w, $"order {w.OrderId} is {order.Status ?? "not canceled"}"));
            Verbose($"Order {w.OrderId} is canceled on the exchange (the cancel got no clear answer: {w.WriteError.Kind}).");
            return new ItemOutcome<KalshiOrderCancellation>(new KalshiOrderCancellation { OrderId = w.OrderId, ClientOrderId = order.ClientOrderId, Ticker = order.Ticker ?? ticker, Subaccount = order.Subaccount });
        }

        /// <summary>A cancel, amend or decrease of one order: settled by reading that order.</summary>
        private static UnsettledWrite UnsettledChange(int index, KalshiApiException e, string done, string orderId, string clientOrderId) =>
            new UnsettledWrite(index, e, done, "order " + orderId, clientOrderId, orderId, "Get-KalshiOrder -OrderId " + orderId);

        /// <summary>
        /// Settles unclear cancels, amends and decreases by reading each order (GET /portfolio/orders/{id});
        /// <paramref name="judge"/> says from the order whether the write happened.
        /// </summary>
        private Task SettleByStateAsync<T>(ItemOutcome<T>[] outcomes, IReadOnlyList<UnsettledWrite> unsettled, Func<UnsettledWrite, KalshiOrder, ItemOutcome<T>> judge, CancellationToken ct) =>
            WriteOutcomes.SettleAsync(outcomes, unsettled, async (items, c) =>
            {
                var decided = new Dictionary<int, ItemOutcome<T>>();
                foreach (var w in items)
                {
                    try { decided[w.Index] = judge(w, await GetOrderAsync(w.OrderId, c).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (!c.IsCancellationRequested && e.Kind == KalshiErrorKind.NotFound)
                    {
                        decided[w.Index] = new ItemOutcome<T>(WriteOutcomes.NotDone(w, $"order {w.OrderId} does not exist"));
                    }
                    catch (KalshiApiException e) when (!c.IsCancellationRequested) { w.LookupError = e; }
                }
                return decided;
            }, Pause, ct);

        /// <summary>DELETE /portfolio/events/orders: every resting order of the account.</summary>
        /// <remarks>An unclear answer is settled by listing resting orders: none left means done.</remarks>
        public async Task CancelAllAsync(CancellationToken ct, int? subaccount = null)
        {
            // With a subaccount only its orders are eligible; without one Kalshi cancels in every account.
            var request = new KalshiRequest("DELETE", CreatePath).With("subaccount", subaccount);
            request.RetrySafe = true;
            var scope = subaccount.HasValue ? "subaccount " + subaccount.Value : "the account";
            var outcomes = new ItemOutcome<bool>[1];
            try
            {
                using (await Http.SendAsync(request, ct).ConfigureAwait(false)) { }
                return;
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                outcomes[0] = new ItemOutcome<bool>(e);
            }
            var write = new UnsettledWrite(0, (KalshiApiException)outcomes[0].Error, "canceled", "every resting order of " + scope, null, null,
                "Get-KalshiOrder -Status Resting" + (subaccount.HasValue ? " -Subaccount " + subaccount.Value : ""));
            await WriteOutcomes.SettleAsync(outcomes, new[] { write }, async (items, c) =>
            {
                await foreach (var page in ListOrders(new OrderQuery { Status = KalshiOrderStatus.Resting, Subaccount = subaccount }, 1, c).ConfigureAwait(false))
                    return new Dictionary<int, ItemOutcome<bool>> { [0] = page.Items.Count == 0 ? new ItemOutcome<bool>(true)
                        : new ItemOutcome<bool>(WriteOutcomes.NotDone(write, "orders are still resting")) };
                return new Dictionary<int, ItemOutcome<bool>> { [0] = new ItemOutcome<bool>(true) };
            }, Pause, ct).ConfigureAwait(false);
            if (outcomes[0].Error != null) throw outcomes[0].Error;
            Verbose("Every resting order is canceled on the exchange (the mass cancel got no clear answer).");
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

        /// <summary>
        /// POST .../{id}/amend. <paramref name="totalCount"/> is the new total including what already filled. Returns
        /// the order as read when an unclear answer had to be settled from its state (else null).
        /// </summary>
        public async Task<KalshiOrder> AmendAsync(KalshiOrder current, decimal yesPrice, decimal totalCount, long? expirationUnix, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", ApiPath.Of(CreatePath + "/{0}/amend", SegmentKind.OrderId, current.OrderId, "OrderId")).With("subaccount", current.Subaccount);
            request.RetrySafe = true; // absolute price and count: sending it twice ends in the same state
            request.JsonBody = OrderRequestWire.Amend(current.Ticker, current.BookSide, yesPrice, totalCount, expirationUnix);
            return await ChangeAsync(request, current, "amended", order =>
            {
                var total = (order.FilledCount ?? 0m) + (order.RemainingCount ?? 0m);
                bool done = order.YesPrice == yesPrice && total == totalCount
                            && (!expirationUnix.HasValue || (order.ExpirationTime.HasValue && JsonFields.ToUnixSeconds(order.ExpirationTime.Value) == expirationUnix.Value));
                return done ? (bool?)true : false;
            }, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// POST .../{id}/decrease with reduce_by or reduce_to. Only reduce_to is retried (it is absolute); an unclear
        /// reduce_by is settled by comparing the order's total (filled + resting, which fills do not change) with
        /// <paramref name="current"/>'s.
        /// </summary>
        public async Task<KalshiOrder> DecreaseAsync(KalshiOrder current, string ticker, decimal? reduceBy, decimal? reduceTo, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", ApiPath.Of(CreatePath + "/{0}/decrease", SegmentKind.OrderId, current.OrderId, "OrderId")).With("subaccount", current.Subaccount);
            request.JsonBody = OrderRequestWire.Decrease(ticker, reduceBy, reduceTo);
            request.RetrySafe = reduceTo.HasValue;
            decimal filledBefore = current.FilledCount ?? 0m, restingBefore = current.RemainingCount ?? 0m;
            return await ChangeAsync(request, current, "decreased", order =>
            {
                var resting = order.RemainingCount ?? 0m;
                if (reduceTo.HasValue) return resting <= reduceTo.Value;
                var total = (order.FilledCount ?? 0m) + resting;
                if (total == filledBefore + Math.Max(0m, restingBefore - reduceBy.Value)) return true;
                if (total == filledBefore + restingBefore) return false;
                return null; // changed some other way meanwhile: the state does not say
            }, ct).ConfigureAwait(false);
        }

        /// <summary>One amend or decrease: sent, and settled from the order's state when the answer was unclear.</summary>
        private async Task<KalshiOrder> ChangeAsync(KalshiRequest request, KalshiOrder current, string done, Func<KalshiOrder, bool?> happened, CancellationToken ct)
        {
            var outcomes = new ItemOutcome<KalshiOrder>[1];
            try
            {
                using (await Http.SendAsync(request, ct).ConfigureAwait(false)) { }
                return null;
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                outcomes[0] = new ItemOutcome<KalshiOrder>(e);
            }
            var write = UnsettledChange(0, (KalshiApiException)outcomes[0].Error, done, current.OrderId, current.ClientOrderId);
            await SettleByStateAsync(outcomes, new[] { write }, (w, order) =>
            {
                switch (happened(order))
                {
                    case true:
                        Verbose($"Order {w.OrderId} is {done} on the exchange (the request got no clear answer: {w.WriteError.Kind}).");
                        return new ItemOutcome<KalshiOrder>(order);
                    case false:
                        return new ItemOutcome<KalshiOrder>(WriteOutcomes.NotDone(w, string.Format(CultureInfo.InvariantCulture,
                            "order {0} is unchanged ({1} resting, {2} filled, Yes price {3})", w.OrderId, order.RemainingCount, order.FilledCount, order.YesPrice)));
                    default:
                        return new ItemOutcome<KalshiOrder>(WriteOutcomes.Unknown(w));
                }
            }, ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }
    }
}
