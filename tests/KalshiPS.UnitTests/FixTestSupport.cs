using System.Text;
using KalshiPS.Fix;

namespace KalshiPS.UnitTests;

/// <summary>An in-memory duplex connection: what one end writes, the other reads; disposing an end is EOF for the other.</summary>
internal sealed class FixPipe
{
    private sealed class Channel
    {
        private readonly Queue<byte[]> _chunks = new();
        private readonly SemaphoreSlim _ready = new(0);
        private byte[]? _current;
        private int _offset;
        public bool Closed;

        public void Write(byte[] data)
        {
            lock (_chunks)
            {
                if (Closed) throw new IOException("the pipe is closed");
                _chunks.Enqueue(data);
            }
            _ready.Release();
        }

        public void Close() { lock (_chunks) Closed = true; _ready.Release(); }

        public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            while (true)
            {
                if (_current != null && _offset < _current.Length)
                {
                    var n = Math.Min(count, _current.Length - _offset);
                    Buffer.BlockCopy(_current, _offset, buffer, offset, n);
                    _offset += n;
                    return n;
                }
                lock (_chunks)
                {
                    if (_chunks.Count > 0) { _current = _chunks.Dequeue(); _offset = 0; continue; }
                    if (Closed) { _ready.Release(); return 0; }
                }
                await _ready.WaitAsync(ct);
            }
        }
    }

    private sealed class End(Channel read, Channel write) : Stream
    {
        public bool Disposed;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => read.ReadAsync(buffer, offset, count, ct);
        public override void Write(byte[] buffer, int offset, int count) => write.Write(buffer.AsSpan(offset, count).ToArray());
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) { Write(buffer, offset, count); return Task.CompletedTask; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { Disposed = true; write.Close(); read.Close(); base.Dispose(disposing); }
    }

    public FixPipe()
    {
        var ab = new Channel();
        var ba = new Channel();
        Client = new End(ba, ab);
        Server = new End(ab, ba);
    }

    public Stream Client { get; }
    public Stream Server { get; }
    public bool ClientDisposed => ((End)Client).Disposed;
}

/// <summary>The far end of a session under test, driven by hand: sends raw or stamped messages, reads what the session sent.</summary>
internal sealed class FixPeer(Stream stream, string self, string other)
{
    private readonly FixFrameReader _reader = new();
    public long NextOut = 1;
    public readonly List<FixMessage> Received = new();

    public static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token; // a safety net, not a wait

    public FixMessage Stamped(string msgType, long? seq = null)
    {
        var m = new FixMessage(msgType).Add(49, self).Add(56, other).Add(34, seq ?? NextOut++).Add(52, "20260501-12:00:00.000");
        return m;
    }

    public void Send(FixMessage m) => SendRaw(FixEncoding.Encode(m));
    public void SendRaw(byte[] bytes) { stream.Write(bytes, 0, bytes.Length); stream.Flush(); }

    public async Task<FixMessage> ReadAsync()
    {
        var m = await _reader.ReadAsync(stream, Soon) ?? throw new EndOfStreamException("the session closed the connection");
        Received.Add(m);
        return m;
    }

    /// <summary>Reads to end of stream; true if the session closed its end.</summary>
    public async Task<bool> ClosedAsync()
    {
        while (await _reader.ReadAsync(stream, Soon) is { } m) Received.Add(m);
        return true;
    }

    public async Task<FixMessage> ExpectAsync(string msgType)
    {
        var m = await ReadAsync();
        Assert.True(m.MsgType == msgType, $"expected 35={msgType}, got {m}");
        return m;
    }
}
