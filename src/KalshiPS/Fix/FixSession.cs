using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix
{
    internal enum FixSessionState { Created, LoggingOn, Active, LoggingOut, Closed }

    /// <summary>The Logon was refused (the peer answered with Logout or hung up) or timed out.</summary>
    internal sealed class FixLogonException : Exception
    {
        public FixLogonException(string message) : base(message) { }
    }

    /// <summary>
    /// A FIXT.1.1 session over any duplex <see cref="Stream"/> (TLS in production, in-memory pipes in tests):
    /// Logon/Logout, Heartbeat and TestRequest on a <see cref="TimeProvider"/>, MsgSeqNum tracking in and out with
    /// the numbers persisted per session id, ResendRequest on a gap, Reject for malformed input, and bounded queues
    /// both ways. A ResendRequest from the peer is always answered with SequenceReset-GapFill: application messages
    /// (orders) are never replayed, because a stale order re-sent later is worse than one the user re-sends knowingly.
    /// One reader loop, one writer loop and a one-second tick; all state changes happen under <c>_gate</c>.
    /// </summary>
    internal sealed class FixSession : IDisposable
    {
        private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

        private readonly Stream _stream;
        private readonly FixSessionOptions _options;
        private readonly IFixSequenceStore _store;
        private readonly TimeProvider _time;
        private readonly Action<FixMessage> _signLogon;
        private readonly Action<string> _log;
        private readonly bool _acceptor;
        private readonly object _gate = new object();
        private readonly FixAsyncQueue<byte[]> _outbound;
        private readonly FixAsyncQueue<FixMessage> _inbound;
        private readonly FixFrameReader _reader;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly TaskCompletionSource<bool> _loggedOn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string> _closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        private Func<FixMessage, string> _logonValidator;
        private ITimer _timer;
        private Task _readLoop = Task.CompletedTask;
        private Task _writeLoop = Task.CompletedTask;

        private string _targetCompId;
        private string _sessionId;
        private long _nextOut = 1;
        private long _nextIn = 1;
        private long _missed;
        private long _resendUpTo;            // while > 0, a ResendRequest is outstanding until _nextIn passes it
        private DateTimeOffset _lastSent;
        private DateTimeOffset _lastReceived;
        private DateTimeOffset _stateSince;
        private string _pendingTestReqId;
        private DateTimeOffset _testReqSentAt;
        private int _testReqCounter;
        private int _heartbeatSeconds;

        public FixSession(Stream stream, FixSessionOptions options, IFixSequenceStore store, TimeProvider time,
            Action<FixMessage> signLogon = null, Action<string> log = null, bool acceptor = false)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(acceptor);
            _store = store ?? new FixMemorySequenceStore();
            _time = time ?? TimeProvider.System;
            _signLogon = signLogon;
            _log = log ?? (_ => { });
            _acceptor = acceptor;
            _targetCompId = options.TargetCompId;
            _heartbeatSeconds = options.HeartbeatIntervalSeconds;
            _outbound = new FixAsyncQueue<byte[]>(options.OutboundCapacity);
            _inbound = new FixAsyncQueue<FixMessage>(options.InboundCapacity);
            _reader = new FixFrameReader(options.MaxMessageSize);
        }

        public FixSessionState State { get; private set; }
        public string SessionId { get { lock (_gate) return _sessionId; } }
        public string TargetCompId { get { lock (_gate) return _targetCompId; } }
        public FixSequenceNumbers SequenceNumbers { get { lock (_gate) return new FixSequenceNumbers(_nextOut, _nextIn); } }
        /// <summary>Completes with the reason once the session is closed.</summary>
        public Task<string> Closed => _closed.Task;

        /// <summary>
        /// Messages skipped on a session that does not retransmit (KalshiNR, KalshiMD). It grows before the message
        /// that revealed the gap is delivered, so a consumer that sees it change knows something before that message
        /// was lost (e.g. a book is no longer trustworthy).
        /// </summary>
        public long MissedMessages { get { lock (_gate) return _missed; } }

        /// <summary>Initiator: sends the (signed) Logon and waits for the peer's Logon.</summary>
        public async Task LogonAsync(CancellationToken ct)
        {
            if (_acceptor) throw new InvalidOperationException("An acceptor waits for the Logon; use AcceptLogonAsync.");
            lock (_gate)
            {
                if (State != FixSessionState.Created) throw new InvalidOperationException("This session has already logged on once; create a new one per connection.");
                LoadNumbers();
                if (_options.ResetSeqNumOnLogon) { _nextOut = 1; _nextIn = 1; }
                SetState(FixSessionState.LoggingOn);
                var logon = NewLogon(_options.ResetSeqNumOnLogon);
                if (!TryQueue(logon, sign: true)) throw new InvalidOperationException("The outbound queue is full before logon.");
            }
            StartLoops();
            await WaitLogonAsync(ct).ConfigureAwait(false);
        }

        /// <summary>
        /// Acceptor: waits for the first message, which must be a Logon that <paramref name="validate"/> accepts
        /// (it returns null, or the reason for the Logout), then answers with a Logon.
        /// </summary>
        public async Task AcceptLogonAsync(Func<FixMessage, string> validate, CancellationToken ct)
        {
            if (!_acceptor) throw new InvalidOperationException("An initiator sends the Logon; use LogonAsync.");
            lock (_gate)
            {
                if (State != FixSessionState.Created) throw new InvalidOperationException("This session has already logged on once.");
                _logonValidator = validate ?? throw new ArgumentNullException(nameof(validate));
                SetState(FixSessionState.LoggingOn);
            }
            StartLoops();
            await WaitLogonAsync(ct).ConfigureAwait(false);
        }

        /// <summary>Sends an application message, waiting while the outbound queue is full. Returns its MsgSeqNum.</summary>
        public async Task<long> SendAsync(FixMessage message, CancellationToken ct)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            if (FixMsgTypes.IsAdmin(message.MsgType)) throw new ArgumentException($"MsgType {message.MsgType} is a session message; the session sends those itself.", nameof(message));
            FixEncoding.Encode(message); // refuse bad values before taking a sequence number
            if (!await _outbound.ReserveAsync(ct).ConfigureAwait(false)) throw Gone();
            lock (_gate)
            {
                if (State != FixSessionState.Active) { _outbound.AddReserved(null); throw Gone(); }
                return Stamp(message, reserved: true);
            }
        }

        /// <summary>The next application message (or Reject) from the peer; null once the session is closed and drained.</summary>
        public async Task<FixMessage> ReceiveAsync(CancellationToken ct)
        {
            var (ok, item) = await _inbound.TakeAsync(ct).ConfigureAwait(false);
            return ok ? item : null;
        }

        /// <summary>Sends Logout and waits for the peer's Logout (or one heartbeat interval), then closes.</summary>
        public async Task LogoutAsync(string text, CancellationToken ct)
        {
            lock (_gate)
            {
                if (State == FixSessionState.Active)
                {
                    SetState(FixSessionState.LoggingOut);
                    var m = new FixMessage(FixMsgTypes.Logout);
                    if (!string.IsNullOrEmpty(text)) m.Add(FixTags.Text, text);
                    TryQueue(m);
                }
                else if (State != FixSessionState.LoggingOut) { CloseLocked("logged out before logon completed"); }
            }
            using (ct.Register(() => Close("logout cancelled")))
                await _closed.Task.ConfigureAwait(false);
        }

        public void Dispose()
        {
            Close("disposed");
            _timer?.Dispose();
        }

        // ---- loops ----

        private void StartLoops()
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                _lastReceived = now;
                _timer = _time.CreateTimer(_ => OnTick(), null, Tick, Tick);
            }
            _readLoop = Task.Run(ReadLoopAsync);
            _writeLoop = Task.Run(WriteLoopAsync);
        }

        private async Task WaitLogonAsync(CancellationToken ct)
        {
            using (ct.Register(() => Close("logon cancelled")))
            {
                var done = await Task.WhenAny(_loggedOn.Task, _closed.Task).ConfigureAwait(false);
                if (done != _loggedOn.Task)
                {
                    ct.ThrowIfCancellationRequested();
                    throw new FixLogonException("The FIX logon failed: " + _closed.Task.Result);
                }
            }
        }

        private async Task ReadLoopAsync()
        {
            var chunk = new byte[8192];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    FixMessage m;
                    try { m = _reader.TryRead(); }
                    catch (FixFormatException e) { await OnMalformedAsync(e).ConfigureAwait(false); continue; }
                    if (m == null)
                    {
                        var n = await _stream.ReadAsync(chunk, 0, chunk.Length, _stop.Token).ConfigureAwait(false);
                        if (n == 0) { Close(_reader.Buffered == 0 ? "the peer closed the connection" : "the peer closed the connection mid-message"); return; }
                        _reader.Append(chunk, 0, n);
                        continue;
                    }
                    await OnMessageAsync(m).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                Close(_stop.IsCancellationRequested ? "closed" : "connection lost: " + e.Message);
            }
            catch (Exception e)
            {
                Close("FIX session failed: " + e.Message); // e.g. the sequence store cannot be written: stop rather than run unnumbered
            }
        }

        private async Task WriteLoopAsync()
        {
            try
            {
                while (true)
                {
                    var (ok, bytes) = await _outbound.TakeAsync(CancellationToken.None).ConfigureAwait(false);
                    if (!ok) return;
                    if (bytes == null) continue; // a reserved slot that was given back
                    await _stream.WriteAsync(bytes, 0, bytes.Length, _stop.Token).ConfigureAwait(false);
                    await _stream.FlushAsync(_stop.Token).ConfigureAwait(false);
                    bool closeAfter;
                    lock (_gate) closeAfter = State == FixSessionState.LoggingOut && _peerLoggedOut && _outbound.Count == 0;
                    if (closeAfter) Close(_closeReason ?? "logged out");
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                Close(_stop.IsCancellationRequested ? "closed" : "connection lost: " + e.Message);
            }
            catch (Exception e)
            {
                Close("FIX session failed: " + e.Message);
            }
        }

        private bool _peerLoggedOut;

        // ---- inbound ----

        private async Task OnMalformedAsync(FixFormatException e)
        {
            if (e.IsFrameError)
            {
                _log("FIX: dropped a garbled message (" + e.Message + ")");
                return;
            }
            lock (_gate)
            {
                _log("FIX: rejecting a malformed message (" + e.Message + ")");
                if (e.RefSeqNum == null) return; // nothing to refer to: treat as garbled
                if (State == FixSessionState.LoggingOn) { CloseLocked("malformed message during logon: " + e.Message); return; }
                var reject = new FixMessage(FixMsgTypes.Reject).Add(FixTags.RefSeqNum, e.RefSeqNum.Value)
                    .Add(FixTags.SessionRejectReason, (int)e.RejectReason).Add(FixTags.Text, e.Message);
                if (e.RefTagId != null) reject.Add(FixTags.RefTagID, e.RefTagId.Value);
                if (!string.IsNullOrEmpty(e.RefMsgType)) reject.Add(FixTags.RefMsgType, e.RefMsgType);
                TryQueue(reject);
                if (e.RefSeqNum.Value == _nextIn) { _nextIn++; SaveNumbers(); } // a rejected message still counts as received
            }
            await Task.CompletedTask.ConfigureAwait(false);
        }

        private async Task OnMessageAsync(FixMessage m)
        {
            FixMessage deliver = null;
            lock (_gate)
            {
                _lastReceived = _time.GetUtcNow();
                if (!m.TryGetInt(FixTags.MsgSeqNum, out var seq) || seq < 1)
                {
                    SendLogoutAndClose("MsgSeqNum (34) missing or not a positive number");
                    return;
                }
                if (State == FixSessionState.LoggingOn) { OnLogonLocked(m, seq); return; }
                if (!CompIdsMatch(m))
                {
                    TryQueue(RejectFor(m, seq, FixRejectReason.CompIdProblem, "SenderCompID/TargetCompID do not match this session"));
                    SendLogoutAndClose("CompID problem");
                    return;
                }
                if (m.MsgType == FixMsgTypes.SequenceReset) { OnSequenceResetLocked(m, seq); return; }
                if (!CheckSequenceLocked(m, seq, out var inOrder)) return;
                // Out-of-order messages (a gap is being filled) are not processed, except what keeps the session alive.
                switch (m.MsgType)
                {
                    case FixMsgTypes.Heartbeat:
                        if (_pendingTestReqId != null && m.Get(FixTags.TestReqID) == _pendingTestReqId) _pendingTestReqId = null;
                        break;
                    case FixMsgTypes.TestRequest:
                        TryQueue(new FixMessage(FixMsgTypes.Heartbeat).Add(FixTags.TestReqID, m.Get(FixTags.TestReqID) ?? "?"));
                        break;
                    case FixMsgTypes.ResendRequest:
                        AnswerResendRequestLocked(m);
                        break;
                    case FixMsgTypes.Logout:
                        _peerLoggedOut = true;
                        if (State == FixSessionState.LoggingOut) { CloseLocked(_closeReason ?? "logged out"); return; }
                        SetState(FixSessionState.LoggingOut);
                        TryQueue(new FixMessage(FixMsgTypes.Logout));
                        _closeReason = "the peer logged out" + (m.Get(FixTags.Text) is string t ? ": " + t : "");
                        return;
                    case FixMsgTypes.Logon:
                        if (inOrder) TryQueue(RejectFor(m, seq, FixRejectReason.IncorrectValue, "already logged on"));
                        break;
                    default:
                        if (inOrder) deliver = m; // application messages and Reject(3) go to the user
                        break;
                }
            }
            if (deliver != null && !await _inbound.AddAsync(deliver, _stop.Token).ConfigureAwait(false))
                _log("FIX: session closed before a received message could be delivered");
        }

        private string _closeReason;

        private void OnLogonLocked(FixMessage m, long seq)
        {
            if (m.MsgType == FixMsgTypes.Logout) { CloseLocked("the peer refused the logon" + (m.Get(FixTags.Text) is string t ? ": " + t : "")); return; }
            if (m.MsgType != FixMsgTypes.Logon) { SendLogoutAndClose($"expected Logon (35=A) first, got 35={m.MsgType}"); return; }
            if (_acceptor)
            {
                var sender = m.Get(FixTags.SenderCompID);
                if (m.Get(FixTags.TargetCompID) != _options.SenderCompId || string.IsNullOrEmpty(sender)
                    || (_options.TargetCompId != null && sender != _options.TargetCompId))
                { SendLogoutAndClose("unknown SenderCompID/TargetCompID"); return; }
                var refusal = _logonValidator(m);
                if (refusal != null) { _targetCompId = sender; _sessionId = null; SendLogoutAndClose(refusal); return; }
                _targetCompId = sender;
                LoadNumbers();
                var reset = m.GetFlag(FixTags.ResetSeqNumFlag);
                if (reset) { _nextOut = 1; _nextIn = 1; }
                if (m.TryGetInt(FixTags.HeartBtInt, out var hb) && hb > 0 && hb <= 3600) _heartbeatSeconds = (int)hb;
                TryQueue(NewLogon(reset));
            }
            else
            {
                if (!CompIdsMatch(m)) { SendLogoutAndClose("the Logon answer has the wrong CompIDs"); return; }
                if (m.GetFlag(FixTags.ResetSeqNumFlag) && !_options.ResetSeqNumOnLogon) { _nextIn = 1; }
            }
            if (seq < _nextIn) { SendLogoutAndClose($"MsgSeqNum too low, expecting {_nextIn} but received {seq}"); return; }
            if (seq > _nextIn) RequestResendLocked(seq);
            else { _nextIn++; SaveNumbers(); }
            SetState(FixSessionState.Active);
            _loggedOn.TrySetResult(true);
        }

        private void OnSequenceResetLocked(FixMessage m, long seq)
        {
            if (!m.TryGetInt(FixTags.NewSeqNo, out var newSeq)) { TryQueue(RejectFor(m, seq, FixRejectReason.RequiredTagMissing, "NewSeqNo (36) missing")); return; }
            var gapFill = m.GetFlag(FixTags.GapFillFlag);
            if (gapFill && seq < _nextIn) { if (!m.GetFlag(FixTags.PossDupFlag)) SendLogoutAndClose($"MsgSeqNum too low, expecting {_nextIn} but received {seq}"); return; }
            if (gapFill && seq > _nextIn) { RequestResendLocked(seq); return; }
            if (newSeq < _nextIn)
            {
                TryQueue(RejectFor(m, seq, FixRejectReason.IncorrectValue, $"NewSeqNo {newSeq} would move the sequence backwards from {_nextIn}"));
                return;
            }
            _nextIn = newSeq;
            if (_resendUpTo > 0 && _nextIn > _resendUpTo) _resendUpTo = 0;
            SaveNumbers();
        }

        // True when the message should be looked at; inOrder says whether it was the expected one.
        private bool CheckSequenceLocked(FixMessage m, long seq, out bool inOrder)
        {
            inOrder = false;
            if (seq == _nextIn)
            {
                inOrder = true;
                _nextIn++;
                if (_resendUpTo > 0 && _nextIn > _resendUpTo) _resendUpTo = 0;
                SaveNumbers();
                return true;
            }
            if (seq < _nextIn)
            {
                if (m.GetFlag(FixTags.PossDupFlag)) return false; // a duplicate we already have
                SendLogoutAndClose($"MsgSeqNum too low, expecting {_nextIn} but received {seq}");
                return false;
            }
            if (!_options.PeerRetransmits)
            {
                _log($"FIX: messages {_nextIn}..{seq - 1} were missed; this session does not retransmit, so they are skipped");
                _missed += seq - _nextIn;
                _nextIn = seq + 1;
                SaveNumbers();
                inOrder = true;
                return true;
            }
            RequestResendLocked(seq);
            return m.MsgType == FixMsgTypes.TestRequest || m.MsgType == FixMsgTypes.ResendRequest || m.MsgType == FixMsgTypes.Logout || m.MsgType == FixMsgTypes.Heartbeat;
        }

        private void RequestResendLocked(long seenSeq)
        {
            if (_resendUpTo >= seenSeq) return; // already asked for this range
            if (!_options.PeerRetransmits)
            {
                _log($"FIX: messages {_nextIn}..{seenSeq - 1} were missed; this session does not retransmit, so they are skipped");
                _missed += seenSeq - _nextIn;
                _nextIn = seenSeq + 1;
                SaveNumbers();
                return;
            }
            _resendUpTo = seenSeq;
            _log($"FIX: gap, expected {_nextIn} but received {seenSeq}; requesting a resend");
            TryQueue(new FixMessage(FixMsgTypes.ResendRequest).Add(FixTags.BeginSeqNo, _nextIn).Add(FixTags.EndSeqNo, 0));
        }

        private void AnswerResendRequestLocked(FixMessage m)
        {
            if (!m.TryGetInt(FixTags.BeginSeqNo, out var begin) || begin < 1) return;
            if (begin >= _nextOut) return; // nothing sent in that range yet
            // One gap fill covers everything: NewSeqNo is the next number we will use.
            var fill = new FixMessage(FixMsgTypes.SequenceReset).Add(FixTags.GapFillFlag, true).Add(FixTags.NewSeqNo, _nextOut);
            TryQueue(fill, explicitSeq: begin);
        }

        // ---- outbound ----

        private FixMessage NewLogon(bool reset)
        {
            var logon = new FixMessage(FixMsgTypes.Logon).Add(FixTags.EncryptMethod, 0).Add(FixTags.HeartBtInt, _heartbeatSeconds);
            if (reset) logon.Add(FixTags.ResetSeqNumFlag, true);
            logon.Add(FixTags.DefaultApplVerID, FixVersions.Fix50Sp2);
            foreach (var f in _options.LogonFields) logon.Add(f.Tag, f.Value);
            return logon;
        }

        // Admin messages never wait: a full queue means traffic is already flowing or the peer is stuck.
        private bool TryQueue(FixMessage m, bool sign = false, long? explicitSeq = null)
        {
            if (!_outbound.TryReserve()) { _log($"FIX: outbound queue full, {m.MsgType} not sent"); return false; }
            Stamp(m, reserved: true, sign: sign, explicitSeq: explicitSeq);
            return true;
        }

        // Builds header + body in the wire order, numbers it, and queues the bytes. Caller holds _gate and a reserved slot.
        private long Stamp(FixMessage body, bool reserved, bool sign = false, long? explicitSeq = null)
        {
            var seq = explicitSeq ?? _nextOut;
            var now = _time.GetUtcNow();
            var m = new FixMessage(body.MsgType, _options.BeginString)
                .Add(FixTags.SenderCompID, _options.SenderCompId).Add(FixTags.TargetCompID, _targetCompId)
                .Add(FixTags.MsgSeqNum, seq).Add(FixTags.SendingTime, FixTime.ToFix(now));
            if (explicitSeq != null) m.Add(FixTags.PossDupFlag, true).Add(FixTags.OrigSendingTime, FixTime.ToFix(now));
            for (var i = 1; i < body.Fields.Count; i++)
            {
                var f = body.Fields[i];
                if (f.Tag == FixTags.SenderCompID || f.Tag == FixTags.TargetCompID || f.Tag == FixTags.MsgSeqNum || f.Tag == FixTags.SendingTime) continue;
                m.Add(f.Tag, f.Value);
            }
            byte[] bytes;
            try
            {
                if (sign)
                {
                    if (_signLogon == null) throw new InvalidOperationException("A Kalshi FIX logon needs the API key's signer.");
                    _signLogon(m);
                }
                bytes = FixEncoding.Encode(m);
            }
            catch { _outbound.AddReserved(null); throw; } // give the slot back
            if (explicitSeq == null) { _nextOut++; SaveNumbers(); }
            _lastSent = now;
            _outbound.AddReserved(bytes);
            _log("FIX out: " + m);
            return seq;
        }

        private FixMessage RejectFor(FixMessage m, long seq, FixRejectReason reason, string text) =>
            new FixMessage(FixMsgTypes.Reject).Add(FixTags.RefSeqNum, seq).Add(FixTags.RefMsgType, m.MsgType)
                .Add(FixTags.SessionRejectReason, (int)reason).Add(FixTags.Text, text);

        // ---- timing ----

        private void OnTick()
        {
            try { OnTickLocked(); }
            catch (Exception e) { Close("FIX session failed: " + e.Message); } // an exception on a timer thread would end the process
        }

        private void OnTickLocked()
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var hb = TimeSpan.FromSeconds(_heartbeatSeconds);
                switch (State)
                {
                    case FixSessionState.LoggingOn:
                        if (now - _stateSince >= _options.LogonTimeout) CloseLocked($"no Logon answer within {_options.LogonTimeout.TotalSeconds:0} s");
                        return;
                    case FixSessionState.LoggingOut:
                        if (now - _stateSince >= hb) CloseLocked(_closeReason ?? "no Logout answer; closed");
                        return;
                    case FixSessionState.Active:
                        if (_pendingTestReqId != null)
                        {
                            if (now - _testReqSentAt >= hb) { CloseLocked($"the peer did not answer TestRequest {_pendingTestReqId} within {hb.TotalSeconds:0} s"); return; }
                        }
                        else if (now - _lastReceived >= hb + TimeSpan.FromTicks(hb.Ticks / 5))
                        {
                            _pendingTestReqId = "TEST" + (++_testReqCounter);
                            _testReqSentAt = now;
                            TryQueue(new FixMessage(FixMsgTypes.TestRequest).Add(FixTags.TestReqID, _pendingTestReqId));
                        }
                        if (now - _lastSent >= hb) TryQueue(new FixMessage(FixMsgTypes.Heartbeat));
                        return;
                }
            }
        }

        // ---- state ----

        private bool CompIdsMatch(FixMessage m) =>
            m.Get(FixTags.SenderCompID) == _targetCompId && m.Get(FixTags.TargetCompID) == _options.SenderCompId;

        private void SetState(FixSessionState s)
        {
            State = s;
            _stateSince = _time.GetUtcNow();
        }

        private void SendLogoutAndClose(string reason)
        {
            _log("FIX: " + reason);
            // Without a counterparty to address (an acceptor before any valid Logon) or room to queue, just hang up.
            if (_targetCompId == null || !TryQueue(new FixMessage(FixMsgTypes.Logout).Add(FixTags.Text, reason))) { CloseLocked(reason); return; }
            _closeReason = reason;
            SetState(FixSessionState.LoggingOut);
            _peerLoggedOut = true; // close as soon as the Logout is written
        }

        private void LoadNumbers()
        {
            _sessionId = FixSessionOptions.SessionIdOf(_options.BeginString, _options.SenderCompId, _targetCompId);
            var n = _store.Load(_sessionId);
            _nextOut = n.NextOutgoing;
            _nextIn = n.NextIncoming;
        }

        private void SaveNumbers()
        {
            if (_sessionId != null) _store.Save(_sessionId, new FixSequenceNumbers(_nextOut, _nextIn));
        }

        private void Close(string reason)
        {
            lock (_gate) CloseLocked(reason);
        }

        private void CloseLocked(string reason)
        {
            if (State == FixSessionState.Closed) return;
            State = FixSessionState.Closed;
            _timer?.Dispose();
            _outbound.Complete();
            _inbound.Complete();
            try { _stop.Cancel(); } catch (ObjectDisposedException) { }
            try { _stream.Dispose(); } catch (Exception e) when (e is IOException || e is ObjectDisposedException) { }
            _log("FIX: session closed (" + reason + ")");
            _closed.TrySetResult(reason);
        }

        private Exception Gone() => new InvalidOperationException("The FIX session is not logged on (" + (_closed.Task.IsCompleted ? _closed.Task.Result : State.ToString()) + "); nothing was sent.");
    }
}
