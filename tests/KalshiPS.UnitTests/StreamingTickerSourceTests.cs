using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

using static KalshiPS.UnitTests.StreamFrames;

namespace KalshiPS.UnitTests;

/// <summary>A live ticker source changing a subscription on the running connection: the commands, the filter, the waits.</summary>
public class StreamingTickerSourceTests
{


    private static StreamMessage Trade(int sid, long seq, string ticker) =>
        M($"{{\"type\":\"trade\",\"sid\":{sid},\"seq\":{seq},\"msg\":{{\"trade_id\":\"t{seq}\",\"market_ticker\":\"{ticker}\",\"yes_price_dollars\":\"0.5000\",\"count_fp\":\"1.00\"}}}}");

    private static (MessageHandler<KalshiTrade> Handler, List<KalshiTrade> Out) TradeHandler(IReadOnlyList<string> tickers)
    {
        var output = new List<KalshiTrade>();
        return (new MessageHandler<KalshiTrade>("trade", new[] { "trade" }, tickers, true, StreamWire.Trade, t => t.Ticker, output.Add), output);
    }

    private static Task Tick(IStreamHandler h, IStreamContext ctx) => h.OnTickAsync(ctx, CancellationToken.None);

    [Fact]
    public async Task Adds_and_removes_go_as_update_subscription_on_the_live_sid_and_the_filter_follows()
    {
        var source = new ObservableCollection<string> { "KXA-1" };
        using var feed = new TickerFeed(source);
        var (h, output) = TradeHandler(null);
        h.Follow(feed);
        var ctx = new FakeStreamContext();
        await h.OnConnectedAsync(ctx, false, CancellationToken.None);
        Assert.Contains("\"market_tickers\":[\"KXA-1\"]", ctx.Sent[0].Params);

        source.Add("KXB-2");
        await Tick(h, ctx);
        Assert.Single(ctx.Sent);                                        // the subscribe is still unanswered: the change waits
        await h.OnMessageAsync(ctx, M("{\"id\":1,\"type\":\"subscribed\",\"msg\":{\"channel\":\"trade\",\"sid\":7}}"), CancellationToken.None);
        await h.OnMessageAsync(ctx, Trade(7, 1, "KXB-2"), CancellationToken.None);
        Assert.Empty(output);                                           // not watched until the change is applied
        await Tick(h, ctx);
        Assert.Equal("update_subscription", ctx.Sent[1].Cmd);
        Assert.Equal("{\"sids\":[7],\"action\":\"add_markets\",\"market_tickers\":[\"KXB-2\"]}", ctx.Sent[1].Params);
        await h.OnMessageAsync(ctx, Trade(7, 2, "KXB-2"), CancellationToken.None);
        Assert.Equal("KXB-2", Assert.Single(output).Ticker);

        source.Remove("KXA-1");
        await Tick(h, ctx);
        Assert.Equal("{\"sids\":[7],\"action\":\"delete_markets\",\"market_tickers\":[\"KXA-1\"]}", ctx.Sent[2].Params);
        await h.OnMessageAsync(ctx, Trade(7, 3, "KXA-1"), CancellationToken.None);
        Assert.Single(output);
        Assert.Equal(new[] { "KXB-2" }, h.Tickers);

        // Removing the last market unsubscribes (an empty list would mean every market); adding one subscribes again.
        source.Remove("KXB-2");
        await Tick(h, ctx);
        Assert.Equal(("unsubscribe", "{\"sids\":[7]}"), ctx.Sent[3]);
        source.Add("KXC-3");
        await Tick(h, ctx);
        Assert.Equal("subscribe", ctx.Sent[4].Cmd);
        Assert.Contains("\"market_tickers\":[\"KXC-3\"]", ctx.Sent[4].Params);

        // A reconnect subscribes with the list as it is now.
        await h.OnConnectedAsync(ctx, true, CancellationToken.None);
        Assert.Contains("\"market_tickers\":[\"KXC-3\"]", ctx.Sent[5].Params);
    }

    [Fact]
    public async Task An_empty_source_waits_without_subscribing_to_everything_and_bad_values_are_warnings()
    {
        var source = new ObservableCollection<string>();
        using var feed = new TickerFeed(source);
        var (h, _) = TradeHandler(null);
        h.Follow(feed);
        var ctx = new FakeStreamContext();
        await h.OnConnectedAsync(ctx, false, CancellationToken.None);
        Assert.Empty(ctx.Sent);                                         // never "all markets"
        source.Add("not a ticker");
        await Tick(h, ctx);
        Assert.Empty(ctx.Sent);
        Assert.Contains(ctx.Warnings, w => w.Contains("is not a market ticker"));
    }

    [Fact]
    public async Task A_channel_filtered_on_the_client_follows_the_source_without_commands()
    {
        var source = new ObservableCollection<string>();
        using var feed = new TickerFeed(source);
        var output = new List<KalshiLifecycleMessage>();
        var h = new MessageHandler<KalshiLifecycleMessage>("market_lifecycle_v2", new[] { "market_lifecycle_v2" }, null, false, StreamWire.Lifecycle, x => (x as KalshiLifecycleEvent)?.Ticker, output.Add);
        h.Follow(feed);
        var ctx = new FakeStreamContext();
        await h.OnConnectedAsync(ctx, false, CancellationToken.None);
        Assert.Equal("subscribe", Assert.Single(ctx.Sent).Cmd);           // subscribed at once: nothing passes the filter yet
        await h.OnMessageAsync(ctx, M("{\"id\":1,\"type\":\"subscribed\",\"msg\":{\"channel\":\"market_lifecycle_v2\",\"sid\":3}}"), CancellationToken.None);
        var created = "{\"type\":\"market_lifecycle_v2\",\"sid\":3,\"seq\":SEQ,\"msg\":{\"market_ticker\":\"KXA-1\",\"event_type\":\"created\"}}";
        await h.OnMessageAsync(ctx, M(created.Replace("SEQ", "1")), CancellationToken.None);
        Assert.Empty(output);
        source.Add("KXA-1");
        await Tick(h, ctx);
        await h.OnMessageAsync(ctx, M(created.Replace("SEQ", "2")), CancellationToken.None);
        Assert.Single(output);
        Assert.Single(ctx.Sent);                                        // no update_subscription for a channel without a filter
    }
}
