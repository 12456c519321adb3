using System.Threading.Channels;
using KalshiPS.Fix;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.UnitTests;

/// <summary>Watch-KalshiOrderbook -Via Fix's feed against a scripted market data session (no socket).</summary>
public class FixOrderbookFeedTests
{
    private readonly Channel<FixMessage> _in = Channel.CreateUnbounded<FixMessage>();
    private readonly Channel<FixMessage> _sent = Channel.CreateUnbounded<FixMessage>();
    private readonly StreamOutbox _outbox = new(100, TimeSpan.Zero);
    private long _missed;
    private long _seq = 1;

    private FixOrderbookFeed Feed(params string[] tickers) => new(tickers, 0, _outbox,
        (m, ct) => { _sent.Writer.TryWrite(m); return Task.CompletedTask; },
        async ct => await _in.Reader.WaitToReadAsync(ct) && _in.Reader.TryRead(out var m) ? m : null,
        () => Interlocked.Read(ref _missed));

    private void Deliver(FixMessage m) => _in.Writer.TryWrite(m.Set(FixTags.MsgSeqNum, (_seq++).ToString()));

    private static FixMessage Snapshot(string ticker, string reqId, decimal bid, decimal size) => new FixMarketDataSnapshot
    {
        MdReqId = reqId, Symbol = ticker, Entries = { new FixMdEntry { Symbol = ticker, Type = FixMdEntryType.Bid, PriceDollars = bid, Size = size } },
    }.ToMessage();

    private KalshiOrderbook NextBook()
    {
        while (true)
        {
            Assert.Equal(TakeResult.Item, _outbox.TryTake(TimeSpan.FromSeconds(5), CancellationToken.None, out var item));
            if (item is KalshiOrderbook book) return book;
        }
    }

    // The next request the feed sent (waits for it; a hang fails after 5 s instead of blocking the run).
    private async Task<FixMarketDataRequest> NextSentAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var m = await _sent.Reader.ReadAsync(timeout.Token);
        Assert.True(FixMarketDataRequest.TryParse(m, out var r, out var e), e);
        return r;
    }

    [Fact]
    public async Task Subscribes_each_ticker_publishes_books_and_unsubscribes_when_stopped()
    {
        using var cts = new CancellationTokenSource();
        var run = Feed("KXA-1", "KXB-1").RunAsync(cts.Token);
        var a = await NextSentAsync();
        Assert.Equal((FixSubscriptionType.SnapshotAndUpdates, "KXA-1"), (a.Type, a.Symbols.Single()));
        Deliver(Snapshot("KXA-1", a.MdReqId, 0.40m, 10m));
        var first = NextBook();
        Assert.Equal((0.40m, 10m), (first.YesBids[0].Price, first.YesBids[0].Size));
        Deliver(new FixMarketDataIncremental { Entries = { new FixMdEntry { Action = FixMdUpdateAction.Change, Symbol = "KXA-1", Type = FixMdEntryType.Bid, PriceDollars = 0.40m, Size = 3m } } }.ToMessage());
        var book = NextBook();
        Assert.Equal(3m, book.YesBids[0].Size);
        Assert.Equal(2, book.Sequence);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal("KXB-1", (await NextSentAsync()).Symbols.Single());
        var stop = await NextSentAsync();
        Assert.Equal(FixSubscriptionType.Unsubscribe, stop.Type);
        Assert.Equal(new[] { "KXA-1", "KXB-1" }, stop.Symbols.OrderBy(x => x));
    }

    [Fact]
    public async Task Lost_messages_hold_the_books_back_until_fresh_snapshots_arrive()
    {
        using var cts = new CancellationTokenSource();
        var feed = Feed("KXA-1");
        var run = feed.RunAsync(cts.Token);
        var reqId = (await NextSentAsync()).MdReqId;
        Deliver(Snapshot("KXA-1", reqId, 0.40m, 10m));
        NextBook();
        Interlocked.Increment(ref _missed); // the session skipped a message before the next one
        Deliver(new FixMarketDataIncremental { Entries = { new FixMdEntry { Action = FixMdUpdateAction.Change, Symbol = "KXA-1", Type = FixMdEntryType.Bid, PriceDollars = 0.40m, Size = 1m } } }.ToMessage());
        Assert.Equal(FixSubscriptionType.Snapshot, (await NextSentAsync()).Type);
        Deliver(Snapshot("KXA-1", reqId, 0.42m, 2m));
        var book = NextBook();
        Assert.Equal((0.42m, 2m), (book.YesBids[0].Price, book.YesBids[0].Size)); // the untrusted incremental was never applied
        Assert.Equal(1, feed.Resyncs);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_refused_ticker_is_reported_by_name_and_a_closed_session_ends_the_watch()
    {
        var run = Feed("NOPE-1").RunAsync(CancellationToken.None);
        Deliver(new FixMarketDataRequestReject { MdReqId = (await NextSentAsync()).MdReqId, Text = "Unknown market 'NOPE-1'." }.ToMessage());
        object item;
        do Assert.Equal(TakeResult.Item, _outbox.TryTake(TimeSpan.FromSeconds(5), CancellationToken.None, out item)); while (item is not StreamRefusal);
        var refusal = (StreamRefusal)item;
        Assert.Equal("NOPE-1", refusal.Ticker);
        Assert.True(refusal.NothingLeft);
        _in.Writer.Complete();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => run);
        Assert.Contains("Connect-KalshiFix -SessionType MarketData", e.Message);
    }
}
