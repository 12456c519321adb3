using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// One subscription (one channel, optional market tickers) kept alive across reconnects: subscribes on every new
    /// connection, maps the sid from the subscribed ack, checks seq per sid on sequenced messages, and resubscribes when
    /// the server ends the subscription (error 10 channel error, 25 buffer overflow). A market the server refuses by
    /// name (an error reply to the subscribe that carries market_ticker) is reported and dropped from the subscription;
    /// the others go on. Subclasses turn data into output.
    /// </summary>
    internal abstract class ChannelHandler : IStreamHandler
    {
        private readonly SequenceTracker _seq = new SequenceTracker();
        private long? _subscribeCommand;
        private bool _everSubscribed;
        private List<string> _tickers;
        private HashSet<string> _watched;

        protected ChannelHandler(string channel, IReadOnlyList<string> tickers, bool tickerFilterSupported = true)
        {
            Channel = channel;
            _tickers = tickers != null && tickers.Count > 0 ? new List<string>(tickers) : null;
            _watched = _tickers == null ? null : new HashSet<string>(_tickers, StringComparer.OrdinalIgnoreCase);
            TickerFilterSupported = tickerFilterSupported;
        }

        /// <summary>A live ticker source (-TickerSource): its changes update the subscription on the running connection.</summary>
        public TickerFeed Feed { get; private set; }

        /// <summary>Follows <paramref name="feed"/>: the filter becomes its tickers (plus the given ones) and may start empty.</summary>
        public void Follow(TickerFeed feed)
        {
            Feed = feed;
            _tickers = _tickers ?? new List<string>();
            foreach (var t in feed.Initial) if (!_tickers.Contains(t, StringComparer.OrdinalIgnoreCase)) _tickers.Add(t);
            _watched = new HashSet<string>(_tickers, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Is this market in the filter (always, without one)? Follows live changes.</summary>
        protected bool Watches(string ticker) => _watched == null || _watched.Contains(ticker ?? "");

        public string Channel { get; }
        /// <summary>Market filter (less the markets the server refused); null = all markets.</summary>
        public IReadOnlyList<string> Tickers => _tickers;
        /// <summary>A filter was given and the server refused every market in it: nothing is (re)subscribed.</summary>
        public bool NothingToWatch => _tickers != null && _tickers.Count == 0;
        public bool TickerFilterSupported { get; }
        /// <summary>The server's id for the live subscription; null while (re)subscribing.</summary>
        public int? Sid { get; private set; }
        /// <summary>Number of times the subscription was replaced (reconnects and resubscribes).</summary>
        public int Resubscribes { get; private set; }

        public async Task OnConnectedAsync(IStreamContext ctx, bool reconnect, CancellationToken ct)
        {
            Sid = null;
            _seq.Reset();
            OnSubscriptionLost();
            await SubscribeAsync(ctx, ct).ConfigureAwait(false);
        }

        protected virtual object SubscribeParameters()
        {
            var p = new Dictionary<string, object> { ["channels"] = new[] { Channel } };
            if (Tickers != null && TickerFilterSupported) p["market_tickers"] = Tickers.ToArray();
            return p;
        }

        protected async Task SubscribeAsync(IStreamContext ctx, CancellationToken ct)
        {
            Sid = null;
            // An empty filter must never become "all markets" (channels filtered here subscribe anyway: nothing passes).
            if (NothingToWatch && TickerFilterSupported) { _subscribeCommand = null; return; }
            _subscribeCommand = await ctx.SendCommandAsync("subscribe", SubscribeParameters(), ct).ConfigureAwait(false);
        }

        public async Task OnMessageAsync(IStreamContext ctx, StreamMessage m, CancellationToken ct)
        {
            switch (m.Type)
            {
                case "subscribed":
                    if (m.Id == _subscribeCommand && string.Equals(m.Msg.ValueKind == System.Text.Json.JsonValueKind.Object ? Wire.JsonFields.Str(m.Msg, "channel") : null, Channel, StringComparison.Ordinal))
                    {
                        Sid = m.Sid;
                        _seq.Reset();
                        bool again = _everSubscribed;
                        _everSubscribed = true;
                        if (again) Resubscribes++;
                        ctx.Verbose($"Kalshi stream: subscribed to {Channel} (sid {Sid}).");
                        await OnSubscribedAsync(ctx, again, ct).ConfigureAwait(false);
                    }
                    return;
                case "error":
                    await OnErrorAsync(ctx, m, ct).ConfigureAwait(false);
                    return;
                case "ok":
                case "unsubscribed":
                    await OnReplyAsync(ctx, m, ct).ConfigureAwait(false);
                    return;
            }
            if (m.Sid == null || m.Sid != Sid) return; // stale sid (an old subscription) or not ours
            bool gap = m.Seq.HasValue && _seq.IsGap(m.Seq.Value);
            await OnDataAsync(ctx, m, gap, ct).ConfigureAwait(false);
        }

        private async Task OnErrorAsync(IStreamContext ctx, StreamMessage m, CancellationToken ct)
        {
            int code = m.ErrorCode ?? 0;
            string text = $"{m.ErrorText} (code {code})";
            if (m.Id.HasValue && m.Id == _subscribeCommand && m.Id != 0)
            {
                var refused = m.ErrorTicker;
                int at = refused == null || _tickers == null ? -1 : _tickers.FindIndex(t => string.Equals(t, refused, StringComparison.OrdinalIgnoreCase));
                if (at < 0) throw new KalshiStreamException($"Kalshi rejected the {Channel} subscription: {text}.", code);
                _tickers.RemoveAt(at);
                _watched?.Remove(refused);
                OnTickerRefused(refused);
                ctx.Notify(new StreamRefusal(refused, text, NothingToWatch && Feed == null)); // a live source may add markets later
                return;
            }
            if ((code == 10 || code == 25) && (m.Sid == null || m.Sid == Sid))
            {
                ctx.Warn($"Kalshi stream: the {Channel} subscription ended: {text}; resubscribing.");
                Sid = null;
                _seq.Reset();
                OnSubscriptionLost();
                await SubscribeAsync(ctx, ct).ConfigureAwait(false);
                return;
            }
            if (await OnCommandErrorAsync(ctx, m, ct).ConfigureAwait(false)) return;
            ctx.Warn($"Kalshi stream: {text}.");
        }

        /// <summary>The server refused this market; it is no longer part of <see cref="Tickers"/>.</summary>
        protected virtual void OnTickerRefused(string ticker) { }

        /// <summary>The subscription is gone (new connection, or ended by the server): state built on it is stale.</summary>
        protected virtual void OnSubscriptionLost() { }

        /// <summary>A subscription is live; <paramref name="resubscribed"/> when it replaces an earlier one (gap possible).</summary>
        protected virtual Task OnSubscribedAsync(IStreamContext ctx, bool resubscribed, CancellationToken ct) => Task.CompletedTask;

        /// <summary>Periodic call from the receive loop (see <see cref="StreamSettings.TickInterval"/>).</summary>
        public virtual Task OnTickAsync(IStreamContext ctx, CancellationToken ct) => Task.CompletedTask;

        async Task IStreamHandler.OnTickAsync(IStreamContext ctx, CancellationToken ct)
        {
            if (Feed != null) await ApplyFeedAsync(ctx, ct).ConfigureAwait(false);
            await OnTickAsync(ctx, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// Applies the live source's changes on the receive loop: the filter changes at once (client-side filtering
        /// follows), and a live subscription gets update_subscription add_markets / delete_markets on the same
        /// connection. With no subscription yet, the next subscribe carries the new list (a first market subscribes;
        /// removing the last unsubscribes, since an empty market list would mean every market).
        /// </summary>
        private async Task ApplyFeedAsync(IStreamContext ctx, CancellationToken ct)
        {
            while (Feed.TryTakeRejected(out var text)) ctx.Warn(text);
            // A subscribe in flight carries the list as it was: changes wait for its answer, then go as updates.
            if (TickerFilterSupported && Sid == null && _subscribeCommand != null) return;
            while (Feed.TryTake(out var change))
            {
                var removed = change.Replace != null ? _tickers.Where(t => !change.Replace.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray()
                    : change.Removed.Where(t => _watched.Contains(t)).ToArray();
                var added = (change.Replace ?? change.Added).Where(t => !_watched.Contains(t)).ToArray();
                bool hadNone = _tickers.Count == 0;
                foreach (var t in removed) { _tickers.RemoveAll(x => string.Equals(x, t, StringComparison.OrdinalIgnoreCase)); _watched.Remove(t); }
                foreach (var t in added) { _tickers.Add(t); _watched.Add(t); }
                if (added.Length > 0) OnTickersAdded(added);
                if (added.Length > 0) ctx.Verbose($"Kalshi stream: {Channel} now also watches {string.Join(", ", added)}.");
                if (removed.Length > 0) ctx.Verbose($"Kalshi stream: {Channel} no longer watches {string.Join(", ", removed)}.");
                if (!TickerFilterSupported) continue; // the channel has no server-side filter: filtering here is all there is
                if (Sid.HasValue)
                {
                    if (_tickers.Count == 0)
                    {
                        await ctx.SendCommandAsync("unsubscribe", new Dictionary<string, object> { ["sids"] = new[] { Sid.Value } }, ct).ConfigureAwait(false);
                        Sid = null;
                        _subscribeCommand = null;
                        _seq.Reset();
                        continue;
                    }
                    if (removed.Length > 0) await UpdateAsync(ctx, "delete_markets", removed, ct).ConfigureAwait(false);
                    if (added.Length > 0) await UpdateAsync(ctx, "add_markets", added, ct).ConfigureAwait(false);
                }
                else if (hadNone && _tickers.Count > 0) await SubscribeAsync(ctx, ct).ConfigureAwait(false);
            }
        }

        private Task<long> UpdateAsync(IStreamContext ctx, string action, string[] tickers, CancellationToken ct) =>
            ctx.SendCommandAsync("update_subscription", new Dictionary<string, object>
            {
                ["sids"] = new[] { Sid.Value },
                ["action"] = action,
                ["market_tickers"] = tickers,
            }, ct);

        /// <summary>Markets the live source added (e.g. to expect their snapshots).</summary>
        protected virtual void OnTickersAdded(IReadOnlyList<string> tickers) { }

        protected abstract Task OnDataAsync(IStreamContext ctx, StreamMessage m, bool gap, CancellationToken ct);

        protected virtual Task OnReplyAsync(IStreamContext ctx, StreamMessage m, CancellationToken ct) => Task.CompletedTask;

        /// <summary>An error reply to a command the subclass sent; true if handled.</summary>
        protected virtual Task<bool> OnCommandErrorAsync(IStreamContext ctx, StreamMessage m, CancellationToken ct) => Task.FromResult(false);

        /// <summary>
        /// A REST read that makes up for messages missed while the subscription was down: its summary goes to verbose;
        /// a failure is a warning (<paramref name="failure"/> with {0} = the reason), never the end of the stream.
        /// </summary>
        protected static async Task ReconcileAsync(IStreamContext ctx, Func<Task<string>> run, string failure, CancellationToken ct)
        {
            try { ctx.Verbose(await run().ConfigureAwait(false)); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception e) { ctx.Warn(string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, e.Message)); }
        }

        /// <summary>Drops the live subscription and subscribes again (fresh sid, fresh snapshots).</summary>
        protected async Task ResubscribeAsync(IStreamContext ctx, CancellationToken ct)
        {
            if (Sid.HasValue) await ctx.SendCommandAsync("unsubscribe", new Dictionary<string, object> { ["sids"] = new[] { Sid.Value } }, ct).ConfigureAwait(false);
            Sid = null;
            _seq.Reset();
            OnSubscriptionLost();
            await SubscribeAsync(ctx, ct).ConfigureAwait(false);
        }
    }
}
