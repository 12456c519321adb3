namespace KalshiPS.Sandbox;

/// <summary>What a client asks for when creating an order (V2 semantics: Price is always the YES price).</summary>
public sealed class OrderRequest
{
    public string Ticker { get; set; } = "";
    public OrderSide Side { get; set; }
    public decimal Price { get; set; }
    public decimal Count { get; set; }
    public TimeInForce TimeInForce { get; set; } = TimeInForce.GoodTillCanceled;
    public SelfTradePrevention SelfTradePrevention { get; set; } = SelfTradePrevention.TakerAtCross;
    public string? ClientOrderId { get; set; }
    /// <summary>Unix seconds; only with good_till_canceled.</summary>
    public long? ExpirationTime { get; set; }
    public bool PostOnly { get; set; }
    public bool ReduceOnly { get; set; }
    public bool CancelOrderOnPause { get; set; }
    public string? OrderGroupId { get; set; }
}

/// <summary>Outcome of a create: the order plus the flat numbers of the V2 create response.</summary>
public sealed record PlaceResult(Order Order, decimal FillCount, decimal RemainingCount, decimal? AverageFillPrice, decimal? AverageFeePaid, long TsMs);

/// <summary>
/// The exchange engine: markets, books, accounts, matching and settlement. All state is guarded by one lock
/// (<see cref="Gate"/>); events are published while it is held so subscribers see commit order. Fees are zero.
/// </summary>
public sealed class Exchange
{
    public const string HouseUserId = "house";
    internal readonly object Gate = new();
    private readonly TimeProvider _clock;
    private readonly Random _ids;
    private readonly decimal _startingBalance;
    private long _priority;
    private long _tradeSeq;

    private readonly Dictionary<string, SeriesInfo> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventInfo> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Market> _markets = new(StringComparer.Ordinal);
    internal readonly List<Market> MarketList = new();
    internal readonly List<EventInfo> EventList = new();
    internal readonly List<SeriesInfo> SeriesList = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Order>> _ordersByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Cid), Order> _byClientId = new();
    private readonly List<Order> _expiring = new();
    internal readonly List<Trade> Trades = new();

    public EventHub Events { get; } = new();
    /// <summary>When false, order entry and amends are refused with 400 trading_paused (cancels still work).</summary>
    public bool TradingActive { get; set; } = true;
    public TimeProvider Clock => _clock;

    public Exchange(TimeProvider? clock = null, int seed = 42, decimal startingBalance = 10000m)
    {
        _clock = clock ?? TimeProvider.System;
        _ids = new Random(seed ^ 0x5eed);
        _startingBalance = startingBalance;
        _accounts[HouseUserId] = new Account { UserId = HouseUserId, Cash = 1_000_000_000m };
    }

    private DateTimeOffset Now => _clock.GetUtcNow();
    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    internal string NewId()
    {
        Span<byte> b = stackalloc byte[16];
        _ids.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b).ToString();
    }

    // ---------------------------------------------------------------- universe

    public void AddSeries(SeriesInfo s) { lock (Gate) { _series[s.Ticker] = s; SeriesList.Add(s); } }
    public void AddEvent(EventInfo e) { lock (Gate) { _events[e.EventTicker] = e; EventList.Add(e); } }
    public void AddMarket(Market m)
    {
        lock (Gate)
        {
            _markets[m.Ticker] = m; MarketList.Add(m);
            if (_events.TryGetValue(m.EventTicker, out var e)) e.Markets.Add(m);
            Events.Publish(new MarketLifecycleEvent(m, "created", NowMs));
        }
    }

    public Market? GetMarket(string ticker) { lock (Gate) return _markets.GetValueOrDefault(ticker); }
    public EventInfo? GetEvent(string eventTicker) { lock (Gate) return _events.GetValueOrDefault(eventTicker); }
    public SeriesInfo? GetSeries(string ticker) { lock (Gate) return _series.GetValueOrDefault(ticker); }
    public IReadOnlyList<Market> Markets { get { lock (Gate) return MarketList.ToArray(); } }
    public IReadOnlyList<EventInfo> AllEvents { get { lock (Gate) return EventList.ToArray(); } }
    public IReadOnlyList<SeriesInfo> AllSeries { get { lock (Gate) return SeriesList.ToArray(); } }

    // ---------------------------------------------------------------- accounts and reads

    public Account GetOrCreateAccount(string userId)
    {
        lock (Gate)
        {
            if (!_accounts.TryGetValue(userId, out var a))
                _accounts[userId] = a = new Account { UserId = userId, Cash = _startingBalance, UpdatedTime = Now };
            return a;
        }
    }

    /// <summary>Available cash in dollars (resting-order reservations deducted).</summary>
    public decimal GetBalance(string userId) { lock (Gate) return GetOrCreateAccount(userId).Cash; }

    /// <summary>Sets a user's available cash (test helper).</summary>
    public void SetBalance(string userId, decimal dollars) { lock (Gate) GetOrCreateAccount(userId).Cash = dollars; }

    /// <summary>Signed position (+YES / -NO); 0 when none.</summary>
    public decimal GetPosition(string userId, string ticker)
    {
        lock (Gate) return GetOrCreateAccount(userId).Positions.TryGetValue(ticker, out var p) ? p.Quantity : 0m;
    }

    public Position? GetPositionDetails(string userId, string ticker)
    {
        lock (Gate) return GetOrCreateAccount(userId).Positions.GetValueOrDefault(ticker);
    }

    public Order? GetOrder(string orderId) { lock (Gate) return _orders.GetValueOrDefault(orderId); }

    public IReadOnlyList<Order> GetOrders(string userId)
    {
        lock (Gate) return _ordersByUser.TryGetValue(userId, out var l) ? l.ToArray() : Array.Empty<Order>();
    }

    public IReadOnlyList<Trade> GetTrades(string? ticker = null)
    {
        lock (Gate) return Trades.Where(t => ticker == null || t.Ticker == ticker).ToArray();
    }

    public BookSnapshot GetBook(string ticker, int depth = 0)
    {
        lock (Gate)
        {
            var m = RequireMarket(ticker);
            return new BookSnapshot(ticker, m.Book.Levels(OrderSide.Bid, depth), m.Book.Levels(OrderSide.Ask, depth));
        }
    }

    /// <summary>Best YES bid (price, size) or null.</summary>
    internal static (decimal Price, decimal Size)? BestYesBid(Market m) => m.Book.Best(OrderSide.Bid);
    /// <summary>Best YES ask derived from the best NO bid: 1 - q.</summary>
    internal static (decimal Price, decimal Size)? BestYesAsk(Market m)
    {
        var b = m.Book.Best(OrderSide.Ask);
        return b is { } x ? (1m - x.Price, x.Size) : null;
    }

    /// <summary>Contracts resting ahead of the order at its price level (0 when not resting).</summary>
    public decimal QueuePosition(string userId, string orderId)
    {
        lock (Gate)
        {
            var o = RequireOwnOrder(userId, orderId);
            if (o.Status != OrderStatus.Resting || !_markets[o.Ticker].Book.SideOf(o.Side).TryGetValue(o.SidePrice, out var level)) return 0m;
            decimal ahead = 0;
            foreach (var x in level) { if (x == o) break; ahead += x.RemainingCount; }
            return ahead;
        }
    }

    /// <summary>Cancels expired orders now (also done before every engine operation).</summary>
    public void SweepExpired() { lock (Gate) ExpireDueLocked(); }

    // ---------------------------------------------------------------- orders

    public PlaceResult PlaceOrder(string userId, OrderRequest r)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            var m = _markets.GetValueOrDefault(r.Ticker) ?? throw new ExchangeException(404, "market_not_found", "market not found");
            var acct = GetOrCreateAccount(userId);
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
                ? mine.Where(x => x.Status == OrderStatus.Resting && x.Ticker == m.Ticker && x.Side == r.Side).Sum(x => x.RemainingCount) : 0m;
            decimal closable = Math.Max(0m, holding - claimed);
            decimal reserve = sidePrice * Math.Max(0m, count - closable);
            if (userId != HouseUserId && acct.Cash < reserve)
                throw new ExchangeException(400, "insufficient_balance", "insufficient balance");

            var now = Now;
            var o = new Order
            {
                OrderId = NewId(), UserId = userId, ClientOrderId = cid, Ticker = m.Ticker, Side = r.Side, YesPrice = r.Price,
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

            bool killed = r.TimeInForce == TimeInForce.FillOrKill && CrossableVolume(m, o) < o.RemainingCount;
            if (r.ReduceOnly && count < r.Count) o.LastUpdateReason = "ReduceOnlyCancel";
            if (!killed) MatchAndRest(m, o);
            else Finish(m, o, "Cancel", rest: false);
            TickerIfBestChanged(m, bestBefore);
            decimal? avg = o.FillCount > 0 ? AverageYesPrice(o) : null;
            return new PlaceResult(o, o.FillCount, o.RemainingCount, avg, o.FillCount > 0 ? 0m : null, NowMs);
        }
    }

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
        if (selfTradeStop) { Finish(m, taker, "SelfTradeCancel", rest: false); return; }
        Finish(m, taker, taker.FillCount > 0 ? "Trade" : "", rest: taker.TimeInForce == TimeInForce.GoodTillCanceled);
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
        var a = GetOrCreateAccount(o.UserId);
        a.Cash += amount; a.UpdatedTime = Now;
    }

    /// <summary>Price-time matching against the opposite bids. Returns true if stopped by taker_at_cross self-trade prevention.</summary>
    private bool Match(Market m, Order taker)
    {
        var opposite = m.Book.OppositeOf(taker.Side);
        while (taker.RemainingCount > 0 && opposite.Count > 0)
        {
            var (bestPrice, level) = opposite.Last();
            if (taker.SidePrice + bestPrice < 1m) break; // YES bid p and NO bid q cross when p + q >= 1
            var node = level.First;
            while (node != null && taker.RemainingCount > 0)
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
                decimal qty = Math.Min(taker.RemainingCount, maker.RemainingCount);
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

    /// <summary>One trade at the maker's price: cash, positions, fills, trade tape, events.</summary>
    private void Execute(Market m, Order taker, Order maker, decimal qty)
    {
        var now = Now; long ms = NowMs;
        decimal yesPrice = maker.YesPrice;
        var trade = new Trade(NewId(), m.Ticker, yesPrice, qty, taker.Side, now);
        Trades.Add(trade);
        _tradeSeq++;
        // The maker's level shrinks by qty.
        Events.Publish(new BookDeltaEvent(m, maker.Side == OrderSide.Bid ? "yes" : "no", maker.SidePrice, -qty, NullIfEmpty(maker.ClientOrderId), maker.UserId, ms));

        decimal oiBefore = YesHeld(taker.UserId, m.Ticker) + YesHeld(maker.UserId, m.Ticker);
        foreach (var (o, isTaker) in new[] { (taker, true), (maker, false) })
        {
            decimal paid = o.Side == OrderSide.Bid ? yesPrice : 1m - yesPrice; // per contract, own leg
            var acct = GetOrCreateAccount(o.UserId);
            decimal reservedPart = Math.Min(o.Reserved, o.SidePrice * qty);
            o.Reserved -= reservedPart;
            acct.Cash += reservedPart - paid * qty; // refunds any price improvement
            o.FillCount += qty; o.RemainingCount -= qty; o.LastUpdateTime = now;
            if (isTaker) o.TakerFillCost += paid * qty; else o.MakerFillCost += paid * qty;
            decimal post = ApplyToPosition(acct, m, o.Side, qty, paid);
            var fill = new Fill(NewId(), trade.TradeId, o.OrderId, NullIfEmpty(o.ClientOrderId), o.UserId, m.Ticker, o.Side, yesPrice, qty, isTaker, 0m, post, now);
            acct.Fills.Add(fill);
            acct.UpdatedTime = now;
            Events.Publish(new FillEvent(fill, o, ms));
            Events.Publish(new PositionUpdateEvent(o.UserId, acct.Positions[m.Ticker], ms));
        }
        decimal oiAfter = YesHeld(taker.UserId, m.Ticker) + YesHeld(maker.UserId, m.Ticker);
        m.OpenInterest += oiAfter - oiBefore;
        m.PreviousPrice = m.LastPrice ?? yesPrice;
        m.LastPrice = yesPrice; m.Volume += qty; m.UpdatedTime = now;
        Events.Publish(new TradeEvent(m, trade, ms));
        Events.Publish(new TickerEvent(m, qty, ms));
    }

    private decimal YesHeld(string user, string ticker) =>
        _accounts.TryGetValue(user, out var a) && a.Positions.TryGetValue(ticker, out var p) ? Math.Max(0m, p.Quantity) : 0m;

    /// <summary>
    /// Applies a buy of qty contracts of the order's leg at price paid. Buying the leg opposite to a holding closes
    /// pairs: each YES+NO pair is redeemed for $1 at once.
    /// </summary>
    private decimal ApplyToPosition(Account acct, Market m, OrderSide side, decimal qty, decimal paid)
    {
        if (!acct.Positions.TryGetValue(m.Ticker, out var p))
            acct.Positions[m.Ticker] = p = new Position { Ticker = m.Ticker, EventTicker = m.EventTicker };
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

    private Order RequireOwnOrder(string userId, string orderId)
    {
        if (!_orders.TryGetValue(orderId, out var o) || o.UserId != userId)
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
    public (Order Order, decimal ReducedBy) CancelOrder(string userId, string orderId)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            var o = RequireOwnOrder(userId, orderId);
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
    public int CancelAll(string userId, string? ticker = null)
    {
        lock (Gate)
        {
            int n = 0;
            foreach (var o in GetOrders(userId).Where(o => o.Status == OrderStatus.Resting && (ticker == null || o.Ticker == ticker)))
            { CancelRestingLocked(_markets[o.Ticker], o, "Cancel"); n++; }
            return n;
        }
    }

    /// <summary>Decrease keeps queue priority. Exactly one of reduceBy / reduceTo.</summary>
    public Order DecreaseOrder(string userId, string orderId, decimal? reduceBy, decimal? reduceTo)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            if ((reduceBy is null) == (reduceTo is null))
                throw new ExchangeException(400, "invalid_parameters", "exactly one of reduce_by or reduce_to is required");
            var o = RequireOwnOrder(userId, orderId);
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
    public Order AmendOrder(string userId, string orderId, decimal newYesPrice, decimal newTotalCount, OrderSide? side = null, long? expirationTime = null)
    {
        lock (Gate)
        {
            ExpireDueLocked();
            if (!TradingActive) throw new ExchangeException(400, "trading_paused", "trading is paused");
            var o = RequireOwnOrder(userId, orderId);
            if (o.Status != OrderStatus.Resting) throw new ExchangeException(400, "invalid_parameters", "order is not resting");
            if (side is { } s && s != o.Side) throw new ExchangeException(400, "invalid_parameters", "side cannot be changed");
            var m = _markets[o.Ticker];
            if (!PriceGrid.IsValid(m.PriceStructure, newYesPrice)) throw new ExchangeException(400, "invalid_price", "invalid price");
            ValidateCount(m, newTotalCount);
            decimal newRemaining = newTotalCount - o.FillCount;
            if (newRemaining <= 0) throw new ExchangeException(400, "invalid_count", "count must exceed the filled count");
            decimal newSidePrice = o.Side == OrderSide.Bid ? newYesPrice : 1m - newYesPrice;
            var acct = GetOrCreateAccount(userId);
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

    // ---------------------------------------------------------------- lifecycle and settlement

    /// <summary>Changes a market's status: active, inactive (paused), closed. Leaving active cancels resting orders
    /// (paused: only those with cancel_order_on_pause).</summary>
    public void SetMarketStatus(string ticker, string status)
    {
        lock (Gate)
        {
            var m = RequireMarket(ticker);
            if (m.Status == status) return;
            m.Status = status; m.UpdatedTime = Now;
            if (status is "closed" or "inactive")
                foreach (var o in RestingOrders(m).Where(o => status == "closed" || o.CancelOrderOnPause))
                    CancelRestingLocked(m, o, status == "closed" ? "CloseCancel" : "HaltCancel");
            if (status == "closed") m.CloseTime = Now;
            Events.Publish(new MarketLifecycleEvent(m, status switch
            {
                "active" => "activated",
                "inactive" => "deactivated",
                "closed" => "close_date_updated",
                _ => "metadata_updated",
            }, NowMs));
        }
    }

    private static List<Order> RestingOrders(Market m) =>
        m.Book.YesBids.Values.Concat(m.Book.NoBids.Values).SelectMany(l => l).ToList();

    /// <summary>Settles a market: cancels resting orders, pays $1 per winning contract, records settlements.</summary>
    public void SettleMarket(string ticker, string result)
    {
        if (result is not ("yes" or "no")) throw new ExchangeException(400, "invalid_parameters", "result must be yes or no");
        lock (Gate)
        {
            var m = RequireMarket(ticker);
            if (m.Status is "finalized" or "determined") throw new ExchangeException(400, "market_closed", "market already settled");
            foreach (var o in RestingOrders(m)) CancelRestingLocked(m, o, "CloseCancel");
            var now = Now;
            m.Status = "finalized"; m.Result = result; m.SettledTime = now; m.UpdatedTime = now;
            if (m.CloseTime > now) m.CloseTime = now;
            foreach (var acct in _accounts.Values)
            {
                if (!acct.Positions.TryGetValue(ticker, out var p) || p.Quantity == 0) continue;
                decimal yes = Math.Max(0m, p.Quantity), no = Math.Max(0m, -p.Quantity);
                decimal revenue = result == "yes" ? yes : no;
                acct.Cash += revenue;
                acct.Settlements.Add(new Settlement(ticker, m.EventTicker, result, yes, yes > 0 ? p.Cost : 0m, no, no > 0 ? p.Cost : 0m, revenue, 0m, now));
                p.RealizedPnl += revenue - p.Cost;
                p.Quantity = 0; p.Cost = 0; p.LastUpdated = now;
                acct.UpdatedTime = now;
                Events.Publish(new PositionUpdateEvent(acct.UserId, p, NowMs));
            }
            m.OpenInterest = 0;
            Events.Publish(new MarketLifecycleEvent(m, "determined", NowMs));
            Events.Publish(new MarketLifecycleEvent(m, "settled", NowMs));
        }
    }

    /// <summary>Value of the user's open positions at the last trade price (dollars).</summary>
    public decimal PortfolioValue(string userId)
    {
        lock (Gate)
        {
            decimal v = 0;
            foreach (var p in GetOrCreateAccount(userId).Positions.Values)
            {
                if (p.Quantity == 0 || !_markets.TryGetValue(p.Ticker, out var m)) continue;
                decimal yes = m.LastPrice ?? 0.5m;
                v += p.Quantity > 0 ? p.Quantity * yes : -p.Quantity * (1m - yes);
            }
            return v;
        }
    }
}
