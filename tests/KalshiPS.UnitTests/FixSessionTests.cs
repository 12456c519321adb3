using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KalshiPS.Auth;
using KalshiPS.Fix;
using Microsoft.Extensions.Time.Testing;

namespace KalshiPS.UnitTests;

public sealed class FixSessionTests : IDisposable
{
    private const string Target = "KalshiRT";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FixPipe _pipe = new();
    private readonly RequestSigner _signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs8Pem);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly FixPeer _peer;

    public FixSessionTests() { _peer = new FixPeer(_pipe.Server, Target, Keys.KeyId); }

    public void Dispose() => _signer.Dispose();

    private FixSession NewSession(IFixSequenceStore? store = null, Action<FixSessionOptions>? configure = null, Stream? stream = null)
    {
        var o = new FixSessionOptions { SenderCompId = Keys.KeyId, TargetCompId = Target, HeartbeatIntervalSeconds = 30 };
        configure?.Invoke(o);
        return new FixSession(stream ?? _pipe.Client, o, store ?? new FixMemorySequenceStore(), _time, FixLogonSigning.For(_signer), _log.Enqueue);
    }

    private async Task<FixSession> LoggedOnAsync(IFixSequenceStore? store = null, Action<FixSessionOptions>? configure = null)
    {
        var s = NewSession(store, configure);
        var logon = s.LogonAsync(FixPeer.Soon);
        await _peer.ExpectAsync("A");
        _peer.Send(_peer.Stamped("A").Add(98, 0).Add(108, 30).Add(1137, "9"));
        await logon;
        return s;
    }

    private static bool Verifies(string text, string signature) =>
        Keys.Rsa.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    [Fact]
    public async Task Logon_carries_the_kalshi_fields_and_a_signature_over_the_documented_string()
    {
        using var s = NewSession();
        var logon = s.LogonAsync(FixPeer.Soon);
        var m = await _peer.ExpectAsync("A");

        Assert.Equal("FIXT.1.1", m.BeginString);
        Assert.Equal(Keys.KeyId, m.Get(49));
        Assert.Equal(Target, m.Get(56));
        Assert.Equal("1", m.Get(34));
        Assert.Equal("20260501-12:00:00.250", m.Get(52));
        Assert.Equal("0", m.Get(98));
        Assert.Equal("30", m.Get(108));
        Assert.Equal("9", m.Get(1137));
        var sig = m.Get(96)!;
        Assert.Equal(sig.Length.ToString(), m.Get(95));
        Assert.Equal(new[] { 35, 49, 56, 34, 52 }, m.Fields.Take(5).Select(f => f.Tag));

        Assert.True(Verifies($"20260501-12:00:00.250\u0001A\u00011\u0001{Keys.KeyId}\u0001{Target}", sig));
        Assert.False(Verifies($"20260501-12:00:00.250A1{Keys.KeyId}{Target}", sig));
        Assert.False(Verifies($"20260501-12:00:00.250\u0001A\u00012\u0001{Keys.KeyId}\u0001{Target}", sig));
        Assert.Equal($"20260501-12:00:00.250\u0001A\u00011\u0001{Keys.KeyId}\u0001{Target}", FixLogonSignature.PreHash(m));

        _peer.Send(_peer.Stamped("A").Add(98, 0).Add(108, 30).Add(1137, "9"));
        await logon;
        Assert.Equal(FixSessionState.Active, s.State);
        Assert.Equal(new FixSequenceNumbers(2, 2).ToString(), s.SequenceNumbers.ToString());
        Assert.DoesNotContain(_log, l => l.Contains(sig));
        Assert.Contains(_log, l => l.Contains("96=<redacted>"));
    }

    [Fact]
    public async Task A_logout_in_answer_to_the_logon_fails_it_with_the_exchanges_text()
    {
        using var s = NewSession();
        var logon = s.LogonAsync(FixPeer.Soon);
        await _peer.ExpectAsync("A");
        _peer.Send(_peer.Stamped("5").Add(58, "Invalid signature"));
        var e = await Assert.ThrowsAsync<FixLogonException>(() => logon);
        Assert.Contains("Invalid signature", e.Message);
        Assert.Equal(FixSessionState.Closed, s.State);
        Assert.True(_pipe.ClientDisposed);
    }

    [Fact]
    public async Task No_logon_answer_times_out_on_the_clock()
    {
        using var s = NewSession();
        var logon = s.LogonAsync(FixPeer.Soon);
        await _peer.ExpectAsync("A");
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(logon.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<FixLogonException>(() => logon);
        Assert.Contains("no Logon answer", e.Message);
    }

    [Fact]
    public async Task Reset_on_logon_sends_141_and_starts_both_directions_at_one()
    {
        var store = new FixMemorySequenceStore();
        store.Save(FixSessionOptions.SessionIdOf("FIXT.1.1", Keys.KeyId, Target), new FixSequenceNumbers(40, 50));
        using var s = NewSession(store, o => o.ResetSeqNumOnLogon = true);
        var logon = s.LogonAsync(FixPeer.Soon);
        var m = await _peer.ExpectAsync("A");
        Assert.Equal("1", m.Get(34));
        Assert.Equal("Y", m.Get(141));
        Assert.True(Verifies(FixLogonSignature.PreHash(m), m.Get(96)!));
        _peer.Send(_peer.Stamped("A").Add(98, 0).Add(108, 30).Add(141, true).Add(1137, "9"));
        await logon;
        Assert.Equal("out 2, in 2", s.SequenceNumbers.ToString());
    }

    [Fact]
    public async Task Heartbeats_and_test_requests_follow_the_clock_and_a_silent_peer_is_dropped()
    {
        using var s = await LoggedOnAsync();

        _time.Advance(TimeSpan.FromSeconds(29)); // nothing due yet
        _peer.Send(_peer.Stamped("1").Add(112, "P1"));
        var reply = await _peer.ExpectAsync("0"); // the first thing sent after logon is the answer, so no early heartbeat went out
        Assert.Equal("P1", reply.Get(112));

        _time.Advance(TimeSpan.FromSeconds(30)); // 30 s since the last send: heartbeat
        var hb = await _peer.ExpectAsync("0");
        Assert.Null(hb.Get(112));

        _time.Advance(TimeSpan.FromSeconds(6)); // 36 s (interval + 20%) since the last receive: test request
        var tr = await _peer.ExpectAsync("1");
        Assert.Equal("TEST1", tr.Get(112));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(s.Closed.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1)); // one more interval without an answer: gone
        Assert.Contains("TestRequest TEST1", await s.Closed);
        Assert.True(await _peer.ClosedAsync());
        Assert.Equal(FixSessionState.Closed, s.State);
    }

    [Fact]
    public async Task An_answered_test_request_keeps_the_session()
    {
        using var s = await LoggedOnAsync();
        _time.Advance(TimeSpan.FromSeconds(36));
        var tr = await _peer.ExpectAsync("1");
        _peer.Send(_peer.Stamped("0").Add(112, tr.Get(112)!));
        _peer.Send(_peer.Stamped("1").Add(112, "sync"));
        Assert.Equal("sync", (await _peer.ExpectAsync("0")).Get(112)); // skipping any heartbeat is not needed: none is due
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(s.Closed.IsCompleted);
        Assert.Equal(FixSessionState.Active, s.State);
    }

    [Fact]
    public async Task A_gap_sends_resend_request_and_gap_fill_plus_resent_message_close_it()
    {
        using var s = await LoggedOnAsync();
        _peer.Send(_peer.Stamped("8", 2).Add(58, "two"));
        Assert.Equal("two", (await s.ReceiveAsync(FixPeer.Soon))!.Get(58));

        _peer.Send(_peer.Stamped("8", 5).Add(58, "five, early"));
        var rr = await _peer.ExpectAsync("2");
        Assert.Equal("3", rr.Get(7));
        Assert.Equal("0", rr.Get(16));

        _peer.Send(_peer.Stamped("4", 3).Add(43, true).Add(123, true).Add(36, 5));
        _peer.Send(_peer.Stamped("8", 5).Add(43, true).Add(58, "five, resent"));
        _peer.Send(_peer.Stamped("8", 6).Add(58, "six"));

        Assert.Equal("five, resent", (await s.ReceiveAsync(FixPeer.Soon))!.Get(58)); // the early copy was not delivered
        Assert.Equal("six", (await s.ReceiveAsync(FixPeer.Soon))!.Get(58));
        Assert.Equal(7, s.SequenceNumbers.NextIncoming);
    }

    [Fact]
    public async Task A_resend_request_from_the_peer_is_answered_with_a_gap_fill_and_orders_are_never_replayed()
    {
        using var s = await LoggedOnAsync();
        Assert.Equal(2, await s.SendAsync(new FixMessage("D").Add(11, "c1"), FixPeer.Soon));
        Assert.Equal(3, await s.SendAsync(new FixMessage("D").Add(11, "c2"), FixPeer.Soon));
        await _peer.ExpectAsync("D");
        await _peer.ExpectAsync("D");

        _peer.Send(_peer.Stamped("2").Add(7, 2).Add(16, 0));
        var fill = await _peer.ExpectAsync("4");
        Assert.Equal("2", fill.Get(34));
        Assert.Equal("Y", fill.Get(43));
        Assert.Equal("Y", fill.Get(123));
        Assert.Equal("4", fill.Get(36));
        Assert.NotNull(fill.Get(122));
        Assert.Equal(4, s.SequenceNumbers.NextOutgoing); // the gap fill used no new number
        Assert.Equal(4, await s.SendAsync(new FixMessage("D").Add(11, "c3"), FixPeer.Soon));
        Assert.Equal("4", (await _peer.ExpectAsync("D")).Get(34));
    }

    [Fact]
    public async Task A_malformed_message_is_rejected_and_counted_a_garbled_one_is_dropped()
    {
        using var s = await LoggedOnAsync();
        _peer.SendRaw(FixCodecTests.Frame($"35=8|49={Target}|56={Keys.KeyId}|34=2|52=20260501-12:00:00.000|4x=1|"));
        var reject = await _peer.ExpectAsync("3");
        Assert.Equal("2", reject.Get(45));
        Assert.Equal("0", reject.Get(373));
        _peer.NextOut = 3;

        var bad = FixEncoding.Encode(_peer.Stamped("8").Add(58, "three"));
        bad[^3] = (byte)(bad[^3] == '9' ? '0' : bad[^3] + 1); // break the checksum: dropped silently, becomes a gap
        _peer.SendRaw(bad);
        _peer.Send(_peer.Stamped("1").Add(112, "after"));
        var rr = await _peer.ExpectAsync("2");
        Assert.Equal("3", rr.Get(7));
        Assert.Equal("after", (await _peer.ExpectAsync("0")).Get(112)); // a TestRequest is answered even during a gap
        Assert.Contains(_log, l => l.Contains("CheckSum"));
    }

    [Fact]
    public async Task A_sequence_number_below_the_expected_one_without_possdup_ends_the_session()
    {
        using var s = await LoggedOnAsync();
        _peer.Send(_peer.Stamped("8", 1).Add(58, "old"));
        var logout = await _peer.ExpectAsync("5");
        Assert.Contains("too low", logout.Get(58));
        Assert.Contains("too low", await s.Closed);
    }

    [Fact]
    public async Task A_possdup_duplicate_is_ignored()
    {
        using var s = await LoggedOnAsync();
        _peer.Send(_peer.Stamped("8").Add(58, "two"));
        _peer.Send(_peer.Stamped("8", 2).Add(43, true).Add(58, "two again"));
        _peer.Send(_peer.Stamped("8").Add(58, "three"));
        Assert.Equal("two", (await s.ReceiveAsync(FixPeer.Soon))!.Get(58));
        Assert.Equal("three", (await s.ReceiveAsync(FixPeer.Soon))!.Get(58));
    }

    [Fact]
    public async Task Without_retransmission_a_gap_is_skipped_not_requested()
    {
        using var s = await LoggedOnAsync(configure: o => o.PeerRetransmits = false);
        _peer.Send(_peer.Stamped("8", 4).Add(58, "four"));
        Assert.Equal("four", (await s.ReceiveAsync(FixPeer.Soon))!.Get(58));
        Assert.Equal(5, s.SequenceNumbers.NextIncoming);
        Assert.Contains(_log, l => l.Contains("does not retransmit"));
        Assert.Equal(2, s.MissedMessages); // 2 and 3, counted before "four" was handed over
    }

    [Fact]
    public async Task Logout_is_answered_and_closes_the_session()
    {
        using var s = await LoggedOnAsync();
        var done = s.LogoutAsync("bye", FixPeer.Soon);
        Assert.Equal("bye", (await _peer.ExpectAsync("5")).Get(58));
        _peer.Send(_peer.Stamped("5"));
        await done;
        Assert.Equal(FixSessionState.Closed, s.State);
        Assert.Null(await s.ReceiveAsync(FixPeer.Soon));
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.SendAsync(new FixMessage("D").Add(11, "late"), FixPeer.Soon));
    }

    [Fact]
    public async Task A_logout_from_the_peer_is_answered_then_the_connection_closes()
    {
        using var s = await LoggedOnAsync();
        _peer.Send(_peer.Stamped("5").Add(58, "maintenance"));
        await _peer.ExpectAsync("5");
        Assert.Contains("maintenance", await s.Closed);
        Assert.True(await _peer.ClosedAsync());
    }

    [Fact]
    public async Task Session_messages_cannot_be_sent_by_the_user_and_bad_values_take_no_sequence_number()
    {
        using var s = await LoggedOnAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => s.SendAsync(new FixMessage("A"), FixPeer.Soon));
        await Assert.ThrowsAsync<FixFormatException>(() => s.SendAsync(new FixMessage("D").Add(11, "a\u0001b"), FixPeer.Soon));
        Assert.Equal(2, s.SequenceNumbers.NextOutgoing);
    }

    [Fact]
    public async Task Reconnecting_continues_with_the_next_sequence_numbers_from_the_file_store()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kalships-fix-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new FixFileSequenceStore(dir);
            using (var s = await LoggedOnAsync(store))
            {
                await s.SendAsync(new FixMessage("D").Add(11, "c1"), FixPeer.Soon);
                await _peer.ExpectAsync("D");
                _peer.Send(_peer.Stamped("8").Add(58, "ack"));
                await s.ReceiveAsync(FixPeer.Soon);
            } // dropped without logout, as a lost connection would be
            var id = FixSessionOptions.SessionIdOf("FIXT.1.1", Keys.KeyId, Target);
            Assert.Equal("3 3", File.ReadAllText(store.PathFor(id)).Trim());

            var pipe2 = new FixPipe();
            var peer2 = new FixPeer(pipe2.Server, Target, Keys.KeyId) { NextOut = 3 };
            using var s2 = NewSession(new FixFileSequenceStore(dir), stream: pipe2.Client);
            var logon = s2.LogonAsync(FixPeer.Soon);
            var m = await peer2.ExpectAsync("A");
            Assert.Equal("3", m.Get(34));
            Assert.Null(m.Get(141));
            Assert.True(Verifies($"{m.Get(52)}\u0001A\u00013\u0001{Keys.KeyId}\u0001{Target}", m.Get(96)!));
            peer2.Send(peer2.Stamped("A", 5).Add(98, 0).Add(108, 30).Add(1137, "9")); // the exchange sent 3 and 4 while we were away
            await logon;
            var rr = await peer2.ExpectAsync("2");
            Assert.Equal("3", rr.Get(7));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_corrupt_sequence_file_is_reported_not_silently_reset()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kalships-fix-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new FixFileSequenceStore(dir);
            store.Save("s", new FixSequenceNumbers(7, 9));
            Assert.Equal("out 7, in 9", store.Load("s").ToString());
            Assert.Equal("out 1, in 1", store.Load("other").ToString());
            File.WriteAllText(store.PathFor("s"), "seven");
            Assert.Throws<InvalidDataException>(() => store.Load("s"));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task The_outbound_queue_is_bounded_and_sending_waits_for_room()
    {
        var gate = new GatedStream(_pipe.Client);
        using var s = NewSession(configure: o => o.OutboundCapacity = 2, stream: gate);
        var logon = s.LogonAsync(FixPeer.Soon);
        await _peer.ExpectAsync("A");
        _peer.Send(_peer.Stamped("A").Add(98, 0).Add(108, 30).Add(1137, "9"));
        await logon;

        gate.Hold();
        var first = s.SendAsync(new FixMessage("D").Add(11, "1"), FixPeer.Soon);
        await first;            // taken by the writer, which is now stuck in the held write
        await gate.Blocked.WaitAsync(FixPeer.Soon);
        await s.SendAsync(new FixMessage("D").Add(11, "2"), FixPeer.Soon);
        await s.SendAsync(new FixMessage("D").Add(11, "3"), FixPeer.Soon);
        var fourth = s.SendAsync(new FixMessage("D").Add(11, "4"), FixPeer.Soon);
        await Task.Yield();
        Assert.False(fourth.IsCompleted);
        gate.Release();
        Assert.Equal(5, await fourth);
        for (var i = 1; i <= 4; i++) Assert.Equal(i.ToString(), (await _peer.ExpectAsync("D")).Get(11));
    }

    [Fact]
    public async Task A_sequence_reset_moves_forward_only_and_a_reject_reaches_the_user()
    {
        using var s = await LoggedOnAsync();
        _peer.Send(_peer.Stamped("4", 2).Add(36, 10)); // reset mode: MsgSeqNum is ignored, NewSeqNo rules
        _peer.NextOut = 10;
        _peer.Send(_peer.Stamped("3").Add(45, 1).Add(373, 5).Add(58, "bad field"));
        var reject = (await s.ReceiveAsync(FixPeer.Soon))!;
        Assert.Equal("3", reject.MsgType);
        Assert.Equal("bad field", reject.Get(58));
        Assert.Equal(11, s.SequenceNumbers.NextIncoming);

        _peer.Send(_peer.Stamped("4", 11).Add(36, 5)); // backwards: refused, numbers unchanged
        var refusal = await _peer.ExpectAsync("3");
        Assert.Equal("11", refusal.Get(45));
        Assert.Equal(11, s.SequenceNumbers.NextIncoming);
    }

    [Fact]
    public async Task A_message_from_the_wrong_counterparty_ends_the_session()
    {
        using var s = await LoggedOnAsync();
        var m = new FixMessage("8").Add(49, "SomeoneElse").Add(56, Keys.KeyId).Add(34, 2).Add(52, "20260501-12:00:00.000");
        _peer.Send(m);
        Assert.Equal("9", (await _peer.ExpectAsync("3")).Get(373));
        await _peer.ExpectAsync("5");
        Assert.Contains("CompID", await s.Closed);
    }

    private sealed class GatedStream(Stream inner) : Stream
    {
        private TaskCompletionSource _open = Opened();
        public readonly SemaphoreSlim Blocked = new(0);
        private static TaskCompletionSource Opened() { var t = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); t.SetResult(); return t; }
        public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => _open.TrySetResult();
        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            if (!_open.Task.IsCompleted) Blocked.Release();
            await _open.Task.WaitAsync(ct);
            await inner.WriteAsync(buffer, offset, count, ct);
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { inner.Dispose(); base.Dispose(disposing); }
    }
}

public sealed class FixSessionFailureTests
{
    private sealed class FailingStore(int savesAllowed) : IFixSequenceStore
    {
        private int _saves;
        public FixSequenceNumbers Load(string sessionId) => FixSequenceNumbers.Initial;
        public void Save(string sessionId, FixSequenceNumbers numbers)
        {
            if (++_saves > savesAllowed) throw new UnauthorizedAccessException("store is read-only");
        }
    }

    [Theory]
    [InlineData("read")]
    [InlineData("tick")]
    public async Task A_sequence_store_that_cannot_be_written_closes_the_session_with_the_reason(string where)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var pipe = new FixPipe();
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs8Pem);
        using var s = new FixSession(pipe.Client, new FixSessionOptions { SenderCompId = Keys.KeyId, TargetCompId = "KalshiRT" }, new FailingStore(2), time, FixLogonSigning.For(signer));
        var peer = new FixPeer(pipe.Server, "KalshiRT", Keys.KeyId);
        var logon = s.LogonAsync(FixPeer.Soon);
        await peer.ExpectAsync("A");
        peer.Send(peer.Stamped("A").Add(98, 0).Add(108, 30).Add(1137, "9"));
        await logon; // saves: logon sent, logon received
        if (where == "read") peer.Send(peer.Stamped("8").Add(58, "x"));
        else time.Advance(TimeSpan.FromSeconds(30)); // the heartbeat takes a number
        Assert.Contains("store is read-only", await s.Closed);
        Assert.Equal(FixSessionState.Closed, s.State);
    }
}
