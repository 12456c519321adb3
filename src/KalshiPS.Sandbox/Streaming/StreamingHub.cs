using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace KalshiPS.Sandbox;

/// <summary>
/// Accepts WebSocket connections at /trade-api/ws/v2 (the auth middleware has already verified the handshake). Live
/// connections are tracked so the server can count subscriptions and close every socket at once when it stops.
/// </summary>
internal sealed class StreamingHub(Exchange ex, FaultOptions faults, SandboxOptions options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<WsConnection, byte> _live = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Subscriptions alive on all connections.</summary>
    public int SubscriptionCount => _live.Keys.Sum(c => c.SubscriptionCount);

    /// <summary>Ends every connection now (server shutdown): Kestrel would otherwise wait for them to close.</summary>
    public void Stop() => _stopping.Cancel();

    public async Task HandleAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            await Http.Error(400, "invalid_parameters", "expected a WebSocket upgrade").ExecuteAsync(ctx);
            return;
        }
        var user = (string)ctx.Items["kalshi.user"]!;
        using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
        var conn = new WsConnection(socket, user, ex, faults, options.WebSocketMaxSubscriptions);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        _live[conn] = 0;
        try
        {
            using (ex.Events.Subscribe(conn.OnEvent))
                await conn.RunAsync(ended.Token);
        }
        finally { _live.TryRemove(conn, out _); }
    }
}

/// <summary>A subscription: one channel, an optional market filter, and its own seq counter.</summary>
internal sealed class WsSubscription(int sid, string channel, HashSet<string>? tickers)
{
    public int Sid { get; } = sid;
    public string Channel { get; } = channel;
    public HashSet<string>? Tickers { get; set; } = tickers;
    public long Seq;
    public long DeltaCount;
    public bool Matches(string ticker) => Tickers == null || Tickers.Contains(ticker);
}

/// <summary>
/// One client connection: command handling, per-sid sequencing and a bounded outbound queue. Engine events arrive on the
/// exchange lock, so messages are queued in commit order; lock order is exchange gate → connection gate.
/// </summary>
internal sealed class WsConnection(WebSocket socket, string userId, Exchange ex, FaultOptions faults, int maxSubscriptions)
{
    private static readonly HashSet<string> Channels = new(new[] { "orderbook_delta", "ticker", "trade", "fill", "market_positions", "user_orders", "market_lifecycle_v2", "multivariate_market_lifecycle", "order_group_updates", "communications" }.Concat(IndexFeed.Channels));
    private readonly object _gate = new();
    private readonly Dictionary<int, WsSubscription> _subs = new();
    private readonly Channel<string> _out = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;
    private int _nextSid;
    private long _dataSent;

    public int SubscriptionCount { get { lock (_gate) return _subs.Count; } }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var sender = SendLoopAsync(cts.Token);
        try { await ReceiveLoopAsync(cts.Token); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        finally
        {
            _out.Writer.TryComplete();
            cts.Cancel();
            try { await sender; } catch { }
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            using var ms = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await socket.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
                    return;
                }
                ms.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            HandleCommand(Encoding.UTF8.GetString(ms.ToArray()));
        }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        await foreach (var text in _out.Reader.ReadAllAsync(ct))
        {
            Interlocked.Decrement(ref _pending);
            if (text.Contains("\"sid\"") && !text.StartsWith("{\"id\"", StringComparison.Ordinal))
            {
                // Drop fault: after N delivered data messages, the next one aborts the connection instead of being sent.
                int every = faults.WsDropEveryMessages;
                if (every > 0 && _dataSent >= every) { socket.Abort(); return; }
                _dataSent++;
            }
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);
        }
    }

    private static readonly JsonSerializerOptions KeepNulls = new(Http.Json) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    private void Send(object message, bool keepNulls = false)
    {
        Interlocked.Increment(ref _pending);
        _out.Writer.TryWrite(JsonSerializer.Serialize(message, keepNulls ? KeepNulls : Http.Json));
    }

    /// <summary>Queues a data message for a subscription, or overflows it (error 25, subscription dropped).</summary>
    /// <param name="keepNulls">Write null fields (event_fee_update: a null override means "cleared").</param>
    private void SendData(WsSubscription sub, object message, bool keepNulls = false)
    {
        if (faults.TakeWsOverflow() || Volatile.Read(ref _pending) >= faults.WsQueueCapacity)
        {
            _subs.Remove(sub.Sid);
            Send(new { id = 0, type = "error", msg = new { code = 25, msg = "Subscription buffer overflow", sid = sub.Sid } });
            return;
        }
        Send(message, keepNulls);
    }

    private static long Ms(ExchangeEvent e) => e.TsMs;

    /// <summary>Engine event → messages for matching subscriptions. Called with the exchange lock held.</summary>
    public void OnEvent(ExchangeEvent e)
    {
        lock (_gate)
        {
            foreach (var sub in _subs.Values.ToArray())
            {
                switch (e)
                {
                    case BookDeltaEvent d when sub.Channel == "orderbook_delta" && sub.Matches(d.Market.Ticker):
                        sub.Seq++;
                        sub.DeltaCount++;
                        if (faults.WsSkipSeqEvery > 0 && sub.DeltaCount % faults.WsSkipSeqEvery == 0) sub.Seq++; // injected gap
                        if (faults.WsLoseDeltaEvery > 0 && sub.DeltaCount % faults.WsLoseDeltaEvery == 0) break; // injected loss: seq used, message never sent
                        SendData(sub, new
                        {
                            type = "orderbook_delta", sid = sub.Sid, seq = sub.Seq,
                            msg = new
                            {
                                market_ticker = d.Market.Ticker, market_id = d.Market.MarketId, price_dollars = Fp.Price(d.Price),
                                delta_fp = Fp.Count(d.Delta), side = d.Side, client_order_id = d.UserId == userId ? d.ClientOrderId : null,
                                ts = Fp.Rfc3339(DateTimeOffset.FromUnixTimeMilliseconds(d.TsMs)), ts_ms = d.TsMs,
                            },
                        });
                        break;
                    case TradeEvent t when sub.Channel == "trade" && sub.Matches(t.Market.Ticker):
                        SendData(sub, new
                        {
                            type = "trade", sid = sub.Sid, seq = ++sub.Seq,
                            msg = new
                            {
                                trade_id = t.Trade.TradeId, market_ticker = t.Market.Ticker, yes_price_dollars = Fp.Price(t.Trade.YesPrice),
                                no_price_dollars = Fp.Price(1m - t.Trade.YesPrice), count_fp = Fp.Count(t.Trade.Count),
                                taker_outcome_side = WireNames.OutcomeOf(t.Trade.TakerSide), taker_book_side = WireNames.Of(t.Trade.TakerSide),
                                taker_side = WireNames.OutcomeOf(t.Trade.TakerSide), is_block_trade = false,
                                ts = t.TsMs / 1000, ts_ms = t.TsMs,
                            },
                        });
                        break;
                    case TickerEvent tk when sub.Channel == "ticker" && sub.Matches(tk.Market.Ticker):
                        SendData(sub, new { type = "ticker", sid = sub.Sid, msg = TickerMsg(tk.Market, tk.LastTradeSize, tk.TsMs) });
                        break;
                    case FillEvent f when sub.Channel == "fill" && f.Fill.UserId == userId && sub.Matches(f.Fill.Ticker):
                        SendData(sub, new
                        {
                            type = "fill", sid = sub.Sid,
                            msg = new
                            {
                                trade_id = f.Fill.TradeId, order_id = f.Fill.OrderId, client_order_id = f.Fill.ClientOrderId, market_ticker = f.Fill.Ticker,
                                exchange_index = 0, is_taker = f.Fill.IsTaker, yes_price_dollars = Fp.Price(f.Fill.YesPrice), count_fp = Fp.Count(f.Fill.Count),
                                fee_cost = Fp.Price(f.Fill.FeeCost), post_position_fp = Fp.Count(f.Fill.PostPosition),
                                outcome_side = WireNames.OutcomeOf(f.Fill.Side), book_side = WireNames.Of(f.Fill.Side),
                                side = WireNames.OutcomeOf(f.Fill.Side), action = "buy", purchased_side = WireNames.OutcomeOf(f.Fill.Side),
                                ts = f.TsMs / 1000, ts_ms = f.TsMs, subaccount = f.Fill.Subaccount,
                            },
                        });
                        break;
                    case OrderUpdateEvent o when sub.Channel == "user_orders" && o.Order.UserId == userId && sub.Matches(o.Order.Ticker):
                        SendData(sub, new { type = "user_order", sid = sub.Sid, msg = UserOrderMsg(o.Order) });
                        break;
                    case PositionUpdateEvent p when sub.Channel == "market_positions" && p.UserId == userId && sub.Matches(p.Position.Ticker):
                        SendData(sub, new
                        {
                            type = "market_position", sid = sub.Sid,
                            msg = new
                            {
                                user_id = userId, market_ticker = p.Position.Ticker, position_fp = Fp.Count(p.Position.Quantity),
                                position_cost_dollars = Fp.Price(p.Position.Cost), realized_pnl_dollars = Fp.Price(p.Position.RealizedPnl),
                                fees_paid_dollars = Fp.Price(p.Position.FeesPaid), position_fee_cost_dollars = Fp.Price(0m),
                                volume_fp = Fp.Count(p.Position.Volume), subaccount = p.Position.Subaccount,
                            },
                        });
                        break;
                    case IndexValueEvent v when sub.Channel == v.Channel && sub.Matches(v.IndexId):
                        SendData(sub, IndexFeed.Message(v, sub.Sid, ++sub.Seq));
                        break;
                    case OrderGroupEvent g when sub.Channel == "order_group_updates" && g.UserId == userId:
                        SendData(sub, new
                        {
                            type = "order_group_updates", sid = sub.Sid, seq = ++sub.Seq,
                            msg = new
                            {
                                event_type = g.EventType, order_group_id = g.OrderGroupId,
                                contracts_limit_fp = g.ContractsLimit is { } limit ? Fp.Count(limit) : null, ts_ms = g.TsMs,
                            },
                        });
                        break;
                    case CommunicationsEvent c when sub.Channel == "communications" && CommunicationsMessages.For(c, userId) is { } msg:
                        SendData(sub, new { type = c.Type, sid = sub.Sid, seq = ++sub.Seq, msg });
                        break;
                    // Combo markets and events go to multivariate_market_lifecycle only; the others to market_lifecycle_v2.
                    case MarketLifecycleEvent l when sub.Channel == LifecycleChannel(l.Market.IsMultivariate):
                        SendData(sub, new { type = l.Market.IsMultivariate ? "multivariate_market_lifecycle" : "market_lifecycle_v2", sid = sub.Sid, seq = ++sub.Seq, msg = LifecycleMsg(l) });
                        break;
                    case EventLifecycleEvent el when sub.Channel == LifecycleChannel(el.Event.IsMultivariate):
                        SendData(sub, new
                        {
                            type = "event_lifecycle", sid = sub.Sid, seq = ++sub.Seq,
                            msg = new
                            {
                                event_ticker = el.Event.EventTicker, exchange_index = 0, title = el.Event.Title, subtitle = el.Event.SubTitle,
                                collateral_return_type = el.Event.MutuallyExclusive ? "MECNET" : "", series_ticker = el.Event.SeriesTicker,
                                strike_date = el.Event.StrikeDate.ToUnixTimeSeconds(),
                            },
                        });
                        break;
                    case EventFeeUpdateEvent fe when sub.Channel == "market_lifecycle_v2":
                        SendData(sub, new
                        {
                            type = "event_fee_update", sid = sub.Sid, seq = ++sub.Seq,
                            msg = new { event_ticker = fe.Event.EventTicker, fee_type_override = fe.FeeTypeOverride, fee_multiplier_override = fe.FeeMultiplierOverride },
                        }, keepNulls: true);
                        break;
                }
            }
        }
    }

    private static string LifecycleChannel(bool multivariate) => multivariate ? "multivariate_market_lifecycle" : "market_lifecycle_v2";

    private static object LifecycleMsg(MarketLifecycleEvent l) => new
    {
        market_ticker = l.Market.Ticker, event_type = l.EventType,
        open_ts = l.Market.OpenTime.ToUnixTimeSeconds(), close_ts = l.Market.CloseTime.ToUnixTimeSeconds(),
        result = l.EventType is "determined" or "settled" ? l.Market.Result : null,
        settlement_value = l.EventType is "determined" or "settled" ? Fp.Price(l.Market.Result == "yes" ? 1m : 0m) : null,
        settled_ts = l.EventType == "settled" ? l.Market.SettledTime?.ToUnixTimeSeconds() : null,
        determination_ts = l.EventType == "determined" ? l.Market.SettledTime?.ToUnixTimeSeconds() : null,
        is_deactivated = l.EventType == "deactivated" ? true : (bool?)null,
        price_level_structure = WireNames.Of(l.Market.PriceStructure),
    };

    private static object TickerMsg(Market m, decimal lastSize, long ms)
    {
        var bid = Exchange.BestYesBid(m); var ask = Exchange.BestYesAsk(m);
        return new
        {
            market_ticker = m.Ticker, market_id = m.MarketId, price_dollars = Fp.Price(m.LastPrice ?? 0m),
            yes_bid_dollars = Fp.Price(bid?.Price ?? 0m), yes_ask_dollars = Fp.Price(ask?.Price ?? 1m),
            yes_bid_size_fp = Fp.Count(bid?.Size ?? 0m), yes_ask_size_fp = Fp.Count(ask?.Size ?? 0m),
            last_trade_size_fp = Fp.Count(lastSize), volume_fp = Fp.Count(m.Volume), open_interest_fp = Fp.Count(m.OpenInterest),
            dollar_volume = (long)m.Volume, dollar_open_interest = (long)m.OpenInterest,
            ts = ms / 1000, ts_ms = ms, time = Fp.Rfc3339(DateTimeOffset.FromUnixTimeMilliseconds(ms)),
        };
    }

    private object UserOrderMsg(Order o) => new
    {
        order_id = o.OrderId, user_id = userId, ticker = o.Ticker, exchange_index = 0, status = WireNames.Of(o.Status),
        outcome_side = WireNames.OutcomeOf(o.Side), book_side = WireNames.Of(o.Side), side = WireNames.OutcomeOf(o.Side), is_yes = o.Side == OrderSide.Bid,
        yes_price_dollars = Fp.Price(o.YesPrice), fill_count_fp = Fp.Count(o.FillCount), remaining_count_fp = Fp.Count(o.RemainingCount),
        initial_count_fp = Fp.Count(o.InitialCount), taker_fill_cost_dollars = Fp.Price(o.TakerFillCost), maker_fill_cost_dollars = Fp.Price(o.MakerFillCost),
        taker_fees_dollars = Fp.Price(o.TakerFees), maker_fees_dollars = Fp.Price(o.MakerFees), client_order_id = o.ClientOrderId,
        order_group_id = o.OrderGroupId, self_trade_prevention_type = WireNames.Of(o.SelfTradePrevention),
        created_ts_ms = o.CreatedTime.ToUnixTimeMilliseconds(), last_updated_ts_ms = o.LastUpdateTime.ToUnixTimeMilliseconds(),
        expiration_ts_ms = o.ExpirationTime?.ToUnixTimeMilliseconds(), last_update_reason = o.LastUpdateReason, subaccount_number = o.Subaccount,
    };

    /// <summary>Sends orderbook_snapshot for each ticker on the sub (caller holds exchange gate and connection gate).</summary>
    private void SendSnapshots(WsSubscription sub, IEnumerable<string> tickers)
    {
        foreach (var t in tickers)
        {
            var m = ex.GetMarket(t);
            if (m == null) continue;
            var yes = m.Book.Levels(OrderSide.Bid).Select(l => new[] { Fp.Price(l.Price), Fp.Count(l.Size) }).ToArray();
            var no = m.Book.Levels(OrderSide.Ask).Select(l => new[] { Fp.Price(l.Price), Fp.Count(l.Size) }).ToArray();
            SendData(sub, new
            {
                type = "orderbook_snapshot", sid = sub.Sid, seq = ++sub.Seq,
                msg = new { market_ticker = t, market_id = m.MarketId, yes_dollars_fp = yes.Length > 0 ? yes : null, no_dollars_fp = no.Length > 0 ? no : null },
            });
        }
    }

    private void Error(long id, int code, string msg, int? sid = null, string? ticker = null) =>
        Send(new { id, type = "error", msg = new { code, msg, sid, market_ticker = ticker } });

    private void HandleCommand(string text)
    {
        long id = 0;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { Error(0, 1, "Unable to process message: a command is a JSON object"); return; }
            if (root.TryGetProperty("id", out var idEl))
            {
                // Kalshi's command ids are 32-bit integers; anything else is answered (id 0: it cannot be echoed), never fatal.
                if (idEl.ValueKind != JsonValueKind.Number || !idEl.TryGetInt32(out var id32)) { Error(0, 11, "Invalid parameter: id must be a 32-bit integer"); return; }
                id = id32;
            }
            string? cmd = Http.Str(root, "cmd");
            var p = root.TryGetProperty("params", out var pe) ? pe : default;
            switch (cmd)
            {
                case "subscribe": Subscribe(id, p); break;
                case "unsubscribe": Unsubscribe(id, p); break;
                case "update_subscription": Update(id, p); break;
                case "list_subscriptions":
                    lock (_gate) Send(new { id, type = "ok", msg = _subs.Values.Select(s => new { channel = s.Channel, sid = s.Sid }).ToArray() });
                    break;
                default: Error(id, 5, "Unknown command"); break;
            }
        }
        catch (JsonException) { Error(id, 1, "Unable to process message"); }
        // A wrong JSON type or an out-of-range number in params (e.g. a sid of 1.5): answered, the socket stays open.
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException) { Error(id, 11, "Invalid parameter"); }
    }

    private static List<string>? Tickers(JsonElement p, out bool both)
    {
        bool one = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("market_ticker", out var single) && single.ValueKind == JsonValueKind.String;
        bool many = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("market_tickers", out var arr) && arr.ValueKind == JsonValueKind.Array;
        both = one && many;
        if (one) return new List<string> { p.GetProperty("market_ticker").GetString()! };
        if (many) return p.GetProperty("market_tickers").EnumerateArray().Select(e => e.GetString()!).ToList();
        return null;
    }

    private void Subscribe(long id, JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object) { Error(id, 2, "Params required"); return; }
        if (!p.TryGetProperty("channels", out var ch) || ch.ValueKind != JsonValueKind.Array || ch.GetArrayLength() == 0) { Error(id, 3, "Channels required"); return; }
        var tickers = Tickers(p, out bool both);
        if (both) { Error(id, 11, "market_ticker and market_tickers are mutually exclusive"); return; }
        var channels = ch.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        foreach (var c in channels) if (!Channels.Contains(c)) { Error(id, 8, $"Unknown channel name: {c}"); return; }
        if (channels.Any(IndexFeed.IsIndexChannel)) { SubscribeIndices(id, p, channels); return; }
        if (channels.Contains("orderbook_delta") && (tickers == null || tickers.Count == 0)) { Error(id, 14, "Market ticker required"); return; }
        lock (ex.Gate)
            lock (_gate)
            {
                if (_subs.Count + channels.Count > maxSubscriptions)
                {
                    Error(id, 26, $"Subscription limit exceeded: at most {maxSubscriptions} subscriptions per connection");
                    return;
                }
                if (tickers != null)
                {
                    // Unknown markets are refused one by one; the known ones are still subscribed.
                    var known = RefuseUnknown(id, tickers);
                    if (known.Count == 0) return;
                    tickers = known;
                }
                foreach (var c in channels)
                {
                    var sub = new WsSubscription(++_nextSid, c, tickers == null || c is "market_lifecycle_v2" or "multivariate_market_lifecycle" or "communications" ? null : tickers.ToHashSet());
                    _subs[sub.Sid] = sub;
                    Send(new { id, type = "subscribed", msg = new { channel = c, sid = sub.Sid } });
                    if (c == "orderbook_delta") SendSnapshots(sub, tickers!);
                }
            }
    }

    /// <summary>
    /// Index channels name indices (index_ids, or underlying_tickers for pyth_value), not markets: ["all"] is every
    /// index, none at all a subscription that sends nothing until indices are added.
    /// </summary>
    private void SubscribeIndices(long id, JsonElement p, List<string> channels)
    {
        lock (_gate)
        {
            if (_subs.Count + channels.Count > maxSubscriptions) { Error(id, 26, $"Subscription limit exceeded: at most {maxSubscriptions} subscriptions per connection"); return; }
            foreach (var c in channels)
            {
                var field = IndexFeed.FilterField(c);
                var ids = p.TryGetProperty(field, out var arr) && arr.ValueKind == JsonValueKind.Array
                    ? arr.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
                    : new HashSet<string>(StringComparer.Ordinal);
                var sub = new WsSubscription(++_nextSid, c, ids.Contains("all") ? null : ids);
                _subs[sub.Sid] = sub;
                Send(new { id, type = "subscribed", msg = new { channel = c, sid = sub.Sid } });
            }
        }
    }

    /// <summary>Sends an error naming each ticker the exchange does not list; returns the others. Caller holds the exchange gate.</summary>
    private List<string> RefuseUnknown(long id, List<string> tickers)
    {
        var known = new List<string>();
        foreach (var t in tickers)
            if (ex.GetMarket(t) != null) known.Add(t);
            else Error(id, 11, $"Invalid parameter: unknown market ticker {t}", ticker: t);
        return known;
    }

    private void Unsubscribe(long id, JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("sids", out var sids) || sids.ValueKind != JsonValueKind.Array || sids.GetArrayLength() == 0)
        { Error(id, 4, "Sids required"); return; }
        lock (_gate)
            foreach (var s in sids.EnumerateArray())
            {
                int sid = s.GetInt32();
                if (_subs.Remove(sid, out var sub)) Send(new { id, sid, seq = sub.Seq, type = "unsubscribed" });
                else Error(id, 7, "Unknown subscription ID", sid);
            }
    }

    private void Update(long id, JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object) { Error(id, 2, "Params required"); return; }
        int? sid = p.TryGetProperty("sid", out var s1) && s1.ValueKind == JsonValueKind.Number ? s1.GetInt32()
            : p.TryGetProperty("sids", out var s2) && s2.ValueKind == JsonValueKind.Array && s2.GetArrayLength() == 1 ? s2[0].GetInt32() : null;
        if (sid == null) { Error(id, 12, "Exactly one sid required"); return; }
        string? action = Http.Str(p, "action");
        if (action == null) { Error(id, 15, "Action required"); return; }
        if (action is not ("add_markets" or "delete_markets" or "get_snapshot")) { Error(id, 13, "Unsupported action"); return; }
        var tickers = Tickers(p, out _);
        if (tickers == null || tickers.Count == 0) { Error(id, 14, "Market ticker required"); return; }
        lock (ex.Gate)
            lock (_gate)
            {
                if (!_subs.TryGetValue(sid.Value, out var sub)) { Error(id, 7, "Unknown subscription ID", sid); return; }
                switch (action)
                {
                    case "add_markets":
                        var added = RefuseUnknown(id, tickers).Where(t => sub.Tickers != null && !sub.Tickers.Contains(t)).ToList();
                        if (sub.Tickers != null) foreach (var t in added) sub.Tickers.Add(t);
                        if (sub.Channel == "orderbook_delta") SendSnapshots(sub, added);
                        break;
                    case "delete_markets":
                        if (sub.Tickers != null) foreach (var t in tickers) sub.Tickers.Remove(t);
                        break;
                    default:
                        if (sub.Channel != "orderbook_delta") { Error(id, 11, "get_snapshot is only valid for orderbook_delta", sid); return; }
                        if (faults.TakeWsIgnoreGetSnapshot()) return; // injected: the request is lost
                        SendSnapshots(sub, tickers.Where(sub.Matches));
                        return; // the snapshots are the answer
                }
                Send(new { id, sid = sub.Sid, seq = sub.Seq, type = "ok", msg = new { market_tickers = sub.Tickers?.OrderBy(x => x, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>() } });
            }
    }
}
