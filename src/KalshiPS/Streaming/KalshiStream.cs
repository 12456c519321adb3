using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Auth;
using KalshiPS.Session;

namespace KalshiPS.Streaming
{
    /// <summary>Connection settings of a stream, taken from the session.</summary>
    internal sealed class StreamSettings
    {
        public Uri WebSocketUri { get; set; }
        public RequestSigner Signer { get; set; }
        public IWebProxy Proxy { get; set; }
        public TimeProvider Time { get; set; } = TimeProvider.System;
        /// <summary>Handshake timeout.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>How long the close handshake may take before the socket is aborted.</summary>
        public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);
        public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Handshake failures in a row before the stream gives up (0 = never).</summary>
        public int MaxConnectFailures { get; set; } = 10;
        /// <summary>
        /// Silence after which the stream asks the server for something (list_subscriptions). Kalshi's pings are
        /// answered inside ClientWebSocket and never seen here, so a quiet socket is probed at the application level.
        /// </summary>
        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);
        /// <summary>How long a probe may go unanswered before the connection counts as dead and is reopened.</summary>
        public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>How often handlers get <see cref="IStreamHandler.OnTickAsync"/> (for their own deadlines), busy or quiet.</summary>
        public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        public static StreamSettings From(KalshiSession session) => new StreamSettings
        {
            WebSocketUri = session.WebSocketUri,
            Signer = session.Signer,
            Proxy = session.WebProxy,
            Time = session.Time ?? TimeProvider.System,
            ConnectTimeout = session.Timeout > TimeSpan.Zero ? session.Timeout : TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>What a handler may do with the connection it is running on.</summary>
    internal interface IStreamContext
    {
        /// <summary>Sends a command with the next command id; returns the id.</summary>
        Task<long> SendCommandAsync(string cmd, object parameters, CancellationToken ct);
        void Warn(string text);
        void Verbose(string text);
        /// <summary>Hands any notice (e.g. a <see cref="StreamRefusal"/>) to the cmdlet.</summary>
        void Notify(StreamNotice notice);
        DateTime UtcNow { get; }
    }

    /// <summary>Reacts to one connection's lifecycle and messages. Called only from the stream's single receive loop.</summary>
    internal interface IStreamHandler
    {
        /// <summary>A new connection is open (reconnect = not the first); subscribe here.</summary>
        Task OnConnectedAsync(IStreamContext ctx, bool reconnect, CancellationToken ct);
        Task OnMessageAsync(IStreamContext ctx, StreamMessage message, CancellationToken ct);
        /// <summary>Called about every <see cref="StreamSettings.TickInterval"/> on the receive loop, so a handler can act on
        /// an answer that never came (e.g. a requested snapshot) even when the socket is quiet.</summary>
        Task OnTickAsync(IStreamContext ctx, CancellationToken ct);
    }

    /// <summary>Live counters for tests and diagnostics: sockets and stream loops currently alive in this process.</summary>
    public static class KalshiStreamDiagnostics
    {
        private static int _openSockets;
        private static int _runningStreams;
        private static long _connects;
        public static int OpenSockets => Volatile.Read(ref _openSockets);
        public static int RunningStreams => Volatile.Read(ref _runningStreams);
        public static long TotalConnects => Interlocked.Read(ref _connects);
        private static int _peakQueued;
        /// <summary>The most entries any stream's outbox (the queue between the receive loop and the pipeline) has held.</summary>
        public static int PeakQueued => Volatile.Read(ref _peakQueued);
        public static void ResetPeakQueued() => Interlocked.Exchange(ref _peakQueued, 0);
        private static long _itemsReceived;
        /// <summary>Fills, orders, trades, ... (the items that are never coalesced) handed to any stream's outbox so far.</summary>
        public static long ItemsReceived => Interlocked.Read(ref _itemsReceived);
        internal static void ItemReceived() => Interlocked.Increment(ref _itemsReceived);
        internal static void Queued(int count)
        {
            int peak;
            while (count > (peak = Volatile.Read(ref _peakQueued)) && Interlocked.CompareExchange(ref _peakQueued, count, peak) != peak) { }
        }
        internal static void SocketOpened() { Interlocked.Increment(ref _openSockets); Interlocked.Increment(ref _connects); }
        internal static void SocketClosed() => Interlocked.Decrement(ref _openSockets);
        internal static void StreamStarted() => Interlocked.Increment(ref _runningStreams);
        internal static void StreamEnded() => Interlocked.Decrement(ref _runningStreams);
    }

    /// <summary>
    /// One WebSocket connection at a time to Kalshi, kept alive: signed handshake, command ids, one receive loop (which
    /// also lets ClientWebSocket answer the server's pings), and reconnects with exponential backoff when the
    /// connection drops (re-signing the handshake; the handler resubscribes). Stopping closes the socket with a
    /// time-boxed close handshake, then aborts it.
    /// </summary>
    internal sealed class KalshiStream : IStreamContext
    {
        private readonly StreamSettings _settings;
        private readonly IStreamHandler _handler;
        private readonly Action<StreamNotice> _notify;
        private readonly SemaphoreSlim _sendLock = new SemaphoreSlim(1, 1);
        private readonly Random _jitter = new Random();
        private ClientWebSocket _socket;
        private long _nextId;

        public KalshiStream(StreamSettings settings, IStreamHandler handler, Action<StreamNotice> notify)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _handler = handler ?? throw new ArgumentNullException(nameof(handler));
            _notify = notify ?? (_ => { });
            if (settings.Signer == null) throw new KalshiStreamException("Kalshi's WebSocket needs an API key: run Connect-Kalshi with -ApiKeyId and -PrivateKeyPath.");
        }

        public int Reconnects { get; private set; }
        public DateTime UtcNow => _settings.Time.GetUtcNow().UtcDateTime;

        /// <summary>
        /// Called when a burst of messages ends: before the receive loop waits for the network, and every
        /// <see cref="BurstLength"/> messages while they keep arriving (see <see cref="StreamOutbox.HoldUntilFlush"/>).
        /// </summary>
        public Action BurstEnded { get; set; }
        public int BurstLength { get; set; } = BurstPerKey;

        /// <summary>
        /// Messages per burst for each book (or other keyed state) the stream keeps: with many books a flood's messages
        /// spread over them, so a burst grows with their number (at most <see cref="MaxBurst"/>, a few milliseconds of a
        /// flood) to still coalesce each book's changes into one state per burst.
        /// </summary>
        internal const int BurstPerKey = 32, MaxBurst = 4096;

        internal static int BurstFor(int keys) => Math.Min(MaxBurst, BurstPerKey * Math.Max(1, keys));

        public void Warn(string text) => _notify(new StreamNotice(true, text));
        public void Verbose(string text) => _notify(new StreamNotice(false, text));
        public void Notify(StreamNotice notice) => _notify(notice);

        /// <summary>Runs until <paramref name="ct"/> fires (returns normally) or a fatal error (throws).</summary>
        public async Task RunAsync(CancellationToken ct)
        {
            KalshiStreamDiagnostics.StreamStarted();
            try { await RunCoreAsync(ct).ConfigureAwait(false); }
            finally { KalshiStreamDiagnostics.StreamEnded(); }
        }

        private async Task RunCoreAsync(CancellationToken ct)
        {
            bool connectedBefore = false;
            int failures = 0;
            int silentDrops = 0; // connections in a row that closed before delivering anything
            while (!ct.IsCancellationRequested)
            {
                string reason;
                var socket = new ClientWebSocket();
                bool counted = false;
                try
                {
                    try
                    {
                        await ConnectAsync(socket, ct).ConfigureAwait(false);
                    }
                    catch (WebSocketException e) when (!ct.IsCancellationRequested)
                    {
                        if (IsAuthFailure(e)) throw new KalshiStreamException($"Kalshi refused the WebSocket handshake at {_settings.WebSocketUri}: {e.Message} Check the API key and the clock.", 9, e);
                        throw new ConnectFailure(e.Message, e);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw new ConnectFailure($"the handshake timed out after {_settings.ConnectTimeout.TotalSeconds:0.#} s", null);
                    }
                    KalshiStreamDiagnostics.SocketOpened();
                    counted = true;
                    failures = 0;
                    _deliveredOnConnection = false;
                    _socket = socket;
                    Interlocked.Exchange(ref _nextId, 0);
                    // Not waiting for the server yet: a stale mark left by the previous connection's last (aborted)
                    // receive would make the watchdog kill this connection while the handler is still subscribing.
                    Interlocked.Exchange(ref _waitingSinceTicks, 0);
                    _deadConnection = false;
                    if (connectedBefore) { Reconnects++; Verbose($"Reconnected to {_settings.WebSocketUri}."); }
                    else Verbose($"Connected to {_settings.WebSocketUri}.");

                    var receive = ReceiveLoopAsync(socket, connectedBefore, ct);
                    connectedBefore = true;
                    var stopped = Task.Delay(Timeout.Infinite, ct);
                    using (var watch = CancellationTokenSource.CreateLinkedTokenSource(ct))
                    {
                        var watchdog = WatchdogAsync(socket, watch.Token);
                        await Task.WhenAny(receive, stopped).ConfigureAwait(false);
                        watch.Cancel();
                        try { await watchdog.ConfigureAwait(false); } catch (OperationCanceledException) { }
                    }
                    if (ct.IsCancellationRequested)
                    {
                        await CloseAsync(socket, receive).ConfigureAwait(false);
                        return;
                    }
                    await receive.ConfigureAwait(false); // completed: the server closed, or it threw
                    reason = _deadConnection ? $"no answer from the server for {(_settings.HeartbeatInterval + _settings.HeartbeatTimeout).TotalSeconds:0} s" : socket.CloseStatus.HasValue ? $"the server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd() : "the server closed the connection";
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    try { socket.Abort(); } catch { }
                    return;
                }
                catch (ConnectFailure e)
                {
                    failures++;
                    if (_settings.MaxConnectFailures > 0 && failures >= _settings.MaxConnectFailures)
                        throw new KalshiStreamException($"Could not connect to {_settings.WebSocketUri} after {failures} attempts: {e.Message}", null, e.InnerException);
                    reason = connectedBefore ? "reconnect failed: " + e.Message : "connect failed: " + e.Message;
                }
                // An aborted socket (our watchdog, or the OS) fails the pending receive with OperationCanceledException.
                catch (Exception e) when (e is WebSocketException || e is IOException || e is ObjectDisposedException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    reason = _deadConnection
                        ? $"no answer from the server for {(_settings.HeartbeatInterval + _settings.HeartbeatTimeout).TotalSeconds:0} s"
                        : "the connection dropped: " + (e.InnerException?.Message ?? e.Message);
                }
                finally
                {
                    _socket = null;
                    try { socket.Abort(); } catch { }
                    socket.Dispose();
                    if (counted) KalshiStreamDiagnostics.SocketClosed();
                }

                if (ct.IsCancellationRequested) return;
                // A server that accepts and drops at once must not be hammered: such drops back off like failures.
                silentDrops = _deliveredOnConnection ? 0 : silentDrops + 1;
                var delay = Backoff(Math.Max(1, Math.Max(failures, silentDrops)));
                Warn($"Kalshi stream: {reason}; reconnecting in {delay.TotalSeconds:0.0#} s (resubscribing{(failures > 0 ? $", attempt {failures + 1}" : "")}).");
                try { await Task.Delay(delay, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }

        private long _waitingSinceTicks; // when the pending ReceiveAsync started; 0 while a message is being handled
        private volatile bool _deadConnection;
        private volatile bool _deliveredOnConnection;

        /// <summary>
        /// Probes a socket that has been silent (while we were waiting to receive, not while the consumer applied
        /// backpressure) and aborts it when the probe goes unanswered, which ends the receive loop and reconnects.
        /// </summary>
        private async Task WatchdogAsync(ClientWebSocket socket, CancellationToken ct)
        {
            _deadConnection = false;
            var probed = false;
            var tick = TimeSpan.FromMilliseconds(Math.Max(50, Math.Min(1000, _settings.HeartbeatInterval.TotalMilliseconds / 4)));
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(tick, ct).ConfigureAwait(false);
                var since = Interlocked.Read(ref _waitingSinceTicks);
                if (since == 0) { probed = false; continue; }
                var silent = _settings.Time.GetElapsedTime(since);
                if (silent < _settings.HeartbeatInterval) { probed = false; continue; }
                if (!probed)
                {
                    probed = true;
                    try { await SendCommandAsync("list_subscriptions", null, ct).ConfigureAwait(false); }
                    catch (Exception e) when (e is WebSocketException || e is IOException || e is ObjectDisposedException) { }
                }
                else if (silent >= _settings.HeartbeatInterval + _settings.HeartbeatTimeout)
                {
                    _deadConnection = true;
                    try { socket.Abort(); } catch { }
                    return;
                }
            }
        }

        private TimeSpan Backoff(int attempt)
        {
            double baseMs = _settings.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
            double ms = Math.Min(_settings.MaxBackoff.TotalMilliseconds, baseMs);
            lock (_jitter) ms *= 0.8 + 0.4 * _jitter.NextDouble();
            return TimeSpan.FromMilliseconds(ms);
        }

        private static bool IsAuthFailure(WebSocketException e)
        {
            var text = e.Message ?? "";
            return text.Contains("'401'") || text.Contains("'403'") || text.Contains(" 401") || text.Contains(" 403");
        }

        private async Task ConnectAsync(ClientWebSocket socket, CancellationToken ct)
        {
            var uri = _settings.WebSocketUri;
            var headers = _settings.Signer.CreateHeaders("GET", uri, _settings.Time.GetUtcNow()); // re-signed on every connect
            socket.Options.SetRequestHeader(RequestSigner.KeyHeader, headers.Key);
            socket.Options.SetRequestHeader(RequestSigner.TimestampHeader, headers.Timestamp);
            socket.Options.SetRequestHeader(RequestSigner.SignatureHeader, headers.Signature);
            socket.Options.SetRequestHeader("User-Agent", "KalshiPS/" + typeof(KalshiStream).Assembly.GetName().Version);
            if (_settings.Proxy != null) socket.Options.Proxy = _settings.Proxy;
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(_settings.ConnectTimeout);
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            }
        }

        // The receive is never cancelled by token (cancelling a ClientWebSocket receive aborts the socket); stopping
        // goes through CloseAsync instead. Handler calls get the stop token so a blocked hand-off ends promptly.
        private async Task ReceiveLoopAsync(ClientWebSocket socket, bool reconnect, CancellationToken ct)
        {
            try { await ReceiveMessagesAsync(socket, reconnect, ct).ConfigureAwait(false); }
            finally { BurstEnded?.Invoke(); } // what the last messages before a disconnect posted
        }

        private async Task ReceiveMessagesAsync(ClientWebSocket socket, bool reconnect, CancellationToken ct)
        {
            await _handler.OnConnectedAsync(this, reconnect, ct).ConfigureAwait(false);
            _lastTick = _settings.Time.GetTimestamp();
            var buffer = new byte[64 * 1024];
            var message = new MemoryStream();
            var burst = 0;
            Task tickDue = null; // one timer for the next tick, kept across receives (not one per wait)
            while (true)
            {
                WebSocketReceiveResult r;
                message.SetLength(0);
                do
                {
                    Interlocked.Exchange(ref _waitingSinceTicks, _settings.Time.GetTimestamp());
                    try
                    {
                        var pending = socket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);
                        if (!pending.IsCompleted) { burst = 0; BurstEnded?.Invoke(); }
                        while (!pending.IsCompleted)
                        {
                            // Wait for the frame without cancelling the receive (that would abort the socket), ticking meanwhile.
                            var due = _settings.TickInterval - _settings.Time.GetElapsedTime(_lastTick);
                            if (due > TimeSpan.Zero)
                            {
                                if (tickDue == null) tickDue = Task.Delay(due);
                                if (await Task.WhenAny(pending, tickDue).ConfigureAwait(false) == pending) break;
                                tickDue = null;
                                if (_settings.Time.GetElapsedTime(_lastTick) < _settings.TickInterval) continue; // ticked meanwhile
                            }
                            await TickAsync(ct).ConfigureAwait(false);
                            BurstEnded?.Invoke(); // whatever the tick posted
                        }
                        r = await pending.ConfigureAwait(false);
                    }
                    finally { Interlocked.Exchange(ref _waitingSinceTicks, 0); }
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            try
                            {
                                using (var cts = new CancellationTokenSource(_settings.CloseTimeout))
                                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token).ConfigureAwait(false);
                            }
                            catch { }
                        }
                        return;
                    }
                    message.Write(buffer, 0, r.Count);
                } while (!r.EndOfMessage);
                if (r.MessageType != WebSocketMessageType.Text) continue;

                StreamMessage parsed;
                _deliveredOnConnection = true;
                try { parsed = StreamMessage.Parse(message.GetBuffer(), (int)message.Length, UtcNow); }
                catch (JsonException e) { Verbose("Kalshi stream: ignored a frame that is not JSON: " + e.Message); continue; }
                if (parsed == null) continue;
                ct.ThrowIfCancellationRequested();
                await _handler.OnMessageAsync(this, parsed, ct).ConfigureAwait(false);
                if (++burst >= BurstLength) { burst = 0; BurstEnded?.Invoke(); }
                if (_settings.Time.GetElapsedTime(_lastTick) >= _settings.TickInterval) await TickAsync(ct).ConfigureAwait(false);
            }
        }

        private long _lastTick;

        private Task TickAsync(CancellationToken ct)
        {
            _lastTick = _settings.Time.GetTimestamp();
            return ct.IsCancellationRequested ? Task.CompletedTask : _handler.OnTickAsync(this, ct); // stopping: let the close handshake finish
        }

        private async Task CloseAsync(ClientWebSocket socket, Task receive)
        {
            try
            {
                await _sendLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseReceived)
                        using (var cts = new CancellationTokenSource(_settings.CloseTimeout))
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client stopping", cts.Token).ConfigureAwait(false);
                }
                finally { _sendLock.Release(); }
            }
            catch { /* aborted below */ }
            // The server answers with its own close frame, which ends the receive loop.
            var done = await Task.WhenAny(receive, Task.Delay(_settings.CloseTimeout)).ConfigureAwait(false);
            if (done != receive) { try { socket.Abort(); } catch { } }
            try { await receive.ConfigureAwait(false); } catch { }
        }

        public async Task<long> SendCommandAsync(string cmd, object parameters, CancellationToken ct)
        {
            var socket = _socket ?? throw new WebSocketException("not connected");
            long id = Interlocked.Increment(ref _nextId);
            var payload = new Dictionary<string, object> { ["id"] = id, ["cmd"] = cmd };
            if (parameters != null) payload["params"] = parameters;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try { await socket.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, true, ct).ConfigureAwait(false); }
            finally { _sendLock.Release(); }
            Verbose($"Kalshi stream: sent {cmd} (id {id}).");
            return id;
        }

        private sealed class ConnectFailure : Exception
        {
            public ConnectFailure(string message, Exception inner) : base(message, inner) { }
        }
    }
}
