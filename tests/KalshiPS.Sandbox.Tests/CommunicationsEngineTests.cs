using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>The RFQ and block trade lifecycles between two users, through the one engine (fills, positions, cash).</summary>
public class CommunicationsEngineTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Exchange _ex;
    private readonly List<ExchangeEvent> _events = new();
    private const string T = "TEST-26NOV24-X";
    private const string Alice = "alice", Bob = "bob";

    public CommunicationsEngineTests()
    {
        _ex = new Exchange(_clock, seed: 1, startingBalance: 1000m);
        _ex.AddMarket(new Market
        {
            Ticker = T, EventTicker = "TEST-26NOV24", SeriesTicker = "TEST", Title = "t", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.LinearCent, CloseTime = _clock.GetUtcNow().AddDays(1),
        });
        _ex.GetOrCreateAccount(Alice);
        _ex.GetOrCreateAccount(Bob);
        _ex.Events.Subscribe(_events.Add);
    }

    [Fact]
    public void Rfq_quote_accept_confirm_executes_one_trade_with_fills_and_positions_for_both()
    {
        var rfq = _ex.CreateRfq(Alice, T, 10m, null);
        var quote = _ex.CreateQuote(Bob, rfq.Id, 0.40m, 0.55m);
        Assert.Equal("open", quote.Status);

        _ex.AcceptQuote(Alice, quote.Id, "no", rfq.Id); // Alice takes Bob's No bid: Bob buys No at 0.55, Alice buys Yes at 0.45
        Assert.Equal("accepted", _ex.GetQuote(Bob, quote.Id).Status);
        Assert.Empty(_ex.GetTrades(T));

        var done = _ex.ConfirmQuote(Bob, quote.Id, rfq.Id);
        Assert.Equal("executed", done.Status);
        Assert.Equal("closed", _ex.GetRfq(rfq.Id).Status);
        var trade = Assert.Single(_ex.GetTrades(T));
        Assert.Equal(0.45m, trade.YesPrice);
        Assert.Equal(10m, trade.Count);
        Assert.Equal(10m, _ex.GetPosition(Alice, T));
        Assert.Equal(-10m, _ex.GetPosition(Bob, T));
        Assert.Equal(1000m - 4.50m, _ex.GetBalance(Alice));
        Assert.Equal(1000m - 5.50m, _ex.GetBalance(Bob));
        Assert.Equal(OrderStatus.Executed, _ex.GetOrder(done.RfqCreatorOrderId!)!.Status);
        Assert.Equal(Alice, _ex.GetOrder(done.RfqCreatorOrderId!)!.UserId);
        Assert.Equal(Bob, _ex.GetOrder(done.CreatorOrderId!)!.UserId);
        Assert.Equal(2, _events.OfType<FillEvent>().Count());
        Assert.Empty(_events.OfType<BookDeltaEvent>()); // a negotiated trade never touches the book
        Assert.Equal(new[] { "rfq_created", "quote_created", "quote_accepted", "quote_executed" }, _events.OfType<CommunicationsEvent>().Select(e => e.Type));
    }

    [Fact]
    public void Accepting_the_yes_bid_makes_the_quoter_buy_yes()
    {
        var rfq = _ex.CreateRfq(Alice, T, 5m, null);
        var quote = _ex.CreateQuote(Bob, rfq.Id, 0.40m, 0.55m);
        _ex.AcceptQuote(Alice, quote.Id, "yes");
        _ex.ConfirmQuote(Bob, quote.Id);
        Assert.Equal(0.40m, _ex.GetTrades(T).Single().YesPrice);
        Assert.Equal(5m, _ex.GetPosition(Bob, T));
        Assert.Equal(-5m, _ex.GetPosition(Alice, T));
    }

    [Fact]
    public void Only_the_right_party_may_act_and_steps_go_in_order()
    {
        var rfq = _ex.CreateRfq(Alice, T, 5m, null);
        Assert.Equal(400, Assert.Throws<ExchangeException>(() => _ex.CreateQuote(Alice, rfq.Id, 0.4m, 0.5m)).Status); // own RFQ
        var quote = _ex.CreateQuote(Bob, rfq.Id, 0.40m, 0m);
        Assert.Equal(400, Assert.Throws<ExchangeException>(() => _ex.ConfirmQuote(Bob, quote.Id)).Status); // not accepted yet
        Assert.Equal(403, Assert.Throws<ExchangeException>(() => _ex.AcceptQuote(Bob, quote.Id, "yes")).Status); // the quoter cannot accept
        Assert.Equal(400, Assert.Throws<ExchangeException>(() => _ex.AcceptQuote(Alice, quote.Id, "no")).Status); // that side was declined
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => _ex.GetQuote("carol", quote.Id)).Status); // quotes are private
        _ex.AcceptQuote(Alice, quote.Id, "yes");
        Assert.Equal(403, Assert.Throws<ExchangeException>(() => _ex.ConfirmQuote(Alice, quote.Id)).Status);
        Assert.Equal(400, Assert.Throws<ExchangeException>(() => _ex.CreateQuote(Bob, rfq.Id, 0.4m, 0.7m)).Status); // crossing bids
    }

    [Fact]
    public void A_new_quote_replaces_the_quoters_previous_one_and_deleting_the_rfq_cancels_its_quotes()
    {
        var rfq = _ex.CreateRfq(Alice, T, 5m, null);
        var first = _ex.CreateQuote(Bob, rfq.Id, 0.40m, 0.50m);
        var second = _ex.CreateQuote(Bob, rfq.Id, 0.41m, 0.50m);
        Assert.Equal("cancelled", first.Status);
        _ex.DeleteRfq(Alice, rfq.Id);
        Assert.Equal("closed", rfq.Status);
        Assert.Equal("cancelled", second.Status);
        Assert.Contains(_events.OfType<CommunicationsEvent>(), e => e.Type == "rfq_deleted");
    }

    [Fact]
    public void A_confirm_nobody_can_pay_changes_nothing()
    {
        _ex.SetBalance(Bob, 1m);
        var rfq = _ex.CreateRfq(Alice, T, 10m, null);
        var quote = _ex.CreateQuote(Bob, rfq.Id, 0.40m, 0.50m);
        _ex.AcceptQuote(Alice, quote.Id, "yes");
        Assert.Equal("insufficient_balance", Assert.Throws<ExchangeException>(() => _ex.ConfirmQuote(Bob, quote.Id)).Code);
        Assert.Equal("accepted", quote.Status);
        Assert.Empty(_ex.GetTrades(T));
        Assert.Equal(1m, _ex.GetBalance(Bob));
        Assert.Equal(1000m, _ex.GetBalance(Alice));
    }

    [Fact]
    public void Target_cost_rfqs_size_the_trade_from_the_accepted_price()
    {
        var rfq = _ex.CreateRfq(Alice, T, null, 10m);
        var quote = _ex.CreateQuote(Bob, rfq.Id, 0.50m, 0.30m); // Alice buys Yes at 0.70 on the No bid: 14 contracts for $10
        Assert.Equal(14m, quote.NoContracts);
        Assert.Equal(20m, quote.YesContracts);
        _ex.AcceptQuote(Alice, quote.Id, "no");
        _ex.ConfirmQuote(Bob, quote.Id);
        Assert.Equal(14m, _ex.GetPosition(Alice, T));
    }

    [Fact]
    public void Block_trade_executes_once_buyer_and_seller_accepted()
    {
        var p = _ex.ProposeBlockTrade(Alice, Alice, Bob, T, 0.30m, 7m, "yes", _clock.GetUtcNow().AddMinutes(10));
        _ex.AcceptBlockTrade(Alice, p.Id);
        Assert.Equal("pending", p.Status);
        Assert.Empty(_ex.GetTrades(T));
        Assert.Equal(404, Assert.Throws<ExchangeException>(() => _ex.AcceptBlockTrade("carol", p.Id)).Status);
        _ex.AcceptBlockTrade(Bob, p.Id);
        Assert.Equal("executed", p.Status);
        Assert.Equal(7m, _ex.GetPosition(Alice, T));
        Assert.Equal(-7m, _ex.GetPosition(Bob, T));
        Assert.Equal(0.30m, _ex.GetTrades(T).Single().YesPrice);
        Assert.Equal(Alice, _ex.GetOrder(p.BuyerOrderId!)!.UserId);
        Assert.Equal(Bob, _ex.GetOrder(p.SellerOrderId!)!.UserId);
    }

    [Fact]
    public void A_lapsed_block_trade_cannot_be_accepted()
    {
        var p = _ex.ProposeBlockTrade(Alice, Alice, Bob, T, 0.30m, 1m, "no", _clock.GetUtcNow().AddMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(400, Assert.Throws<ExchangeException>(() => _ex.AcceptBlockTrade(Bob, p.Id)).Status);
        Assert.Equal("expired", _ex.BlockTradesVisibleTo(Alice).Single().Status);
    }

    [Fact]
    public void The_desk_quotes_user_rfqs_and_accepts_quotes_on_its_own_then_reopens()
    {
        _ex.OpenDesk(Alice, rfqs: 1, blockTrades: 1);
        var houseRfq = _ex.Rfqs.Single(r => r.CreatorUserId == Exchange.HouseUserId && r.Status == "open");
        var mine = _ex.CreateRfq(Alice, T, 3m, null);
        var desk = _ex.QuotesVisibleTo(Alice).Single(q => q.RfqId == mine.Id && q.CreatorUserId == Exchange.HouseUserId);
        _ex.AcceptQuote(Alice, desk.Id, "no");
        Assert.Equal("executed", desk.Status); // the desk confirms at once
        Assert.Equal(3m, _ex.GetPosition(Alice, T));
        var quote = _ex.CreateQuote(Bob, houseRfq.Id, 0.20m, 0.70m);
        Assert.Equal("accepted", quote.Status);
        _ex.ConfirmQuote(Bob, quote.Id);
        Assert.Single(_ex.Rfqs, r => r.CreatorUserId == Exchange.HouseUserId && r.Status == "open" && r.Ticker == houseRfq.Ticker);
        var seeded = _ex.BlockTradesVisibleTo(Alice).Single();
        Assert.True(seeded.SellerAccepted);
        _ex.AcceptBlockTrade(Alice, seeded.Id);
        Assert.Equal("executed", seeded.Status);
    }
}
