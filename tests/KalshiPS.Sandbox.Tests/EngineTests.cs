using Xunit;

namespace KalshiPS.Sandbox.Tests;

public class EngineTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Exchange _ex;
    private const string T = "TEST-26NOV24-X";

    public EngineTests()
    {
        _ex = new Exchange(_clock, seed: 1, startingBalance: 1000m);
        _ex.AddMarket(new Market
        {
            Ticker = T, EventTicker = "TEST-26NOV24", SeriesTicker = "TEST", Title = "t", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.LinearCent, CloseTime = _clock.GetUtcNow().AddDays(1),
        });
        _ex.AddMarket(new Market
        {
            Ticker = "FRAC", EventTicker = "TEST-26NOV24", SeriesTicker = "TEST", Title = "t", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.TaperedDeciCent, FractionalTradingEnabled = true,
        });
    }

    private PlaceResult Place(string user, OrderSide side, decimal price, decimal count, TimeInForce tif = TimeInForce.GoodTillCanceled,
        SelfTradePrevention stp = SelfTradePrevention.TakerAtCross, string? cid = null, bool postOnly = false, bool reduceOnly = false, long? exp = null, string ticker = T) =>
        _ex.PlaceOrder(user, new OrderRequest { Ticker = ticker, Side = side, Price = price, Count = count, TimeInForce = tif, SelfTradePrevention = stp, ClientOrderId = cid, PostOnly = postOnly, ReduceOnly = reduceOnly, ExpirationTime = exp });

    [Fact]
    public void Bid_rests_as_yes_bid_and_ask_as_no_bid()
    {
        Place("a", OrderSide.Bid, 0.40m, 10);
        Place("b", OrderSide.Ask, 0.45m, 7);
        var book = _ex.GetBook(T);
        Assert.Equal(new[] { (0.40m, 10m) }, book.Yes);
        Assert.Equal(new[] { (0.55m, 7m) }, book.No);
        Assert.Equal(1000m - 4.00m, _ex.GetBalance("a"));
        Assert.Equal(1000m - 0.55m * 7, _ex.GetBalance("b"));
    }

    [Fact]
    public void Cross_trades_at_resting_price()
    {
        Place("maker", OrderSide.Ask, 0.45m, 10);          // NO bid at 0.55
        var r = Place("taker", OrderSide.Bid, 0.50m, 4);  // 0.50 + 0.55 >= 1 → trade at 0.45 YES
        Assert.Equal(4m, r.FillCount);
        Assert.Equal(0m, r.RemainingCount);
        Assert.Equal(0.45m, r.AverageFillPrice);
        Assert.Equal(OrderStatus.Executed, r.Order.Status);
        Assert.Equal(1000m - 0.45m * 4, _ex.GetBalance("taker"));   // price improvement refunded
        Assert.Equal(4m, _ex.GetPosition("taker", T));
        Assert.Equal(-4m, _ex.GetPosition("maker", T));
        Assert.Equal(new[] { (0.55m, 6m) }, _ex.GetBook(T).No);
        var trade = Assert.Single(_ex.GetTrades(T));
        Assert.Equal(0.45m, trade.YesPrice);
        Assert.Equal(OrderSide.Bid, trade.TakerSide);
    }

    [Fact]
    public void Ask_crosses_yes_bid_when_p_plus_q_reaches_one()
    {
        Place("maker", OrderSide.Bid, 0.60m, 5);          // YES bid 0.60
        var none = Place("x", OrderSide.Ask, 0.61m, 5);    // NO bid 0.39: 0.60+0.39 < 1 → rests
        Assert.Equal(0m, none.FillCount);
        var r = Place("taker", OrderSide.Ask, 0.60m, 3);   // NO bid 0.40: 0.60+0.40 = 1 → trade at 0.60
        Assert.Equal(3m, r.FillCount);
        Assert.Equal(1000m - 0.40m * 3, _ex.GetBalance("taker"));
        Assert.Equal(-3m, _ex.GetPosition("taker", T));
    }

    [Fact]
    public void Partial_fill_leaves_remainder_resting()
    {
        Place("maker", OrderSide.Ask, 0.50m, 3);
        var r = Place("taker", OrderSide.Bid, 0.50m, 10);
        Assert.Equal(3m, r.FillCount);
        Assert.Equal(7m, r.RemainingCount);
        Assert.Equal(OrderStatus.Resting, r.Order.Status);
        Assert.Equal(new[] { (0.50m, 7m) }, _ex.GetBook(T).Yes);
        Assert.Empty(_ex.GetBook(T).No);
    }

    [Fact]
    public void Price_time_priority()
    {
        var first = Place("m1", OrderSide.Ask, 0.50m, 5);
        var second = Place("m2", OrderSide.Ask, 0.50m, 5);
        var better = Place("m3", OrderSide.Ask, 0.49m, 2);
        Place("taker", OrderSide.Bid, 0.50m, 6);
        Assert.Equal(2m, better.Order.FillCount);     // best price first
        Assert.Equal(4m, first.Order.FillCount);      // then earliest at 0.50
        Assert.Equal(0m, second.Order.FillCount);
    }

    [Fact]
    public void Ioc_remainder_is_canceled_and_funds_released()
    {
        Place("maker", OrderSide.Ask, 0.50m, 2);
        var r = Place("taker", OrderSide.Bid, 0.55m, 5, TimeInForce.ImmediateOrCancel);
        Assert.Equal(2m, r.FillCount);
        Assert.Equal(0m, r.RemainingCount);
        Assert.Equal(OrderStatus.Canceled, r.Order.Status);
        Assert.Empty(_ex.GetBook(T).Yes);
        Assert.Equal(1000m - 1.00m, _ex.GetBalance("taker"));
    }

    [Fact]
    public void Fill_or_kill_is_all_or_nothing()
    {
        Place("maker", OrderSide.Ask, 0.50m, 4);
        var killed = Place("taker", OrderSide.Bid, 0.50m, 5, TimeInForce.FillOrKill);
        Assert.Equal(0m, killed.FillCount);
        Assert.Equal(OrderStatus.Canceled, killed.Order.Status);
        Assert.Equal(1000m, _ex.GetBalance("taker"));
        Assert.Equal(new[] { (0.50m, 4m) }, _ex.GetBook(T).No);
        var filled = Place("taker", OrderSide.Bid, 0.50m, 4, TimeInForce.FillOrKill);
        Assert.Equal(4m, filled.FillCount);
        Assert.Equal(OrderStatus.Executed, filled.Order.Status);
    }

    [Fact]
    public void Post_only_that_would_cross_is_rejected()
    {
        Place("maker", OrderSide.Ask, 0.50m, 4);
        var e = Assert.Throws<ExchangeException>(() => Place("taker", OrderSide.Bid, 0.50m, 1, postOnly: true));
        Assert.Equal(400, e.Status);
        Assert.Equal("post_only_cross", e.Code);
        Assert.Equal(1m, Place("taker", OrderSide.Bid, 0.49m, 1, postOnly: true).RemainingCount);
    }

    [Fact]
    public void Self_trade_taker_at_cross_cancels_incoming_remainder()
    {
        Place("other", OrderSide.Ask, 0.48m, 2);
        var own = Place("me", OrderSide.Ask, 0.50m, 5);
        var r = Place("me", OrderSide.Bid, 0.50m, 10, stp: SelfTradePrevention.TakerAtCross);
        Assert.Equal(2m, r.FillCount);                    // took the other user's order first
        Assert.Equal(OrderStatus.Canceled, r.Order.Status);
        Assert.Equal(OrderStatus.Resting, own.Order.Status);
        Assert.Equal(5m, own.Order.RemainingCount);
    }

    [Fact]
    public void Self_trade_maker_cancels_resting_and_continues()
    {
        var own = Place("me", OrderSide.Ask, 0.50m, 5);
        Place("other", OrderSide.Ask, 0.50m, 3);
        var r = Place("me", OrderSide.Bid, 0.50m, 3, stp: SelfTradePrevention.Maker);
        Assert.Equal(OrderStatus.Canceled, own.Order.Status);
        Assert.Equal("SelfTradeCancel", own.Order.LastUpdateReason);
        Assert.Equal(3m, r.FillCount);
        Assert.Equal(1000m - 0.50m * 3, _ex.GetBalance("me")); // own ask's reservation was returned
    }

    [Fact]
    public void Reduce_only_is_capped_by_position_and_requires_ioc()
    {
        Place("maker", OrderSide.Ask, 0.50m, 10);
        Place("me", OrderSide.Bid, 0.50m, 3);             // me: +3 YES
        Place("buyer", OrderSide.Bid, 0.40m, 10);         // liquidity for me to sell into
        var e = Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Ask, 0.40m, 5, reduceOnly: true));
        Assert.Equal("invalid_parameters", e.Code);
        var r = Place("me", OrderSide.Ask, 0.40m, 5, TimeInForce.ImmediateOrCancel, reduceOnly: true);
        Assert.Equal(3m, r.FillCount);
        Assert.Equal(0m, _ex.GetPosition("me", T));
        // Bought 3 YES at 0.50, sold (bought NO) at 0.60 NO-price → pairs redeemed: net -0.10 per contract.
        Assert.Equal(1000m - 0.30m, _ex.GetBalance("me"));
        var more = Place("me", OrderSide.Ask, 0.40m, 5, TimeInForce.ImmediateOrCancel, reduceOnly: true);
        Assert.Equal(0m, more.FillCount);
    }

    [Fact]
    public void Selling_a_holding_needs_no_cash()
    {
        Place("maker", OrderSide.Ask, 0.50m, 10);
        Place("me", OrderSide.Bid, 0.50m, 10);           // +10 YES for $5
        _ex.SetBalance("me", 0m);
        Place("buyer", OrderSide.Bid, 0.70m, 10);
        var r = Place("me", OrderSide.Ask, 0.70m, 10);   // sell YES at 0.70 = buy NO at 0.30, closes pairs
        Assert.Equal(10m, r.FillCount);
        Assert.Equal(7m, _ex.GetBalance("me"));
        Assert.Equal(0m, _ex.GetPosition("me", T));
        Assert.Equal(2m, _ex.GetPositionDetails("me", T)!.RealizedPnl);
    }

    [Fact]
    public void Expiration_cancels_using_the_clock()
    {
        long exp = _clock.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds();
        var r = Place("me", OrderSide.Bid, 0.30m, 10, exp: exp);
        Assert.Equal(OrderStatus.Resting, r.Order.Status);
        _clock.Advance(TimeSpan.FromSeconds(29));
        _ex.SweepExpired();
        Assert.Equal(OrderStatus.Resting, r.Order.Status);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _ex.SweepExpired();
        Assert.Equal(OrderStatus.Canceled, r.Order.Status);
        Assert.Equal("ExpiryCancel", r.Order.LastUpdateReason);
        Assert.Equal(1000m, _ex.GetBalance("me"));
        Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 0.30m, 1, TimeInForce.ImmediateOrCancel, exp: exp + 100));
    }

    [Fact]
    public void Validation_of_price_grid_count_and_balance()
    {
        Assert.Equal("invalid_price", Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 0.555m, 1)).Code);
        Assert.Equal("invalid_price", Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 1.00m, 1)).Code);
        Assert.Equal("invalid_count", Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 0.50m, 1.5m)).Code);
        Assert.Equal("insufficient_balance", Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 0.50m, 5000)).Code);
        // tapered deci-cent: 0.001 steps near the edges, 0.01 in the middle; fractional counts allowed.
        Assert.Equal(1.25m, Place("me", OrderSide.Bid, 0.055m, 1.25m, ticker: "FRAC").RemainingCount);
        Assert.Equal("invalid_price", Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 0.505m, 1, ticker: "FRAC")).Code);
        Assert.Equal("order_already_exists", Assert.Throws<ExchangeException>(() => { Place("me", OrderSide.Bid, 0.1m, 1, cid: "c1"); Place("me", OrderSide.Bid, 0.1m, 1, cid: "c1"); }).Code);
    }

    [Fact]
    public void Amend_and_decrease()
    {
        var a = Place("me", OrderSide.Bid, 0.40m, 10);
        var b = Place("other", OrderSide.Bid, 0.40m, 10);
        _ex.DecreaseOrder("me", a.Order.OrderId, reduceBy: 4, reduceTo: null);   // keeps priority
        Assert.Equal(6m, a.Order.RemainingCount);
        Place("seller", OrderSide.Ask, 0.40m, 1);
        Assert.Equal(1m, a.Order.FillCount);
        _ex.AmendOrder("me", a.Order.OrderId, 0.41m, 8);                          // total 8 incl. 1 filled → 7 resting at 0.41
        Assert.Equal(7m, a.Order.RemainingCount);
        Assert.Equal(new[] { (0.40m, 10m), (0.41m, 7m) }, _ex.GetBook(T).Yes);
        Assert.Equal(1000m - 0.40m - 0.41m * 7, _ex.GetBalance("me"));
        _ex.CancelOrder("me", a.Order.OrderId);
        Assert.Equal(1000m - 0.40m, _ex.GetBalance("me"));
        Assert.Equal(OrderStatus.Resting, b.Order.Status);
    }

    [Fact]
    public void Settlement_pays_winners_and_closes_books()
    {
        Place("no", OrderSide.Ask, 0.30m, 10);            // buys NO at 0.70
        Place("yes", OrderSide.Bid, 0.30m, 10);           // buys YES at 0.30
        Place("yes", OrderSide.Bid, 0.10m, 5);            // resting, refunded at settlement
        _ex.SettleMarket(T, "yes");
        Assert.Equal(1000m - 3.00m + 10m, _ex.GetBalance("yes"));
        Assert.Equal(1000m - 7.00m, _ex.GetBalance("no"));
        Assert.Equal(0m, _ex.GetPosition("yes", T));
        Assert.Equal("finalized", _ex.GetMarket(T)!.Status);
        Assert.Empty(_ex.GetBook(T).Yes);
        var s = Assert.Single(_ex.GetOrCreateAccount("yes").Settlements);
        Assert.Equal(10m, s.Revenue);
        Assert.Equal(7m, _ex.GetPositionDetails("yes", T)!.RealizedPnl);
    }

    [Fact]
    public void Paused_trading_refuses_orders_but_allows_cancel()
    {
        var r = Place("me", OrderSide.Bid, 0.30m, 1);
        _ex.TradingActive = false;
        Assert.Equal("trading_paused", Assert.Throws<ExchangeException>(() => Place("me", OrderSide.Bid, 0.30m, 1)).Code);
        _ex.CancelOrder("me", r.Order.OrderId);
        Assert.Equal(OrderStatus.Canceled, r.Order.Status);
    }

    [Fact]
    public void Ticker_event_when_top_of_book_moves()
    {
        var seen = new List<ExchangeEvent>();
        using var _ = _ex.Events.Subscribe(seen.Add);
        Place("a", OrderSide.Bid, 0.30m, 1);
        Assert.Single(seen.OfType<TickerEvent>());
        Place("a", OrderSide.Bid, 0.20m, 1);  // below the best: no ticker
        Assert.Single(seen.OfType<TickerEvent>());
    }

    [Fact]
    public void Events_are_raised_for_book_trade_fill_order_position()
    {
        var seen = new List<ExchangeEvent>();
        using var _ = _ex.Events.Subscribe(seen.Add);
        Place("maker", OrderSide.Ask, 0.45m, 10);
        Place("taker", OrderSide.Bid, 0.45m, 4);
        Assert.Contains(seen, e => e is BookDeltaEvent { Side: "no", Price: 0.55m, Delta: 10m });
        Assert.Contains(seen, e => e is BookDeltaEvent { Side: "no", Price: 0.55m, Delta: -4m });
        Assert.Contains(seen, e => e is TradeEvent);
        Assert.Equal(2, seen.Count(e => e is FillEvent));
        Assert.Equal(2, seen.Count(e => e is PositionUpdateEvent));
        Assert.Contains(seen, e => e is OrderUpdateEvent { Order.Status: OrderStatus.Executed });
    }
}
