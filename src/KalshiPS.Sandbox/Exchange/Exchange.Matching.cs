namespace KalshiPS.Sandbox;

// Matching: crossing a taker against the book, executions and the positions they change.
public sealed partial class Exchange
{
    private static ((decimal, decimal)?, (decimal, decimal)?) BestPair(Market m) => (BestYesBid(m), BestYesAsk(m));

    /// <summary>Publishes a ticker update when the top of book moved (trades publish their own).</summary>
    private void TickerIfBestChanged(Market m, ((decimal, decimal)?, (decimal, decimal)?) before)
    {
        if (BestPair(m) != before) Events.Publish(new TickerEvent(m, 0m, NowMs));
    }

    private static decimal AverageYesPrice(Order o)
    {
        decimal paid = o.TakerFillCost + o.MakerFillCost; // in side-price terms
        decimal avgSide = paid / o.FillCount;
        return Math.Round(o.Side == OrderSide.Bid ? avgSide : 1m - avgSide, 6);
    }

    private static void ValidateCount(Market m, decimal count)
    {
        if (count <= 0m) throw new ExchangeException(400, "invalid_count", "count must be positive");
        if (count % m.CountStep != 0m)
            throw new ExchangeException(400, "invalid_count", m.FractionalTradingEnabled
                ? "count must be a multiple of 0.01" : "fractional contracts are not enabled on this market");
    }

    /// <summary>Volume the order could take right now from other users' orders (respecting STP order of the queue).</summary>
    private static decimal CrossableVolume(Market m, Order taker)
    {
        decimal sum = 0;
        foreach (var level in m.Book.OppositeOf(taker.Side).Reverse())
        {
            if (taker.SidePrice + level.Key < 1m) break;
            foreach (var maker in level.Value)
            {
                if (maker.UserId == taker.UserId)
                {
                    if (taker.SelfTradePrevention == SelfTradePrevention.TakerAtCross) return sum;
                    continue;
                }
                sum += maker.RemainingCount;
                if (sum >= taker.RemainingCount) return sum;
            }
        }
        return sum;
    }

    /// <summary>Matches the order as a taker, then rests a GTC remainder or cancels an IOC/FoK remainder.</summary>
    private void MatchAndRest(Market m, Order taker)
    {
        bool selfTradeStop = Match(m, taker);
        if (selfTradeStop) Finish(m, taker, "SelfTradeCancel", rest: false);
        else Finish(m, taker, taker.FillCount > 0 ? "Trade" : "", rest: taker.TimeInForce == TimeInForce.GoodTillCanceled);
        TriggerHitGroupsLocked();
    }

    private void Finish(Market m, Order o, string reason, bool rest)
    {
        var now = Now;
        o.LastUpdateTime = now;
        if (reason.Length > 0 && o.LastUpdateReason != "ReduceOnlyCancel") o.LastUpdateReason = reason;
        if (o.RemainingCount > 0 && rest)
        {
            o.Status = OrderStatus.Resting;
            m.Book.Add(o);
            if (o.ExpirationTime is not null) _expiring.Add(o);
            Events.Publish(new BookDeltaEvent(m, o.Side == OrderSide.Bid ? "yes" : "no", o.SidePrice, o.RemainingCount, NullIfEmpty(o.ClientOrderId), o.UserId, NowMs));
        }
        else
        {
            if (o.RemainingCount > 0) Release(o, o.RemainingCount);
            o.RemainingCount = 0;
            o.Status = o.FillCount >= o.InitialCount ? OrderStatus.Executed : OrderStatus.Canceled;
        }
        Events.Publish(new OrderUpdateEvent(o, NowMs));
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>Returns reserved funds for qty unfilled contracts to the owner.</summary>
    private void Release(Order o, decimal qty)
    {
        decimal amount = Math.Min(o.Reserved, o.SidePrice * qty);
        o.Reserved -= amount;
        var a = AccountOf(o.UserId, o.Subaccount);
        a.Cash += amount; a.UpdatedTime = Now;
    }

    /// <summary>Price-time matching against the opposite bids. Returns true if stopped by taker_at_cross self-trade prevention.</summary>
    private bool Match(Market m, Order taker)
    {
        var opposite = m.Book.OppositeOf(taker.Side);
        while (taker.RemainingCount > 0 && opposite.Count > 0 && GroupRoomLocked(taker) > 0)
        {
            var (bestPrice, level) = opposite.Last();
            if (taker.SidePrice + bestPrice < 1m) break; // YES bid p and NO bid q cross when p + q >= 1
            var node = level.First;
            while (node != null && taker.RemainingCount > 0 && GroupRoomLocked(taker) > 0)
            {
                var maker = node.Value; var next = node.Next;
                if (maker.UserId == taker.UserId)
                {
                    if (taker.SelfTradePrevention == SelfTradePrevention.TakerAtCross)
                    {
                        if (level.Count == 0) opposite.Remove(bestPrice);
                        return true;
                    }
                    level.Remove(node);
                    CancelRestingLocked(m, maker, "SelfTradeCancel", alreadyUnlinked: true);
                    node = next; continue;
                }
                // An order group never matches past its limit: a maker whose group is spent goes (its group triggers after the match).
                decimal qty = Math.Min(Math.Min(taker.RemainingCount, maker.RemainingCount), Math.Min(GroupRoomLocked(taker), GroupRoomLocked(maker)));
                if (qty <= 0)
                {
                    level.Remove(node);
                    CancelRestingLocked(m, maker, "OrderGroupCancel", alreadyUnlinked: true);
                    node = next; continue;
                }
                Execute(m, taker, maker, qty);
                if (maker.RemainingCount == 0)
                {
                    level.Remove(node);
                    maker.Status = OrderStatus.Executed; maker.LastUpdateReason = "Trade";
                    Events.Publish(new OrderUpdateEvent(maker, NowMs));
                }
                else
                {
                    maker.LastUpdateReason = "Trade";
                    Events.Publish(new OrderUpdateEvent(maker, NowMs));
                }
                node = next;
            }
            if (level.Count == 0) opposite.Remove(bestPrice);
        }
        return false;
    }

    /// <summary>
    /// One trade at the maker's price: cash, positions, fills, trade tape, events. A negotiated trade (RFQ, block
    /// trade) has a maker that never rested, so no book level changes (<paramref name="makerOnBook"/> false).
    /// </summary>
    private void Execute(Market m, Order taker, Order maker, decimal qty, bool makerOnBook = true)
    {
        var now = Now; long ms = NowMs;
        decimal yesPrice = maker.YesPrice;
        var trade = new Trade(NewId(), m.Ticker, yesPrice, qty, taker.Side, now);
        Trades.Add(trade);
        _tradeSeq++;
        // The maker's level shrinks by qty.
        if (makerOnBook) Events.Publish(new BookDeltaEvent(m, maker.Side == OrderSide.Bid ? "yes" : "no", maker.SidePrice, -qty, NullIfEmpty(maker.ClientOrderId), maker.UserId, ms));

        decimal oiBefore = YesHeld(taker, m.Ticker) + YesHeld(maker, m.Ticker);
        foreach (var (o, isTaker) in new[] { (taker, true), (maker, false) })
        {
            decimal paid = o.Side == OrderSide.Bid ? yesPrice : 1m - yesPrice; // per contract, own leg
            var acct = AccountOf(o.UserId, o.Subaccount);
            decimal reservedPart = Math.Min(o.Reserved, o.SidePrice * qty);
            o.Reserved -= reservedPart;
            acct.Cash += reservedPart - paid * qty; // refunds any price improvement
            o.FillCount += qty; o.RemainingCount -= qty; o.LastUpdateTime = now;
            CountGroupMatchLocked(o, qty);
            if (isTaker) o.TakerFillCost += paid * qty; else o.MakerFillCost += paid * qty;
            decimal post = ApplyToPosition(acct, m, o.Side, qty, paid);
            var fill = new Fill(NewId(), trade.TradeId, o.OrderId, NullIfEmpty(o.ClientOrderId), o.UserId, m.Ticker, o.Side, yesPrice, qty, isTaker, 0m, post, now, o.Subaccount);
            acct.Fills.Add(fill);
            acct.UpdatedTime = now;
            Events.Publish(new FillEvent(fill, o, ms));
            Events.Publish(new PositionUpdateEvent(o.UserId, acct.Positions[m.Ticker], ms));
        }
        decimal oiAfter = YesHeld(taker, m.Ticker) + YesHeld(maker, m.Ticker);
        m.OpenInterest += oiAfter - oiBefore;
        m.PreviousPrice = m.LastPrice ?? yesPrice;
        m.LastPrice = yesPrice; m.Volume += qty; m.UpdatedTime = now;
        Events.Publish(new TradeEvent(m, trade, ms));
        Events.Publish(new TickerEvent(m, qty, ms));
    }

    /// <summary>YES contracts held in the account the order trades for.</summary>
    private decimal YesHeld(Order o, string ticker) =>
        FindAccount(o.UserId, o.Subaccount) is { } a && a.Positions.TryGetValue(ticker, out var p) ? Math.Max(0m, p.Quantity) : 0m;

    /// <summary>
    /// Applies a buy of qty contracts of the order's leg at price paid. Buying the leg opposite to a holding closes
    /// pairs: each YES+NO pair is redeemed for $1 at once.
    /// </summary>
    private decimal ApplyToPosition(Account acct, Market m, OrderSide side, decimal qty, decimal paid)
    {
        if (!acct.Positions.TryGetValue(m.Ticker, out var p))
            acct.Positions[m.Ticker] = p = new Position { Ticker = m.Ticker, EventTicker = m.EventTicker, Subaccount = acct.Subaccount };
        decimal signed = side == OrderSide.Bid ? qty : -qty;
        decimal held = Math.Abs(p.Quantity);
        if (p.Quantity != 0 && Math.Sign(p.Quantity) != Math.Sign(signed))
        {
            decimal closed = Math.Min(qty, held);
            decimal basis = p.Cost / held * closed;
            p.Cost -= basis;
            p.RealizedPnl += closed * (1m - paid) - basis;
            acct.Cash += closed; // pair redeemed
            p.Cost += paid * (qty - closed);
        }
        else p.Cost += paid * qty;
        p.Quantity += signed;
        if (p.Quantity == 0) p.Cost = 0;
        p.TotalTraded += paid * qty;
        p.Volume += qty;
        p.LastUpdated = Now;
        return p.Quantity;
    }
}
