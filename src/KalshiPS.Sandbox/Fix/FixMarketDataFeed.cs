using System.Threading.Channels;
using KalshiPS.Fix;

namespace KalshiPS.Sandbox.Fix;

/// <summary>
/// One KalshiMD session's market data: MarketDataRequest (V) subscribes, snapshots or drops tickers; a subscribed
/// ticker gets a SnapshotFullRefresh (W) and then an IncrementalRefresh (X) for every book level change (absolute
/// sizes: New, Change, Delete) and every trade, straight from the engine's events. The snapshot is taken under the
/// exchange lock, and events are raised under that lock, so no change falls between a snapshot and its first
/// incremental. Bids are Yes bids; Offers are Yes asks (the No bids at 1 − price). Messages leave through an unbounded
/// queue drained by the send loop, because engine events must never wait on a socket.
/// </summary>
internal sealed class FixMarketDataFeed : IDisposable
{
    private readonly Exchange _ex;
    private readonly Channel<FixMessage> _out = Channel.CreateUnbounded<FixMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    // Ticker → the book as this session last described it (side "yes"/"no" → leg price → size).
    private readonly Dictionary<string, Shadow> _subscribed = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDisposable _events;

    public FixMarketDataFeed(Exchange ex)
    {
        _ex = ex;
        _events = ex.Events.Subscribe(OnEvent);
    }

    /// <summary>What is waiting to be sent (tests read it without a session).</summary>
    internal ChannelReader<FixMessage> Outgoing => _out.Reader;

    /// <summary>Tickers this session follows now.</summary>
    public IReadOnlyCollection<string> Subscribed { get { lock (_gate) return _subscribed.Keys.ToArray(); } }

    /// <summary>Serves the session until it closes: requests in, market data out.</summary>
    public async Task RunAsync(FixSession session, CancellationToken ct)
    {
        var send = Task.Run(async () =>
        {
            await foreach (var m in _out.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                await session.SendAsync(m, ct).ConfigureAwait(false);
        }, ct);
        try
        {
            while (await session.ReceiveAsync(ct).ConfigureAwait(false) is { } m) Handle(m);
        }
        finally
        {
            _out.Writer.TryComplete();
            try { await send.ConfigureAwait(false); } catch (OperationCanceledException) { } catch (InvalidOperationException) { /* session closed */ }
        }
    }

    /// <summary>One application message from the client.</summary>
    public void Handle(FixMessage m)
    {
        if (m.MsgType != FixAppMsgTypes.MarketDataRequest)
        {
            Send(new FixBusinessMessageReject
            {
                RefSeqNum = m.TryGetInt(FixTags.MsgSeqNum, out var s) ? s : 0, RefMsgType = m.MsgType, Reason = 3,
                Text = "KalshiMD serves market data only (MarketDataRequest 35=V).",
            }.ToMessage());
            return;
        }
        if (!FixMarketDataRequest.TryParse(m, out var request, out var error))
        {
            Send(new FixMarketDataRequestReject { MdReqId = m.Get(FixAppTags.MDReqID), Text = error }.ToMessage());
            return;
        }
        if (request.Type == FixSubscriptionType.Unsubscribe)
        {
            lock (_gate)
            {
                if (request.Symbols.Count == 0) _subscribed.Clear();
                foreach (var t in request.Symbols) _subscribed.Remove(t);
            }
            return;
        }
        foreach (var ticker in request.Symbols)
        {
            // Under the engine's lock: the snapshot and the start of the incrementals are one point in commit order.
            lock (_ex.Gate)
            {
                var market = _ex.GetMarket(ticker);
                if (market == null)
                {
                    Send(new FixMarketDataRequestReject { MdReqId = request.MdReqId, Reason = "0", Text = $"Unknown market '{ticker}'." }.ToMessage());
                    continue;
                }
                var shadow = new Shadow();
                var snapshot = new FixMarketDataSnapshot { MdReqId = request.MdReqId, Symbol = market.Ticker };
                foreach (var (price, size) in market.Book.Levels(OrderSide.Bid))
                {
                    shadow.Yes[price] = size;
                    snapshot.Entries.Add(new FixMdEntry { Symbol = market.Ticker, Type = FixMdEntryType.Bid, PriceDollars = price, Size = size });
                }
                foreach (var (price, size) in market.Book.Levels(OrderSide.Ask))
                {
                    shadow.No[price] = size;
                    snapshot.Entries.Add(new FixMdEntry { Symbol = market.Ticker, Type = FixMdEntryType.Offer, PriceDollars = 1m - price, Size = size });
                }
                lock (_gate)
                {
                    if (request.Type == FixSubscriptionType.SnapshotAndUpdates) _subscribed[market.Ticker] = shadow;
                    Send(snapshot.ToMessage());
                }
            }
        }
    }

    // Called with the exchange lock held, in commit order.
    private void OnEvent(ExchangeEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case BookDeltaEvent d when _subscribed.TryGetValue(d.Market.Ticker, out var shadow):
                {
                    var levels = d.Side == "yes" ? shadow.Yes : shadow.No;
                    var before = levels.GetValueOrDefault(d.Price);
                    var after = before + d.Delta;
                    var action = after <= 0 ? FixMdUpdateAction.Delete : before <= 0 ? FixMdUpdateAction.New : FixMdUpdateAction.Change;
                    if (after <= 0) levels.Remove(d.Price); else levels[d.Price] = after;
                    if (action == FixMdUpdateAction.Delete && before <= 0) break; // nothing this session knew of
                    Send(new FixMarketDataIncremental
                    {
                        Entries =
                        {
                            new FixMdEntry
                            {
                                Action = action, Symbol = d.Market.Ticker,
                                Type = d.Side == "yes" ? FixMdEntryType.Bid : FixMdEntryType.Offer,
                                PriceDollars = d.Side == "yes" ? d.Price : 1m - d.Price, Size = Math.Max(0m, after),
                            },
                        },
                    }.ToMessage());
                    break;
                }
                case TradeEvent t when _subscribed.ContainsKey(t.Market.Ticker):
                    Send(new FixMarketDataIncremental
                    {
                        Entries = { new FixMdEntry { Action = FixMdUpdateAction.New, Symbol = t.Market.Ticker, Type = FixMdEntryType.Trade, PriceDollars = t.Trade.YesPrice, Size = t.Trade.Count } },
                    }.ToMessage());
                    break;
            }
        }
    }

    private void Send(FixMessage m) => _out.Writer.TryWrite(m);

    public void Dispose()
    {
        _events.Dispose();
        _out.Writer.TryComplete();
    }

    private sealed class Shadow
    {
        public readonly Dictionary<decimal, decimal> Yes = new();
        public readonly Dictionary<decimal, decimal> No = new();
    }
}
