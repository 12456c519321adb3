using KalshiPS.Fix;
using KalshiPS.Sandbox.Fix;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>The sandbox's KalshiMD feed, driven by the real engine: snapshots plus incrementals rebuild the engine's book.</summary>
public class FixMarketDataFeedTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly Exchange _ex;
    private const string T = "TEST-26DEC02-X";

    public FixMarketDataFeedTests()
    {
        _ex = new Exchange(_clock, seed: 1, startingBalance: 1000m);
        _ex.AddMarket(new Market
        {
            Ticker = T, EventTicker = "TEST-26DEC02", SeriesTicker = "TEST", Title = "t", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.LinearCent, CloseTime = _clock.GetUtcNow().AddDays(1),
        });
    }

    private void Place(string user, OrderSide side, decimal price, decimal count) =>
        _ex.PlaceOrder(user, new OrderRequest { Ticker = T, Side = side, Price = price, Count = count, TimeInForce = TimeInForce.GoodTillCanceled });

    private static List<FixMessage> Drain(FixMarketDataFeed feed)
    {
        var list = new List<FixMessage>();
        while (feed.Outgoing.TryRead(out var m)) list.Add(m);
        return list;
    }

    private static FixMessage Subscribe(FixSubscriptionType type, params string[] tickers) =>
        new FixMarketDataRequest { MdReqId = "r1", Type = type, Symbols = tickers.ToList() }.ToMessage();

    [Fact]
    public void Snapshot_then_incrementals_rebuild_the_engines_book_exactly()
    {
        Place("a", OrderSide.Bid, 0.40m, 10);
        using var feed = new FixMarketDataFeed(_ex);
        feed.Handle(Subscribe(FixSubscriptionType.SnapshotAndUpdates, T));
        Place("b", OrderSide.Ask, 0.45m, 7);   // a No bid at 0.55 = a Yes offer at 0.45
        Place("c", OrderSide.Bid, 0.40m, 5);   // level 0.40 grows
        Place("d", OrderSide.Bid, 0.50m, 3);   // crosses the offer: a trade, the offer shrinks
        var messages = Drain(feed);

        Assert.True(FixMarketDataSnapshot.TryParse(messages[0], out var snap, out var e1), e1);
        var yes = snap.Entries.Where(x => x.Type == FixMdEntryType.Bid).ToDictionary(x => x.PriceDollars, x => x.Size);
        var offers = snap.Entries.Where(x => x.Type == FixMdEntryType.Offer).ToDictionary(x => x.PriceDollars, x => x.Size);
        Assert.Equal(10m, yes[0.40m]);
        var trades = 0;
        foreach (var m in messages.Skip(1))
        {
            Assert.True(FixMarketDataIncremental.TryParse(m, out var inc, out var e2), e2);
            foreach (var x in inc.Entries)
            {
                if (x.Type == FixMdEntryType.Trade) { trades++; Assert.Equal(0.45m, x.PriceDollars); continue; }
                var side = x.Type == FixMdEntryType.Bid ? yes : offers;
                if (x.Action == FixMdUpdateAction.Delete) Assert.True(side.Remove(x.PriceDollars));
                else side[x.PriceDollars] = x.Size;
            }
        }
        Assert.Equal(1, trades);
        var book = _ex.GetBook(T);
        Assert.Equal(book.Yes.OrderBy(l => l.Item1), yes.Select(kv => (kv.Key, kv.Value)).OrderBy(l => l.Item1));
        Assert.Equal(book.No.Select(l => (1m - l.Item1, l.Item2)).OrderBy(l => l.Item1), offers.Select(kv => (kv.Key, kv.Value)).OrderBy(l => l.Item1));
    }

    [Fact]
    public void A_plain_snapshot_does_not_subscribe_and_unsubscribe_stops_incrementals()
    {
        using var feed = new FixMarketDataFeed(_ex);
        feed.Handle(Subscribe(FixSubscriptionType.Snapshot, T));
        Place("a", OrderSide.Bid, 0.40m, 1);
        Assert.Equal(FixAppMsgTypes.MarketDataSnapshotFullRefresh, Assert.Single(Drain(feed)).MsgType);

        feed.Handle(Subscribe(FixSubscriptionType.SnapshotAndUpdates, T));
        Drain(feed);
        feed.Handle(new FixMarketDataRequest { Type = FixSubscriptionType.Unsubscribe }.ToMessage()); // no symbols: all
        Place("a", OrderSide.Bid, 0.41m, 1);
        Assert.Empty(Drain(feed));
        Assert.Empty(feed.Subscribed);
    }

    [Fact]
    public void Unknown_markets_and_other_messages_are_refused_with_a_reason()
    {
        using var feed = new FixMarketDataFeed(_ex);
        feed.Handle(Subscribe(FixSubscriptionType.SnapshotAndUpdates, "NOPE-1"));
        feed.Handle(new FixMessage(FixAppMsgTypes.NewOrderSingle).Add(FixTags.MsgSeqNum, 5));
        var out2 = Drain(feed);
        Assert.True(FixMarketDataRequestReject.TryParse(out2[0], out var y, out _));
        Assert.Contains("NOPE-1", y.Text);
        Assert.True(FixBusinessMessageReject.TryParse(out2[1], out var j, out _));
        Assert.Equal((5L, "D", 3), (j.RefSeqNum, j.RefMsgType, j.Reason));
    }
}
