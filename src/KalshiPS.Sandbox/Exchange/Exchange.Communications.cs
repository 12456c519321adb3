using System.Security.Cryptography;
using System.Text;

namespace KalshiPS.Sandbox;

// RFQs, quotes and block trades between users: RFQ -> quote -> accept (RFQ creator) -> confirm (quoter) -> execution
// as one trade through the matching engine's Execute (fills and positions for both), all under Gate. The house
// "desk" (RfqDesk) quotes users' RFQs and confirms its quotes as soon as they are accepted, keeps RFQs of its own
// open for users to quote, accepts quotes on them, and accepts its side of block trades, so a single user can run
// the whole flow.
public sealed partial class Exchange
{
    public const int MaxOpenRfqs = 100;
    private readonly Dictionary<string, Rfq> _rfqs = new(StringComparer.Ordinal);
    private readonly List<Rfq> _rfqList = new();
    private readonly Dictionary<string, Quote> _quotes = new(StringComparer.Ordinal);
    private readonly List<Quote> _quoteList = new();
    private readonly Dictionary<string, BlockProposal> _blockTrades = new(StringComparer.Ordinal);
    private readonly List<BlockProposal> _blockTradeList = new();

    /// <summary>When true the house quotes, accepts and re-opens RFQs (see the file comment).</summary>
    public bool RfqDesk { get; set; }

    /// <summary>A user's public communications id: stable, and not the user id.</summary>
    public static string CommunicationsId(string userId) =>
        "comm_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..24].ToLowerInvariant();

    // ------------------------------------------------------------------ RFQs

    public Rfq CreateRfq(string userId, string ticker, decimal? contracts, decimal? targetCost, bool targetCostExcludesFees = false,
        bool restRemainder = false, bool replaceExisting = false, int? subaccount = null)
    {
        lock (Gate)
        {
            var m = _markets.GetValueOrDefault(ticker) ?? throw new ExchangeException(404, "market_not_found", "market not found");
            if (m.Status != "active") throw new ExchangeException(400, "market_closed", $"market {m.Ticker} is not open for trading (status {m.Status})");
            if ((contracts is null) == (targetCost is null)) throw new ExchangeException(400, "invalid_parameters", "exactly one of contracts_fp and target_cost_dollars is required");
            if (contracts is { } c) ValidateCount(m, c);
            if (targetCost is <= 0m) throw new ExchangeException(400, "invalid_parameters", "target_cost_dollars must be positive");
            if (targetCostExcludesFees && targetCost is null) throw new ExchangeException(400, "invalid_parameters", "target_cost_excludes_fees needs a target cost");
            if (replaceExisting)
                foreach (var old in _rfqList.Where(r => r.CreatorUserId == userId && r.Status == "open").ToList()) CloseRfqLocked(old, "replaced");
            if (_rfqList.Count(r => r.CreatorUserId == userId && r.Status == "open") >= MaxOpenRfqs)
                throw new ExchangeException(400, "too_many_rfqs", $"at most {MaxOpenRfqs} open RFQs at a time");
            var now = Now;
            var rfq = new Rfq
            {
                Id = NewId(), CreatorUserId = userId, Ticker = m.Ticker, EventTicker = m.EventTicker, Contracts = contracts, TargetCost = targetCost,
                TargetCostExcludesFees = targetCostExcludesFees, RestRemainder = restRemainder, Subaccount = subaccount, CreatedTime = now, UpdatedTime = now,
            };
            _rfqs[rfq.Id] = rfq; _rfqList.Add(rfq);
            Events.Publish(new CommunicationsEvent("rfq_created", rfq, null, NowMs));
            if (RfqDesk && userId != HouseUserId) DeskQuoteLocked(rfq, m);
            return rfq;
        }
    }

    public Rfq GetRfq(string rfqId)
    {
        lock (Gate) return _rfqs.GetValueOrDefault(rfqId) ?? throw new ExchangeException(404, "not_found", "rfq not found");
    }

    /// <summary>Every RFQ, oldest first (RFQs are broadcast: all are visible).</summary>
    public IReadOnlyList<Rfq> Rfqs { get { lock (Gate) return _rfqList.ToArray(); } }

    public void DeleteRfq(string userId, string rfqId)
    {
        lock (Gate)
        {
            var rfq = _rfqs.GetValueOrDefault(rfqId);
            if (rfq == null || rfq.CreatorUserId != userId) throw new ExchangeException(404, "not_found", "rfq not found");
            if (rfq.Status != "open") throw new ExchangeException(400, "rfq_not_open", "rfq is not open");
            CloseRfqLocked(rfq, "user_cancelled");
        }
    }

    private void CloseRfqLocked(Rfq rfq, string reason)
    {
        var now = Now;
        rfq.Status = "closed"; rfq.CancellationReason = reason; rfq.CancelledTime = now; rfq.UpdatedTime = now;
        foreach (var q in _quoteList.Where(q => q.RfqId == rfq.Id && q.Status is "open" or "accepted")) CancelQuoteLocked(q, "rfq_closed");
        Events.Publish(new CommunicationsEvent("rfq_deleted", rfq, null, NowMs));
    }

    // ------------------------------------------------------------------ quotes

    public Quote CreateQuote(string userId, string rfqId, decimal yesBid, decimal noBid, bool restRemainder = false, bool postOnly = false)
    {
        lock (Gate)
        {
            var rfq = _rfqs.GetValueOrDefault(rfqId) ?? throw new ExchangeException(404, "not_found", "rfq not found");
            if (rfq.Status != "open") throw new ExchangeException(400, "rfq_not_open", "rfq is not open");
            if (rfq.CreatorUserId == userId) throw new ExchangeException(400, "invalid_parameters", "you cannot quote your own rfq");
            var m = _markets[rfq.Ticker];
            foreach (var (price, name) in new[] { (yesBid, "yes_bid"), (noBid, "no_bid") })
                if (price != 0m && !PriceGrid.IsValid(m.PriceStructure, price)) throw new ExchangeException(400, "invalid_price", $"{name} is not on the market's price grid");
            if (yesBid == 0m && noBid == 0m) throw new ExchangeException(400, "invalid_parameters", "yes_bid and no_bid cannot both be zero");
            if (yesBid + noBid > 1m) throw new ExchangeException(400, "invalid_parameters", "yes_bid and no_bid cross");
            foreach (var old in _quoteList.Where(q => q.RfqId == rfqId && q.CreatorUserId == userId && q.Status == "open").ToList()) CancelQuoteLocked(old, "replaced");
            var now = Now;
            var quote = new Quote
            {
                Id = NewId(), RfqId = rfqId, CreatorUserId = userId, RfqCreatorUserId = rfq.CreatorUserId, Ticker = rfq.Ticker,
                YesBid = yesBid, NoBid = noBid, RestRemainder = restRemainder, PostOnly = postOnly, CreatedTime = now, UpdatedTime = now,
                YesContracts = rfq.TargetCost is { } t && yesBid > 0m ? Offered(m, t, 1m - yesBid) : null,
                NoContracts = rfq.TargetCost is { } t2 && noBid > 0m ? Offered(m, t2, 1m - noBid) : null,
            };
            _quotes[quote.Id] = quote; _quoteList.Add(quote);
            Events.Publish(new CommunicationsEvent("quote_created", rfq, quote, NowMs));
            if (RfqDesk && rfq.CreatorUserId == HouseUserId) AcceptQuoteLocked(HouseUserId, quote, yesBid > 0m ? "yes" : "no");
            return quote;
        }
    }

    /// <summary>Contracts a target cost buys at the creator's price, on the market's count grid.</summary>
    private static decimal Offered(Market m, decimal targetCost, decimal creatorPrice) =>
        Math.Floor(targetCost / creatorPrice / m.CountStep) * m.CountStep;

    /// <summary>The quote, when <paramref name="userId"/> made it or made its RFQ (quotes are private to the two).</summary>
    public Quote GetQuote(string userId, string quoteId, string? rfqId = null)
    {
        lock (Gate) return VisibleQuote(userId, quoteId, rfqId);
    }

    private Quote VisibleQuote(string userId, string quoteId, string? rfqId)
    {
        var q = _quotes.GetValueOrDefault(quoteId);
        if (q == null || (q.CreatorUserId != userId && q.RfqCreatorUserId != userId) || (rfqId != null && q.RfqId != rfqId))
            throw new ExchangeException(404, "not_found", "quote not found");
        return q;
    }

    /// <summary>Quotes <paramref name="userId"/> may see, oldest first.</summary>
    public IReadOnlyList<Quote> QuotesVisibleTo(string userId)
    {
        lock (Gate) return _quoteList.Where(q => q.CreatorUserId == userId || q.RfqCreatorUserId == userId).ToArray();
    }

    public void DeleteQuote(string userId, string quoteId, string? rfqId = null)
    {
        lock (Gate)
        {
            var q = VisibleQuote(userId, quoteId, rfqId);
            if (q.CreatorUserId != userId) throw new ExchangeException(404, "not_found", "quote not found");
            if (q.Status is not ("open" or "accepted")) throw new ExchangeException(400, "quote_not_open", $"quote is {q.Status}");
            CancelQuoteLocked(q, "user_cancelled");
        }
    }

    private void CancelQuoteLocked(Quote q, string reason)
    {
        var now = Now;
        q.Status = "cancelled"; q.CancellationReason = reason; q.CancelledTime = now; q.UpdatedTime = now;
    }

    /// <summary>The RFQ's creator takes one side of the quote; the quoter must then confirm.</summary>
    public Quote AcceptQuote(string userId, string quoteId, string side, string? rfqId = null)
    {
        lock (Gate)
        {
            var q = VisibleQuote(userId, quoteId, rfqId);
            if (q.RfqCreatorUserId != userId) throw new ExchangeException(403, "forbidden", "only the rfq's creator can accept its quotes");
            AcceptQuoteLocked(userId, q, side);
            return q;
        }
    }

    private void AcceptQuoteLocked(string userId, Quote q, string side)
    {
        if (side is not ("yes" or "no")) throw new ExchangeException(400, "invalid_parameters", "accepted_side must be yes or no");
        if (q.Status != "open") throw new ExchangeException(400, "quote_not_open", $"quote is {q.Status}");
        var rfq = _rfqs[q.RfqId];
        if (rfq.Status != "open") throw new ExchangeException(400, "rfq_not_open", "rfq is not open");
        if ((side == "yes" ? q.YesBid : q.NoBid) == 0m) throw new ExchangeException(400, "invalid_parameters", $"the quote declines the {side} side");
        var now = Now;
        q.Status = "accepted"; q.AcceptedSide = side; q.AcceptedTime = now; q.UpdatedTime = now;
        Events.Publish(new CommunicationsEvent("quote_accepted", rfq, q, NowMs));
        if (RfqDesk && q.CreatorUserId == HouseUserId && userId != HouseUserId)
        {
            try { ConfirmQuoteLocked(q); } // the desk's last look is instant
            catch (ExchangeException) { } // e.g. the user cannot pay: the quote stays accepted, as on Kalshi when a maker does not confirm
        }
    }

    /// <summary>The quoter confirms an accepted quote: it executes now as one trade (the sandbox has no execution delay).</summary>
    public Quote ConfirmQuote(string userId, string quoteId, string? rfqId = null)
    {
        lock (Gate)
        {
            var q = VisibleQuote(userId, quoteId, rfqId);
            if (q.CreatorUserId != userId) throw new ExchangeException(403, "forbidden", "only the quote's creator can confirm it");
            ConfirmQuoteLocked(q);
            return q;
        }
    }

    private void ConfirmQuoteLocked(Quote q)
    {
        {
            if (q.Status != "accepted") throw new ExchangeException(400, "quote_not_accepted", $"quote is {q.Status}");
            var rfq = _rfqs[q.RfqId];
            var m = _markets[q.Ticker];
            if (m.Status != "active") throw new ExchangeException(400, "market_closed", $"market {m.Ticker} is not open for trading (status {m.Status})");
            bool yes = q.AcceptedSide == "yes";
            decimal qty = rfq.Contracts ?? (yes ? q.YesContracts : q.NoContracts) ?? 0m;
            if (qty <= 0m) throw new ExchangeException(400, "invalid_parameters", "the target cost buys no whole contract at this price");
            // yes: the quoter buys Yes at YesBid; no: the quoter buys No at NoBid (a Yes price of 1 - NoBid).
            decimal yesPrice = yes ? q.YesBid : 1m - q.NoBid;
            var (creatorOrder, quoterOrder) = ExecuteNegotiatedLocked(m, rfq.CreatorUserId, yes ? OrderSide.Ask : OrderSide.Bid, q.CreatorUserId, yes ? OrderSide.Bid : OrderSide.Ask, yesPrice, qty);
            var now = Now;
            q.Status = "executed"; q.ConfirmedTime = now; q.ExecutedTime = now; q.UpdatedTime = now;
            q.CreatorOrderId = quoterOrder.OrderId; q.RfqCreatorOrderId = creatorOrder.OrderId;
            rfq.Status = "closed"; rfq.UpdatedTime = now;
            foreach (var other in _quoteList.Where(x => x.RfqId == rfq.Id && x != q && x.Status is "open" or "accepted")) CancelQuoteLocked(other, "rfq_executed");
            Events.Publish(new CommunicationsEvent("quote_executed", rfq, q, NowMs));
            if (RfqDesk && rfq.CreatorUserId == HouseUserId) CreateRfq(HouseUserId, rfq.Ticker, rfq.Contracts ?? 10m, null); // keep one open to quote
        }
    }

    /// <summary>
    /// A negotiated trade: an order for each party, funds checked as for a new order (closing contracts need none),
    /// then one execution at <paramref name="yesPrice"/> through <see cref="Execute"/>. Nothing changes when either
    /// party cannot pay.
    /// </summary>
    private (Order Taker, Order Maker) ExecuteNegotiatedLocked(Market m, string takerUser, OrderSide takerSide, string makerUser, OrderSide makerSide, decimal yesPrice, decimal qty)
    {
        var parties = new[] { (User: takerUser, Side: takerSide), (User: makerUser, Side: makerSide) };
        var reserves = new decimal[2];
        for (int i = 0; i < 2; i++)
        {
            var acct = GetOrCreateAccount(parties[i].User);
            decimal sidePrice = parties[i].Side == OrderSide.Bid ? yesPrice : 1m - yesPrice;
            decimal holding = acct.Positions.TryGetValue(m.Ticker, out var held) ? (parties[i].Side == OrderSide.Bid ? -held.Quantity : held.Quantity) : 0m;
            reserves[i] = sidePrice * Math.Max(0m, qty - Math.Max(0m, holding));
            if (parties[i].User != HouseUserId && acct.Cash < reserves[i])
                throw new ExchangeException(400, "insufficient_balance", $"insufficient balance ({(i == 0 ? "taker" : "maker")})");
        }
        var orders = new Order[2];
        var now = Now;
        for (int i = 0; i < 2; i++)
        {
            var o = new Order
            {
                OrderId = NewId(), UserId = parties[i].User, Ticker = m.Ticker, Side = parties[i].Side, YesPrice = yesPrice,
                InitialCount = qty, RemainingCount = qty, Status = OrderStatus.Resting, TimeInForce = TimeInForce.FillOrKill,
                CreatedTime = now, LastUpdateTime = now, Priority = ++_priority, Reserved = reserves[i],
            };
            GetOrCreateAccount(o.UserId).Cash -= reserves[i];
            _orders[o.OrderId] = o;
            (_ordersByUser.TryGetValue(o.UserId, out var ul) ? ul : _ordersByUser[o.UserId] = new List<Order>()).Add(o);
            orders[i] = o;
        }
        Execute(m, orders[0], orders[1], qty, makerOnBook: false);
        foreach (var o in orders)
        {
            o.Status = OrderStatus.Executed; o.LastUpdateReason = "Trade";
            Events.Publish(new OrderUpdateEvent(o, NowMs));
        }
        return (orders[0], orders[1]);
    }

    // ------------------------------------------------------------------ block trades

    public BlockProposal ProposeBlockTrade(string userId, string buyerUserId, string sellerUserId, string ticker, decimal price, decimal count,
        string makerSide, DateTimeOffset expiration, int? buyerSubaccount = null, int? sellerSubaccount = null)
    {
        lock (Gate)
        {
            var m = _markets.GetValueOrDefault(ticker) ?? throw new ExchangeException(404, "market_not_found", "market not found");
            if (m.Status != "active") throw new ExchangeException(400, "market_closed", $"market {m.Ticker} is not open for trading (status {m.Status})");
            if (!_accounts.ContainsKey(buyerUserId) || !_accounts.ContainsKey(sellerUserId)) throw new ExchangeException(400, "invalid_parameters", "unknown buyer or seller user id");
            if (buyerUserId == sellerUserId) throw new ExchangeException(400, "invalid_parameters", "buyer and seller must differ");
            if (!PriceGrid.IsValid(m.PriceStructure, price)) throw new ExchangeException(400, "invalid_price", "invalid price");
            ValidateCount(m, count);
            if (makerSide is not ("yes" or "no")) throw new ExchangeException(400, "invalid_parameters", "maker_side must be yes or no");
            if (expiration <= Now) throw new ExchangeException(400, "invalid_parameters", "expiration_ts is in the past");
            var now = Now;
            var p = new BlockProposal
            {
                Id = NewId(), ProposerUserId = userId, BuyerUserId = buyerUserId, SellerUserId = sellerUserId, BuyerSubaccount = buyerSubaccount,
                SellerSubaccount = sellerSubaccount, Ticker = m.Ticker, Price = price, Count = count, MakerSide = makerSide, Expiration = expiration,
                CreatedTime = now, UpdatedTime = now,
            };
            _blockTrades[p.Id] = p; _blockTradeList.Add(p);
            if (RfqDesk && userId != HouseUserId && (buyerUserId == HouseUserId || sellerUserId == HouseUserId)) AcceptBlockTradeLocked(HouseUserId, p);
            return p;
        }
    }

    /// <summary>Proposals <paramref name="userId"/> proposed or is a party to, oldest first (lapsed ones marked expired).</summary>
    public IReadOnlyList<BlockProposal> BlockTradesVisibleTo(string userId)
    {
        lock (Gate)
        {
            var now = Now;
            foreach (var p in _blockTradeList.Where(p => p.Status == "pending" && p.Expiration <= now)) { p.Status = "expired"; p.UpdatedTime = now; }
            return _blockTradeList.Where(p => p.ProposerUserId == userId || p.BuyerUserId == userId || p.SellerUserId == userId).ToArray();
        }
    }

    public BlockProposal AcceptBlockTrade(string userId, string id)
    {
        lock (Gate)
        {
            var p = _blockTrades.GetValueOrDefault(id);
            if (p == null || (p.BuyerUserId != userId && p.SellerUserId != userId)) throw new ExchangeException(404, "not_found", "block trade proposal not found");
            AcceptBlockTradeLocked(userId, p);
            return p;
        }
    }

    private void AcceptBlockTradeLocked(string userId, BlockProposal p)
    {
        var now = Now;
        if (p.Status == "pending" && p.Expiration <= now) { p.Status = "expired"; p.UpdatedTime = now; }
        if (p.Status != "pending") throw new ExchangeException(400, "proposal_not_pending", $"block trade proposal is {p.Status}");
        if (p.BuyerUserId == userId && !p.BuyerAccepted) { p.BuyerAccepted = true; p.BuyerAcceptedTime = now; }
        if (p.SellerUserId == userId && !p.SellerAccepted) { p.SellerAccepted = true; p.SellerAcceptedTime = now; }
        p.UpdatedTime = now;
        if (!(p.BuyerAccepted && p.SellerAccepted)) return;
        var m = _markets[p.Ticker];
        bool buyerMakes = p.MakerSide == "yes";
        var (taker, maker) = ExecuteNegotiatedLocked(m, buyerMakes ? p.SellerUserId : p.BuyerUserId, buyerMakes ? OrderSide.Ask : OrderSide.Bid,
            buyerMakes ? p.BuyerUserId : p.SellerUserId, buyerMakes ? OrderSide.Bid : OrderSide.Ask, p.Price, p.Count);
        p.BuyerOrderId = buyerMakes ? maker.OrderId : taker.OrderId;
        p.SellerOrderId = buyerMakes ? taker.OrderId : maker.OrderId;
        p.Status = "executed"; p.ExecutedTime = now;
    }

    // ------------------------------------------------------------------ the house desk

    /// <summary>
    /// Turns the desk on and opens its book: an RFQ of 10 contracts on each of the first <paramref name="rfqs"/> active
    /// markets, and <paramref name="blockTrades"/> pending block trades (house sells, already accepted) to <paramref name="buyer"/>.
    /// </summary>
    public void OpenDesk(string buyer, int rfqs = 5, int blockTrades = 20)
    {
        lock (Gate)
        {
            RfqDesk = true;
            GetOrCreateAccount(buyer);
            var active = MarketList.Where(m => m.Status == "active").ToList();
            foreach (var m in active.Take(rfqs)) CreateRfq(HouseUserId, m.Ticker, 10m, null);
            for (int i = 0; i < blockTrades && active.Count > 0; i++)
            {
                var m = active[i % active.Count];
                var p = ProposeBlockTrade(HouseUserId, buyer, HouseUserId, m.Ticker, 0.05m, 1m, "no", Now.AddDays(1));
                AcceptBlockTradeLocked(HouseUserId, p);
            }
        }
    }

    /// <summary>The desk quotes a user's RFQ a few cents either side of the last price.</summary>
    private void DeskQuoteLocked(Rfq rfq, Market m)
    {
        decimal mid = m.LastPrice ?? 0.5m;
        decimal yes = Math.Clamp(Math.Round(mid - 0.03m, 2), 0.01m, 0.97m), no = Math.Clamp(Math.Round(1m - mid - 0.03m, 2), 0.01m, 0.97m);
        CreateQuote(HouseUserId, rfq.Id, yes, no);
    }
}
