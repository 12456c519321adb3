using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Cmdlets;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Fix.Client
{
    /// <summary>What came back for one order-entry request.</summary>
    internal sealed class FixAnswer
    {
        public FixExecutionReport Report { get; private set; }
        public FixOrderCancelReject CancelReject { get; private set; }
        /// <summary>A BusinessMessageReject or session Reject: Kalshi did not act on the request.</summary>
        public string RefusedText { get; private set; }
        /// <summary>Nothing was sent (the session was not logged on).</summary>
        public string NotSent { get; private set; }
        /// <summary>Sent, but no answer in time or the connection closed first: the outcome is unknown.</summary>
        public string Missing { get; private set; }

        public static FixAnswer Of(FixMessage m)
        {
            switch (m.MsgType)
            {
                case FixAppMsgTypes.ExecutionReport:
                    if (FixExecutionReport.TryParse(m, out var er, out var e1)) return new FixAnswer { Report = er };
                    return new FixAnswer { Missing = "Kalshi's ExecutionReport could not be read (" + e1 + ")" };
                case FixAppMsgTypes.OrderCancelReject:
                    if (FixOrderCancelReject.TryParse(m, out var cr, out var e2)) return new FixAnswer { CancelReject = cr };
                    return new FixAnswer { Missing = "Kalshi's OrderCancelReject could not be read (" + e2 + ")" };
                case FixAppMsgTypes.BusinessMessageReject:
                    return new FixAnswer { RefusedText = "Kalshi rejected the message: " + (m.Get(FixTags.Text) ?? "BusinessRejectReason " + m.Get(FixAppTags.BusinessRejectReason)) };
                default:
                    return new FixAnswer { RefusedText = "Kalshi's FIX gateway rejected the message: " + (m.Get(FixTags.Text) ?? "SessionRejectReason " + m.Get(FixTags.SessionRejectReason)) };
            }
        }

        public static FixAnswer Unsent(string why) => new FixAnswer { NotSent = why };
        public static FixAnswer NoAnswer(string why) => new FixAnswer { Missing = why };
    }

    /// <summary>
    /// Orders over a FIX order-entry connection with the REST rules for outcomes: every request names a fresh ClOrdID,
    /// the answer is the first report or reject naming it; a reject is "not done" with Kalshi's Text; no answer in time
    /// (or a connection that closed after sending) is settled from the exchange's state over REST where that can prove it
    /// was done, else reported "unknown" with the command that settles it. Nothing is ever sent twice.
    /// </summary>
    internal sealed class FixOrderEntry
    {
        private readonly KalshiFixConnection _connection;
        private readonly FixConnectionSet _set;

        public FixOrderEntry(KalshiFixConnection connection, FixConnectionSet set)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _set = set;
        }

        public KalshiFixConnection Connection => _connection;

        // ------------------------------------------------------------------ new order

        /// <summary>
        /// Sends one NewOrderSingle for <paramref name="o"/> (validated by the caller; FIX limits are checked here before
        /// sending) and reports what Kalshi did. <paramref name="rest"/> settles an order whose report never came.
        /// </summary>
        public async Task<KalshiOrderResult> PlaceAsync(OrderSpec o, OrdersApi rest, CancellationToken ct)
        {
            var nos = FixOrderTranslation.ToNewOrderSingle(o);
            if (!_set.ClaimClOrdId(nos.ClOrdId))
                throw new KalshiFixException(KalshiErrorKind.Conflict, Request(FixAppMsgTypes.NewOrderSingle),
                    $"This session already sent a NewOrderSingle with ClOrdID {nos.ClOrdId}; it is never sent twice, so nothing was sent. Get-KalshiOrder -Ticker {o.Ticker} -ClientOrderId {nos.ClOrdId} shows that order; use a new -ClientOrderId for a new one.",
                    code: "duplicate_client_order_id");
            var answer = await RequestAsync(nos.ToMessage(), nos.ClOrdId, ct).ConfigureAwait(false);
            var request = Request(FixAppMsgTypes.NewOrderSingle);
            if (answer.NotSent != null)
                throw new KalshiFixException(KalshiErrorKind.Connection, request, answer.NotSent);
            if (answer.Report != null)
            {
                var er = answer.Report;
                if (er.ExecType == FixExecType.Rejected || er.OrdStatus == FixOrdStatus.Rejected)
                    throw NotDone(request, $"Kalshi rejected order {nos.ClOrdId} on {o.Ticker}", er.Text, er.OrdRejReason);
                return FixOrderTranslation.ToResult(er, o);
            }
            if (answer.RefusedText != null)
                throw NotDone(request, $"Order {nos.ClOrdId} on {o.Ticker} was not placed", answer.RefusedText, null);
            return await SettlePlaceAsync(o, answer.Missing, rest, ct).ConfigureAwait(false);
        }

        private async Task<KalshiOrderResult> SettlePlaceAsync(OrderSpec o, string missing, OrdersApi rest, CancellationToken ct)
        {
            var writeError = new KalshiFixException(KalshiErrorKind.Timeout, Request(FixAppMsgTypes.NewOrderSingle),
                $"No ExecutionReport for ClOrdID {o.ClientOrderId}: {missing}");
            var unsettled = new UnsettledWrite(0, writeError, "placed", $"order with client order id {o.ClientOrderId} on {o.Ticker}", o.ClientOrderId, null,
                $"Get-KalshiOrder -Ticker {o.Ticker} -ClientOrderId {o.ClientOrderId}")
            {
                Repeat = $" (or Get-KalshiDropCopy -Since over FIX); do not place it again under a new id until you know. This session never sends ClOrdID {o.ClientOrderId} again",
            };
            var outcomes = new ItemOutcome<KalshiOrderResult>[] { new ItemOutcome<KalshiOrderResult>(writeError) };
            if (rest == null) return outcomes[0].Value ?? throw WriteOutcomes.Unknown(unsettled);
            // Found over REST = done. Not found proves nothing over FIX (the order may still be on its way), so it stays unknown.
            await WriteOutcomes.SettleAsync(outcomes, new[] { unsettled }, async (items, c) =>
            {
                var found = await rest.FindByClientOrderIdsAsync(o.Ticker, new[] { o }, c).ConfigureAwait(false);
                var decided = new Dictionary<int, ItemOutcome<KalshiOrderResult>>();
                if (found.TryGetValue(o.ClientOrderId, out var existing) && OrdersApi.Mismatch(existing, o) == null)
                    decided[0] = new ItemOutcome<KalshiOrderResult>(OrderRequestWire.ExistingResult(existing, o));
                else
                    decided[0] = new ItemOutcome<KalshiOrderResult>(WriteOutcomes.Unknown(unsettled));
                return decided;
            }, (round, c) => _connection.Time.Delay(TimeSpan.FromSeconds(round), c), ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }

        // ------------------------------------------------------------------ amend

        /// <summary>OrderCancelReplaceRequest: a new Yes price and total count (filled included) for a resting order.</summary>
        public async Task<KalshiOrder> ReplaceAsync(KalshiOrder current, string ticker, decimal yesPrice, decimal totalCount, CancellationToken ct)
        {
            var target = Describe(current.OrderId, ticker);
            var known = _set.Orders.Find(current.OrderId);
            var g = new FixOrderCancelReplaceRequest
            {
                ClOrdId = Guid.NewGuid().ToString(),
                OrigClOrdId = known?.ClOrdId ?? current.ClientOrderId,
                OrderId = current.OrderId,
                Symbol = ticker,
                Side = known?.Side ?? SideOf(current),
                Quantity = totalCount,
                PriceCents = FixOrderTranslation.YesCents(yesPrice, "Price"),
            };
            var request = Request(FixAppMsgTypes.OrderCancelReplaceRequest);
            var answer = await RequestAsync(g.ToMessage(), g.ClOrdId, ct).ConfigureAwait(false);
            if (answer.NotSent != null) throw new KalshiFixException(KalshiErrorKind.Connection, request, answer.NotSent);
            if (answer.CancelReject != null) throw NotDone(request, target + " was not amended", answer.CancelReject.Text, answer.CancelReject.Reason);
            if (answer.RefusedText != null) throw NotDone(request, target + " was not amended", answer.RefusedText, null);
            if (answer.Report != null)
            {
                var er = answer.Report;
                if (er.ExecType == FixExecType.Rejected || er.OrdStatus == FixOrdStatus.Rejected)
                    throw NotDone(request, target + " was not amended", er.Text, er.OrdRejReason);
                return FixOrderTranslation.ToOrder(er, current);
            }
            throw Unknown(request, answer.Missing, "amended", target, current.ClientOrderId, current.OrderId);
        }

        // ------------------------------------------------------------------ cancel

        /// <summary>OrderCancelRequest for an order known by id (its ClOrdID, market and side from this session's reports, else <paramref name="current"/>).</summary>
        public async Task<KalshiOrderCancellation> CancelAsync(string orderId, KalshiOrder current, int? subaccount, CancellationToken ct)
        {
            var known = _set.Orders.Find(orderId);
            var ticker = known?.Symbol ?? current?.Ticker;
            var target = Describe(orderId, ticker);
            if (ticker == null) throw new OrderValidationException($"The market of order {orderId} is unknown; pass -Ticker (a FIX cancel names it).", "Ticker");
            var f = new FixOrderCancelRequest
            {
                ClOrdId = Guid.NewGuid().ToString(),
                OrigClOrdId = known?.ClOrdId ?? current?.ClientOrderId,
                OrderId = orderId,
                Symbol = ticker,
                Side = known?.Side ?? SideOf(current),
            };
            var request = Request(FixAppMsgTypes.OrderCancelRequest);
            var answer = await RequestAsync(f.ToMessage(), f.ClOrdId, ct).ConfigureAwait(false);
            if (answer.NotSent != null) throw new KalshiFixException(KalshiErrorKind.Connection, request, answer.NotSent);
            if (answer.CancelReject != null) throw NotDone(request, target + " was not canceled", answer.CancelReject.Text, answer.CancelReject.Reason);
            if (answer.RefusedText != null) throw NotDone(request, target + " was not canceled", answer.RefusedText, null);
            if (answer.Report != null)
            {
                var er = answer.Report;
                if (er.ExecType != FixExecType.Canceled && er.OrdStatus != FixOrdStatus.Canceled)
                    throw NotDone(request, target + " was not canceled", er.Text ?? "Kalshi reported the order " + er.OrdStatus, er.OrdRejReason);
                decimal? reduced = known != null ? known.LeavesQty : (decimal?)null;
                if (reduced == null && er.OrderQty > 0) reduced = er.OrderQty - er.CumQty;
                return new KalshiOrderCancellation
                {
                    OrderId = er.OrderId ?? orderId,
                    ClientOrderId = f.OrigClOrdId,
                    Ticker = er.Symbol ?? ticker,
                    Subaccount = er.Subaccount ?? subaccount,
                    ReducedBy = reduced,
                    Timestamp = er.TransactTime?.UtcDateTime,
                };
            }
            throw Unknown(request, answer.Missing, "canceled", target, f.OrigClOrdId, orderId);
        }

        // ------------------------------------------------------------------ plumbing

        /// <summary>
        /// Sends <paramref name="message"/> and waits for the first report or reject naming <paramref name="clOrdId"/>
        /// (or refusing the message by its MsgSeqNum). The wait is registered before sending, so no answer is missed.
        /// </summary>
        private async Task<FixAnswer> RequestAsync(FixMessage message, string clOrdId, CancellationToken ct)
        {
            long seq = 0;
            var msgType = message.MsgType;
            using (var wait = _connection.Expect(m => Answers(m, clOrdId, msgType, Interlocked.Read(ref seq))))
            {
                try { Interlocked.Exchange(ref seq, await _connection.SendAsync(message, ct).ConfigureAwait(false)); }
                catch (InvalidOperationException e) { return FixAnswer.Unsent(e.Message); }
                FixMessage reply;
                try { reply = await wait.WaitAsync(_connection.Settings.ResponseTimeout, ct).ConfigureAwait(false); }
                catch (FixConnectionLostException e) { return FixAnswer.NoAnswer("the connection closed before Kalshi answered (" + e.Reason + ")"); }
                if (reply == null)
                    return FixAnswer.NoAnswer(string.Format(CultureInfo.InvariantCulture, "Kalshi did not answer within {0:0.#} s", _connection.Settings.ResponseTimeout.TotalSeconds));
                return FixAnswer.Of(reply);
            }
        }

        private static bool Answers(FixMessage m, string clOrdId, string msgType, long seq)
        {
            switch (m.MsgType)
            {
                case FixAppMsgTypes.ExecutionReport:
                case FixAppMsgTypes.OrderCancelReject:
                    return m.Get(FixAppTags.ClOrdID) == clOrdId;
                case FixAppMsgTypes.BusinessMessageReject:
                    return m.Get(FixAppTags.BusinessRejectRefID) == clOrdId
                        || (seq > 0 && m.Get(FixTags.RefMsgType) == msgType && m.TryGetInt(FixTags.RefSeqNum, out var r1) && r1 == seq);
                case FixMsgTypes.Reject:
                    return seq > 0 && m.TryGetInt(FixTags.RefSeqNum, out var r2) && r2 == seq;
                default:
                    return false;
            }
        }

        private static FixSide SideOf(KalshiOrder o)
        {
            if (o == null) throw new OrderValidationException("The order's side is unknown; it could not be read.", "OrderId");
            if (!string.IsNullOrEmpty(o.BookSide)) return string.Equals(o.BookSide, "ask", StringComparison.OrdinalIgnoreCase) ? FixSide.Sell : FixSide.Buy;
            var side = string.Equals(o.Side, "No", StringComparison.OrdinalIgnoreCase) ? KalshiSide.No : KalshiSide.Yes;
            var action = string.Equals(o.Action, "Sell", StringComparison.OrdinalIgnoreCase) ? KalshiAction.Sell : KalshiAction.Buy;
            return FixOrderTranslation.BookSide(side, action);
        }

        private static string Describe(string orderId, string ticker) => "order " + orderId + (ticker != null ? " on " + ticker : "");

        internal static string Request(string msgType)
        {
            switch (msgType)
            {
                case FixAppMsgTypes.NewOrderSingle: return "35=D NewOrderSingle";
                case FixAppMsgTypes.OrderCancelRequest: return "35=F OrderCancelRequest";
                case FixAppMsgTypes.OrderCancelReplaceRequest: return "35=G OrderCancelReplaceRequest";
                default: return "35=" + msgType;
            }
        }

        private static KalshiFixException NotDone(string request, string what, string text, int? reason)
        {
            var why = !string.IsNullOrEmpty(text) ? text : reason.HasValue ? "reason " + reason.Value.ToString(CultureInfo.InvariantCulture) : "no reason given";
            return new KalshiFixException(KalshiErrorKind.InvalidRequest, request, $"{what}: {why}.", text,
                code: reason.HasValue ? reason.Value.ToString(CultureInfo.InvariantCulture) : null);
        }

        /// <summary>An amend or cancel whose answer never came: not looked up (a REST read cannot tell an amend from none), so unknown.</summary>
        private static KalshiOutcomeUnknownException Unknown(string request, string missing, string done, string subject, string clOrdId, string orderId)
        {
            var writeError = new KalshiFixException(KalshiErrorKind.Timeout, request, missing);
            var settle = $"Get-KalshiOrder -OrderId {orderId}";
            return new KalshiOutcomeUnknownException(writeError,
                $"{missing}; {subject}: whether it was {done} is unknown. Check with {settle} (or Get-KalshiDropCopy over FIX, or Watch-KalshiExecution for what comes next)",
                clOrdId, orderId, settle, null);
        }
    }
}
