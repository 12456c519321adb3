using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;

namespace KalshiPS.Fix.Client
{
    /// <summary>How to open one FIX connection (Connect-KalshiFix's parameters after resolution).</summary>
    internal sealed class FixConnectionSettings
    {
        public KalshiFixSessionType Kind { get; set; }
        /// <summary>Order entry on KalshiRT (sequence numbers kept, gaps resent) instead of KalshiNR.</summary>
        public bool Retransmit { get; set; }
        /// <summary>8013=Y on Logon: Kalshi cancels this session's resting orders when it disconnects (order entry only).</summary>
        public bool CancelOnDisconnect { get; set; }
        public int HeartbeatSeconds { get; set; } = 30;
        public FixEndpoint Endpoint { get; set; }
        /// <summary>The API key id (SenderCompID).</summary>
        public string SenderCompId { get; set; }
        /// <summary>How long an order command waits for Kalshi's answer (ExecutionReport, reject) before reporting "unknown".</summary>
        public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);
        public TimeSpan LogonTimeout { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>KalshiRT only: log on with 141=Y (both sides start at 1), e.g. after Kalshi's Thursday maintenance.</summary>
        public bool ResetSequenceNumbers { get; set; }

        internal FixSessionOptions ToSessionOptions()
        {
            if (CancelOnDisconnect && Kind != KalshiFixSessionType.OrderEntry)
                throw new ArgumentException("-CancelOnDisconnect applies to order entry only (it cancels the orders this session placed).");
            // KalshiNR, KalshiDC and KalshiMD refuse a Logon without 141=Y; KalshiRT keeps its numbers (until a reset).
            var retransmits = Kind == KalshiFixSessionType.OrderEntry && Retransmit;
            var o = new FixSessionOptions
            {
                SenderCompId = SenderCompId,
                TargetCompId = Endpoint.TargetCompId,
                HeartbeatIntervalSeconds = HeartbeatSeconds,
                ResetSeqNumOnLogon = !retransmits || ResetSequenceNumbers,
                PeerRetransmits = retransmits,
                LogonTimeout = LogonTimeout,
            };
            if (CancelOnDisconnect) o.LogonFields.Add(new FixField(FixTags.CancelOrdersOnDisconnect, "Y"));
            return o;
        }
    }

    /// <summary>The connection closed while a command waited for its answer or read its stream; <c>advice</c> says what to do.</summary>
    internal sealed class FixConnectionLostException : Exception
    {
        public FixConnectionLostException(string reason, string advice = null)
            : base("The FIX connection closed (" + reason + ")." + (advice != null ? " " + advice : "")) { Reason = reason; }
        public string Reason { get; }
    }

    /// <summary>
    /// One logged-on FIX session to Kalshi and everything the cmdlets share on it: sending, one-shot waits for answers
    /// (never dropped), and fan-out of every inbound application message to bounded subscriber queues (a slow subscriber
    /// loses messages, counted, and never blocks the session or the other subscribers).
    /// Reconnect policy: none. When the connection drops it stays closed (State Closed, ClosedReason says why) until the
    /// user runs Connect-KalshiFix again: an order-entry session that came back by itself could replay or miss orders
    /// without anyone noticing, and with -CancelOnDisconnect Kalshi has cancelled the resting orders anyway.
    /// </summary>
    internal sealed class KalshiFixConnection : IFixLiveState, IDisposable
    {
        /// <summary>Subscriber queue size when the subscriber does not choose.</summary>
        public const int DefaultSubscriptionCapacity = 10000;

        private readonly FixSession _session;
        private readonly Stream _stream;
        private readonly object _gate = new object();
        private readonly List<FixSubscription> _subscriptions = new List<FixSubscription>();
        private readonly List<FixWaiter> _waiters = new List<FixWaiter>();
        private readonly Action<FixMessage> _observe;
        private Task _pump = Task.CompletedTask;
        private long _received, _dropped;
        private string _closedReason;

        private KalshiFixConnection(FixConnectionSettings settings, Stream stream, FixSession session, FixTrace trace, TimeProvider time, Action<FixMessage> observe)
        {
            Settings = settings;
            _stream = stream;
            _session = session;
            Trace = trace;
            Time = time;
            _observe = observe;
            CertificateSha256 = stream is SslStream ssl && ssl.RemoteCertificate != null ? FixTls.Sha256Hex(ssl.RemoteCertificate) : null;
            Info = new KalshiFixConnectionInfo(this)
            {
                SessionType = settings.Kind,
                TargetCompId = settings.Endpoint.TargetCompId,
                SenderCompId = settings.SenderCompId,
                HostName = settings.Endpoint.Host,
                Port = settings.Endpoint.Port,
                HeartbeatSeconds = settings.HeartbeatSeconds,
                Retransmit = settings.Kind == KalshiFixSessionType.OrderEntry && settings.Retransmit,
                CancelOnDisconnect = settings.CancelOnDisconnect,
                CertificateSha256 = CertificateSha256,
            };
        }

        /// <summary>
        /// Opens the transport (<paramref name="open"/>: TLS in use, a pipe in tests), logs on with the signed Logon and
        /// starts the reader. Throws <see cref="FixLogonException"/> when Kalshi refuses the Logon.
        /// </summary>
        public static async Task<KalshiFixConnection> ConnectAsync(FixConnectionSettings settings, Func<CancellationToken, Task<Stream>> open,
            Action<FixMessage> signLogon, IFixSequenceStore store, TimeProvider time, FixTrace trace, CancellationToken ct, Action<FixMessage> observe = null)
        {
            if (settings?.Endpoint == null) throw new ArgumentException("A FIX endpoint is required.");
            var options = settings.ToSessionOptions();
            time = time ?? TimeProvider.System;
            trace = trace ?? new FixTrace();
            var stream = await open(ct).ConfigureAwait(false);
            FixSession session = null;
            try
            {
                session = NewSession(stream, options, store, time, signLogon, trace);
                var connection = new KalshiFixConnection(settings, stream, session, trace, time, observe);
                await session.LogonAsync(ct).ConfigureAwait(false);
                connection.Info.ConnectedAt = time.GetUtcNow().UtcDateTime;
                trace.Write($"FIX: logged on to {settings.Endpoint} as {settings.SenderCompId} ({session.SequenceNumbers}).");
                connection.Start();
                return connection;
            }
            catch
            {
                session?.Dispose();
                stream.Dispose();
                throw;
            }
        }

        // The engine's FixSession takes the logon signer as a delegate (FixLogonSigning.For(signer) in use).
        private static FixSession NewSession(Stream stream, FixSessionOptions options, IFixSequenceStore store, TimeProvider time, Action<FixMessage> signLogon, FixTrace trace) =>
            new FixSession(stream, options, store, time, signLogon, trace.Write);

        public FixConnectionSettings Settings { get; }
        public KalshiFixSessionType Kind => Settings.Kind;
        public FixEndpoint Endpoint => Settings.Endpoint;
        public FixTrace Trace { get; }
        public TimeProvider Time { get; }
        public string CertificateSha256 { get; }
        /// <summary>The public view Connect-KalshiFix writes (live: state and numbers are read when shown).</summary>
        public KalshiFixConnectionInfo Info { get; }
        /// <summary>Completes with the reason once the connection is closed.</summary>
        public Task<string> Closed => _session.Closed;
        public bool IsOpen => _session.State == FixSessionState.Active;

        public KalshiFixState State
        {
            get
            {
                switch (_session.State)
                {
                    case FixSessionState.Active: return KalshiFixState.Active;
                    case FixSessionState.LoggingOut: return KalshiFixState.LoggingOut;
                    case FixSessionState.Closed: return KalshiFixState.Closed;
                    default: return KalshiFixState.Connecting;
                }
            }
        }

        public long NextOutgoingSeqNum => _session.SequenceNumbers.NextOutgoing;
        public long NextIncomingSeqNum => _session.SequenceNumbers.NextIncoming;
        public long MessagesReceived => Interlocked.Read(ref _received);
        public long MessagesDropped => Interlocked.Read(ref _dropped);
        /// <summary>Messages the session skipped over a gap it does not recover (KalshiNR, KalshiDC, KalshiMD).</summary>
        public long MissedMessages => _session.MissedMessages;
        public string ClosedReason { get { lock (_gate) return _closedReason ?? (_session.Closed.IsCompleted ? _session.Closed.Result : null); } }

        /// <summary>Sends an application message; returns its MsgSeqNum. Throws InvalidOperationException (nothing sent) when not logged on.</summary>
        public Task<long> SendAsync(FixMessage message, CancellationToken ct) => _session.SendAsync(message, ct);

        /// <summary>
        /// Inbound application messages that pass <paramref name="filter"/> (all when null), from now on, in a queue of
        /// <paramref name="capacity"/>. The filter runs on the connection's reader: keep it cheap and side-effect free.
        /// </summary>
        public FixSubscription Subscribe(Func<FixMessage, bool> filter = null, int capacity = DefaultSubscriptionCapacity)
        {
            var s = new FixSubscription(filter, capacity, Unsubscribe);
            lock (_gate)
            {
                if (_closedReason == null) { _subscriptions.Add(s); return s; }
            }
            s.Complete(_closedReason);
            return s;
        }

        /// <summary>
        /// Registers a one-shot wait for the first inbound message matching <paramref name="match"/>. Register before
        /// sending the request, so an answer that comes at once is not missed. Never dropped, whatever the subscribers do.
        /// </summary>
        public FixWaiter Expect(Func<FixMessage, bool> match)
        {
            var w = new FixWaiter(match, this);
            lock (_gate)
            {
                if (_closedReason == null) { _waiters.Add(w); return w; }
            }
            w.Fail(_closedReason);
            return w;
        }

        /// <summary>Sends Logout, waits for Kalshi's (at most one heartbeat interval), then closes.</summary>
        public async Task DisconnectAsync(string text, CancellationToken ct)
        {
            try { await _session.LogoutAsync(text, ct).ConfigureAwait(false); }
            finally { Dispose(); }
        }

        public void Dispose()
        {
            _session.Dispose();
            try { _stream.Dispose(); } catch (IOException) { } catch (ObjectDisposedException) { }
        }

        private void Start() => _pump = Task.Run(PumpAsync);

        /// <summary>The single reader: answers first (waiters), then every subscriber, without ever waiting for one.</summary>
        private async Task PumpAsync()
        {
            try
            {
                while (true)
                {
                    var m = await _session.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
                    if (m == null) break;
                    Interlocked.Increment(ref _received);
                    Trace.Write("FIX in: " + m);
                    try { _observe?.Invoke(m); } catch (Exception e) { Trace.Write("FIX: could not record a received message (" + e.Message + ")"); }
                    Dispatch(m);
                }
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                Trace.Write("FIX: the reader stopped (" + e.Message + ")");
            }
            var reason = _session.Closed.IsCompleted ? _session.Closed.Result : "closed";
            FixSubscription[] subs;
            FixWaiter[] waiters;
            lock (_gate)
            {
                _closedReason = reason;
                subs = _subscriptions.ToArray();
                waiters = _waiters.ToArray();
                _subscriptions.Clear();
                _waiters.Clear();
            }
            foreach (var w in waiters) w.Fail(reason);
            foreach (var s in subs) s.Complete(reason);
        }

        private void Dispatch(FixMessage m)
        {
            FixWaiter[] waiters;
            FixSubscription[] subs;
            lock (_gate) { waiters = _waiters.ToArray(); subs = _subscriptions.ToArray(); }
            var answered = false;
            foreach (var w in waiters)
                if (w.TryComplete(m)) { answered = true; Remove(w); }
            if (answered) FixAnswered.Mark(m);
            foreach (var s in subs)
                if (!s.Offer(m)) Interlocked.Increment(ref _dropped);
        }

        internal void Remove(FixWaiter w)
        {
            lock (_gate) _waiters.Remove(w);
        }

        private void Unsubscribe(FixSubscription s)
        {
            lock (_gate) _subscriptions.Remove(s);
        }
    }

    /// <summary>
    /// Remembers which inbound messages answered a command of this session (an order, a cancel), so a watcher can tell
    /// them from unsolicited ones (fills by others, cancels made over REST or at expiry). Keyed by the message object.
    /// </summary>
    internal static class FixAnswered
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FixMessage, object> Marks =
            new System.Runtime.CompilerServices.ConditionalWeakTable<FixMessage, object>();
        private static readonly object Yes = new object();

        public static void Mark(FixMessage m) { try { Marks.Add(m, Yes); } catch (ArgumentException) { } }
        public static bool IsAnswer(FixMessage m) => Marks.TryGetValue(m, out _);
    }

    /// <summary>One pending answer (see <see cref="KalshiFixConnection.Expect"/>); dispose to stop waiting.</summary>
    internal sealed class FixWaiter : IDisposable
    {
        private readonly Func<FixMessage, bool> _match;
        private readonly KalshiFixConnection _owner;
        private readonly TaskCompletionSource<FixMessage> _done = new TaskCompletionSource<FixMessage>(TaskCreationOptions.RunContinuationsAsynchronously);

        internal FixWaiter(Func<FixMessage, bool> match, KalshiFixConnection owner) { _match = match; _owner = owner; }

        internal bool TryComplete(FixMessage m)
        {
            if (_done.Task.IsCompleted) return false;
            bool hit;
            try { hit = _match(m); } catch (Exception) { hit = false; }
            return hit && _done.TrySetResult(m);
        }

        internal void Fail(string reason) => _done.TrySetException(new FixConnectionLostException(reason));

        /// <summary>
        /// The answer, or null when none came within <paramref name="timeout"/> (on the connection's clock). Throws
        /// <see cref="FixConnectionLostException"/> when the connection closed first.
        /// </summary>
        public async Task<FixMessage> WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var delay = _owner.Time.Delay(timeout, cts.Token);
                var first = await Task.WhenAny(_done.Task, delay).ConfigureAwait(false);
                cts.Cancel();
                if (first == _done.Task) return await _done.Task.ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                return null;
            }
        }

        public void Dispose() => _owner.Remove(this);
    }
}
