namespace KalshiPS.Sandbox;

// The order lifecycle: create, cancel, decrease, amend and expiry.
public sealed partial class Exchange
{
    public PlaceResult PlaceOrder(string userId, OrderRequest r)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            var m = _markets.GetValueOrDefault(r.Ticker) ?? throw new ExchangeException(404, "market_not_found", "market not found");
            var acct = AccountOf(userId, r.Subaccount);
            if (!TradingActive) throw new ExchangeException(400, "trading_paused", "trading is paused");
            var bestBefore = BestPair(m);
            if (m.Status != "active") throw new ExchangeException(400, "market_closed", $"market {m.Ticker} is not open for trading (status {m.Status})");
            if (!PriceGrid.IsValid(m.PriceStructure, r.Price)) throw new ExchangeException(400, "invalid_price", "invalid price");
            ValidateCount(m, r.Count);
            if (r.ExpirationTime is not null && r.TimeInForce != TimeInForce.GoodTillCanceled)
                throw new ExchangeException(400, "invalid_parameters", "expiration_time is only allowed with good_till_canceled");
            if (r.ExpirationTime is { } exp && exp <= Now.ToUnixTimeSeconds())
                throw new ExchangeException(400, "invalid_parameters", "expiration_time is in the past");
            if (r.ReduceOnly && r.TimeInForce != TimeInForce.ImmediateOrCancel)
                throw new ExchangeException(400, "invalid_parameters", "reduce_only is only allowed with immediate_or_cancel");
            if (r.PostOnly && r.TimeInForce != TimeInForce.GoodTillCanceled)
                throw new ExchangeException(400, "invalid_parameters", "post_only is only allowed with good_till_canceled");
            string cid = r.ClientOrderId ?? "";
            if (cid.Length > 0 && _byClientId.ContainsKey((userId, cid)))
                throw new ExchangeException(409, "order_already_exists", "order already exists");
            CheckOrderGroupLocked(userId, r.OrderGroupId);

            decimal count = r.Count;
            if (r.ReduceOnly)
            {
                decimal pos = acct.Positions.TryGetValue(m.Ticker, out var p) ? p.Quantity : 0m;
                decimal reducible = r.Side == OrderSide.Bid ? Math.Max(0m, -pos) : Math.Max(0m, pos);
                count = Math.Min(count, reducible);
            }
            var book = m.Book;
            decimal sidePrice = r.Side == OrderSide.Bid ? r.Price : 1m - r.Price;
            if (r.PostOnly && book.OppositeOf(r.Side) is { Count: > 0 } opp && sidePrice + opp.Last().Key >= 1m)
                throw new ExchangeException(400, "post_only_cross", "post only order would cross the book");
            // Contracts that close an existing opposite holding need no cash (each pair is redeemed for $1), minus what
            // the user's other resting orders on this side already claim.
            decimal holding = acct.Positions.TryGetValue(m.Ticker, out var held) ? (r.Side == OrderSide.Bid ? -held.Quantity : held.Quantity) : 0m;
            decimal claimed = _ordersByUser.TryGetValue(userId, out var mine)
                ? mine.Where(x => x.Status == OrderStatus.Resting && x.Subaccount == r.Subaccount && x.Ticker == m.Ticker && x.Side == r.Side).Sum(x => x.RemainingCount) : 0m;
            decimal closable = Math.Max(0m, holding - claimed);
            decimal reserve = sidePrice * Math.Max(0m, count - closable);
            if (userId != HouseUserId && acct.Cash < reserve)
                throw new ExchangeException(400, "insufficient_balance", "insufficient balance");

            var now = Now;
            var o = new Order
            {
                OrderId = NewId(), UserId = userId, Subaccount = r.Subaccount, ClientOrderId = cid, Ticker = m.Ticker, Side = r.Side, YesPrice = r.Price,
                InitialCount = r.Count, RemainingCount = count, Status = OrderStatus.Resting, TimeInForce = r.TimeInForce,
                SelfTradePrevention = r.SelfTradePrevention, PostOnly = r.PostOnly, ReduceOnly = r.ReduceOnly,
                CancelOrderOnPause = r.CancelOrderOnPause, OrderGroupId = r.OrderGroupId,
                ExpirationTime = r.ExpirationTime is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
                CreatedTime = now, LastUpdateTime = now, Priority = ++_priority, Reserved = reserve,
            };
            acct.Cash -= reserve;
            _orders[o.OrderId] = o;
            (_ordersByUser.TryGetValue(userId, out var ul) ? ul : _ordersByUser[userId] = new List<Order>()).Add(o);
            if (cid.Length > 0) _byClientId[(userId, cid)] = o;

            bool killed = r.TimeInForce == TimeInForce.FillOrKill && Math.Min(CrossableVolume(m, o), GroupRoomLocked(o)) < o.RemainingCount;
            if (r.ReduceOnly && count < r.Count) o.LastUpdateReason = "ReduceOnlyCancel";
            if (!killed) MatchAndRest(m, o);
            else Finish(m, o, "Cancel", rest: false);
            TickerIfBestChanged(m, bestBefore);
            decimal? avg = o.FillCount > 0 ? AverageYesPrice(o) : null;
            return new PlaceResult(o, o.FillCount, o.RemainingCount, avg, o.FillCount > 0 ? 0m : null, NowMs);
        }
    }


    /// <summary>The user's order; with a subaccount it must also be that account's (Kalshi answers 404 otherwise).</summary>
    private Order RequireOwnOrder(string userId, string orderId, int? subaccount = null)
    {
        if (!_orders.TryGetValue(orderId, out var o) || o.UserId != userId || (subaccount is { } n && o.Subaccount != n))
            throw new ExchangeException(404, "not_found", "order not found");
        return o;
    }

    private Market RequireMarket(string ticker) =>
        _markets.GetValueOrDefault(ticker) ?? throw new ExchangeException(404, "not_found", "market not found");

    private void CancelRestingLocked(Market m, Order o, string reason, bool alreadyUnlinked = false)
    {
        if (!alreadyUnlinked) m.Book.Remove(o);
        decimal reduced = o.RemainingCount;
        Events.Publish(new BookDeltaEvent(m, o.Side == OrderSide.Bid ? "yes" : "no", o.SidePrice, -reduced, NullIfEmpty(o.ClientOrderId), o.UserId, NowMs));
        Release(o, reduced);
        o.RemainingCount = 0; o.Status = OrderStatus.Canceled; o.LastUpdateReason = reason; o.LastUpdateTime = Now;
        Events.Publish(new OrderUpdateEvent(o, NowMs));
    }

    /// <summary>Cancels a resting order; returns the order and the count removed.</summary>
    public (Order Order, decimal ReducedBy) CancelOrder(string userId, string orderId, int? subaccount = null)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            var o = RequireOwnOrder(userId, orderId, subaccount);
            if (o.Status != OrderStatus.Resting) throw new ExchangeException(404, "not_found", "order is not resting");
            decimal reduced = o.RemainingCount;
            var m = _markets[o.Ticker];
            var before = BestPair(m);
            CancelRestingLocked(m, o, "Cancel");
            TickerIfBestChanged(m, before);
            return (o, reduced);
        }
    }

    /// <summary>Cancels all the user's resting orders (optionally in one market); returns how many.</summary>
    public int CancelAll(string userId, string? ticker = null, int? subaccount = null)
    {
        lock (Gate)
        {
            int n = 0;
            foreach (var o in GetOrders(userId).Where(o => o.Status == OrderStatus.Resting && (ticker == null || o.Ticker == ticker) && (subaccount == null || o.Subaccount == subaccount)))
            { CancelRestingLocked(_markets[o.Ticker], o, "Cancel"); n++; }
            return n;
        }
    }

    /// <summary>Decrease keeps queue priority. Exactly one of reduceBy / reduceTo.</summary>
    public Order DecreaseOrder(string userId, string orderId, decimal? reduceBy, decimal? reduceTo, int? subaccount = null)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            if ((reduceBy is null) == (reduceTo is null))
                throw new ExchangeException(400, "invalid_parameters", "exactly one of reduce_by or reduce_to is required");
            var o = RequireOwnOrder(userId, orderId, subaccount);
            if (o.Status != OrderStatus.Resting) throw new ExchangeException(400, "invalid_parameters", "order is not resting");
            var m = _markets[o.Ticker];
            decimal target = reduceTo ?? o.RemainingCount - reduceBy!.Value;
            if (reduceBy is < 0 || reduceTo is < 0) throw new ExchangeException(400, "invalid_count", "reduction must be non-negative");
            target = Math.Max(0m, Math.Min(target, o.RemainingCount));
            if (target % m.CountStep != 0) throw new ExchangeException(400, "invalid_count", "invalid count granularity");
            if (target == 0) { CancelRestingLocked(m, o, "Decrease"); return o; }
            decimal cut = o.RemainingCount - target;
            if (cut > 0)
            {
                o.RemainingCount = target; o.InitialCount -= cut;
                Release(o, cut);
                o.LastUpdateReason = "Decrease"; o.LastUpdateTime = Now;
                Events.Publish(new BookDeltaEvent(m, o.Side == OrderSide.Bid ? "yes" : "no", o.SidePrice, -cut, NullIfEmpty(o.ClientOrderId), o.UserId, NowMs));
                Events.Publish(new OrderUpdateEvent(o, NowMs));
            }
            return o;
        }
    }

    /// <summary>
    /// Amend price and/or total count (filled + resting). A price change or size increase loses priority and may trade.
    /// </summary>
    public Order AmendOrder(string userId, string orderId, decimal newYesPrice, decimal newTotalCount, OrderSide? side = null, long? expirationTime = null, int? subaccount = null)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            if (!TradingActive) throw new ExchangeException(400, "trading_paused", "trading is paused");
            var o = RequireOwnOrder(userId, orderId, subaccount);
            if (o.Status != OrderStatus.Resting) throw new ExchangeException(400, "invalid_parameters", "order is not resting");
            if (side is { } s && s != o.Side) throw new ExchangeException(400, "invalid_parameters", "side cannot be changed");
            var m = _markets[o.Ticker];
            if (!PriceGrid.IsValid(m.PriceStructure, newYesPrice)) throw new ExchangeException(400, "invalid_price", "invalid price");
            ValidateCount(m, newTotalCount);
            decimal newRemaining = newTotalCount - o.FillCount;
            if (newRemaining <= 0) throw new ExchangeException(400, "invalid_count", "count must exceed the filled count");
            decimal newSidePrice = o.Side == OrderSide.Bid ? newYesPrice : 1m - newYesPrice;
            var acct = AccountOf(userId, o.Subaccount);
            decimal extra = newSidePrice * newRemaining - o.Reserved;
            if (extra > acct.Cash && userId != HouseUserId) throw new ExchangeException(400, "insufficient_balance", "insufficient balance");
            if (expirationTime is { } e) o.ExpirationTime = e == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(e);
            if (o.ExpirationTime is not null && !_expiring.Contains(o)) _expiring.Add(o);

            bool keepsPriority = newYesPrice == o.YesPrice && newRemaining <= o.RemainingCount;
            if (keepsPriority)
            {
                decimal cut = o.RemainingCount - newRemaining;
                if (cut > 0)
                {
                    o.RemainingCount = newRemaining; o.InitialCount = newTotalCount;
                    Release(o, cut);
                    Events.Publish(new BookDeltaEvent(m, o.Side == OrderSide.Bid ? "yes" : "no", o.SidePrice, -cut, NullIfEmpty(o.ClientOrderId), o.UserId, NowMs));
                }
                o.LastUpdateReason = "Amend"; o.LastUpdateTime = Now;
                Events.Publish(new OrderUpdateEvent(o, NowMs));
                return o;
            }
            var before = BestPair(m);
            CancelFromBookForAmend(m, o);
            acct.Cash += o.Reserved; o.Reserved = 0;
            o.YesPrice = newYesPrice; o.RemainingCount = newRemaining; o.InitialCount = newTotalCount;
            o.Reserved = o.SidePrice * newRemaining; acct.Cash -= o.Reserved;
            o.Priority = ++_priority; o.LastUpdateReason = "Amend";
            MatchAndRest(m, o);
            TickerIfBestChanged(m, before);
            return o;
        }
    }

    private void CancelFromBookForAmend(Market m, Order o)
    {
        m.Book.Remove(o);
        Events.Publish(new BookDeltaEvent(m, o.Side == OrderSide.Bid ? "yes" : "no", o.SidePrice, -o.RemainingCount, NullIfEmpty(o.ClientOrderId), o.UserId, NowMs));
    }

    private void ExpireDueLocked()
    {
        if (_expiring.Count == 0) return;
        var now = Now;
        for (int i = _expiring.Count - 1; i >= 0; i--)
        {
            var o = _expiring[i];
            if (o.Status != OrderStatus.Resting || o.ExpirationTime is null) { _expiring.RemoveAt(i); continue; }
            if (o.ExpirationTime <= now)
            {
                _expiring.RemoveAt(i);
                CancelRestingLocked(_markets[o.Ticker], o, "ExpiryCancel");
            }
        }
    }
}
