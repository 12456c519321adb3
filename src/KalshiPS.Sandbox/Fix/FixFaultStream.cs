using System.Text;

namespace KalshiPS.Sandbox;

/// <summary>
/// Sits between a FIX session and its TLS stream and applies the FIX faults of <see cref="FaultOptions"/> to what the
/// gateway writes. FixSession writes each message with one Write call, so every write is one whole frame: it can be
/// held (delayed heartbeat), swallowed (a suppressed heartbeat, a gap filler or a lost report, whose sequence number is then missing
/// on the wire), or be the last one before the connection is dropped without Logout.
/// </summary>
internal sealed class FixFaultStream(Stream inner, FaultOptions faults, TimeProvider clock, Action drop) : Stream
{
    /// <summary>News (35=B) with this Headline (148) is a gap filler: never written, so its sequence number becomes a gap.</summary>
    public const string GapFillerMsgType = "B";
    public const string GapFillerHeadline = "sandbox-gap-filler";

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        var msgType = Field(buffer.Span, "35");
        if (msgType == GapFillerMsgType && Field(buffer.Span, "148") == GapFillerHeadline) return;
        if (msgType == "8" && faults.TakeFixLoseExecutionReport()) return; // a lost report: its sequence number becomes a gap
        bool periodicHeartbeat = msgType == "0" && Field(buffer.Span, "112") == null;
        if (periodicHeartbeat)
        {
            if (faults.FixSuppressHeartbeats) return;
            if (faults.FixHeartbeatDelayMs is > 0 and var ms) await Task.Delay(TimeSpan.FromMilliseconds(ms), clock, ct);
        }
        await inner.WriteAsync(buffer, ct);
        if (IsApplication(msgType) && faults.TakeFixDropAfterMessage())
        {
            await inner.FlushAsync(ct);
            drop();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    private static bool IsApplication(string? msgType) => msgType is not (null or "0" or "1" or "2" or "3" or "4" or "5" or "A");

    /// <summary>The value of the first field with this tag in an encoded frame (SOH-delimited), or null.</summary>
    internal static string? Field(ReadOnlySpan<byte> frame, string tag)
    {
        var needle = Encoding.ASCII.GetBytes("\u0001" + tag + "=");
        int at = frame.IndexOf(needle);
        if (at < 0) return null;
        var rest = frame[(at + needle.Length)..];
        int end = rest.IndexOf((byte)1);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
    public override void Flush() => inner.Flush();
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
