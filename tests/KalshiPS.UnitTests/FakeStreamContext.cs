using System.Text;
using System.Text.Json;
using KalshiPS.Streaming;

namespace KalshiPS.UnitTests;

/// <summary>A connection for driving channel handlers message by message: records commands, warnings, verbose lines and notices.</summary>
internal sealed class FakeStreamContext : IStreamContext
{
    public readonly List<(string Cmd, string Params)> Sent = new();
    public readonly List<string> Warnings = new();
    public readonly List<string> VerboseLines = new();
    public readonly List<StreamNotice> Notices = new();
    public DateTime UtcNow { get; set; } = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>The id of the last command sent (ids count from 1).</summary>
    public long LastId => Sent.Count;
    public long Commands => Sent.Count;

    public Task<long> SendCommandAsync(string cmd, object parameters, CancellationToken ct)
    {
        Sent.Add((cmd, JsonSerializer.Serialize(parameters)));
        return Task.FromResult((long)Sent.Count);
    }
    public void Warn(string text) => Warnings.Add(text);
    public void Verbose(string text) => VerboseLines.Add(text);
    public void Notify(StreamNotice notice) => Notices.Add(notice);
}

internal static class StreamFrames
{
    /// <summary>A received frame from its JSON text (received now, or at the given time).</summary>
    public static StreamMessage M(string json, DateTime? received = null)
    {
        var b = Encoding.UTF8.GetBytes(json);
        return StreamMessage.Parse(b, b.Length, received ?? DateTime.UtcNow);
    }
}
