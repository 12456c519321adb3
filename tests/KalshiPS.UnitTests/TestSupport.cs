using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using KalshiPS.Auth;
using KalshiPS.Http;
using Microsoft.Extensions.Time.Testing;

namespace KalshiPS.UnitTests;

/// <summary>
/// A FakeTimeProvider that also reports every timer the code under test creates (Polly retry delays, Polly per-attempt
/// timeouts, token-bucket waits), so a test can wait until the code is parked on a fake delay and read its length.
/// </summary>
internal sealed class RecordingTime : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentQueue<TimeSpan> _timers = new();
    private readonly SemaphoreSlim _created = new(0);

    public FakeTimeProvider Fake { get; } = new(Start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();
    public override long GetTimestamp() => Fake.GetTimestamp();
    public override long TimestampFrequency => Fake.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new Watched(Fake.CreateTimer(callback, state, dueTime, period), this);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return;
        _timers.Enqueue(dueTime);
        _created.Release();
    }

    /// <summary>CancellationTokenSource(delay, provider) creates a disarmed timer and then arms it with Change.</summary>
    private sealed class Watched(ITimer inner, RecordingTime owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) { owner.Record(dueTime); return inner.Change(dueTime, period); }
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>Waits (real time, bounded) until a timer whose due time satisfies <paramref name="match"/> is created.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            while (_timers.TryDequeue(out var due)) if (match(due)) return due;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _created.WaitAsync(left)) throw new TimeoutException("the code under test never started the expected fake-time delay");
        }
    }
}

/// <summary>One request as the server saw it.</summary>
internal sealed record SeenRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);

/// <summary>
/// A transport that answers from a script, records each request, and lets a test wait for the n-th request.
/// Each step may be a canned response or a function (used for answers that never come).
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly SemaphoreSlim _arrived = new(0);
    public ConcurrentQueue<SeenRequest> Seen { get; } = new();
    public int Count => Seen.Count;

    public ScriptedHandler Then(HttpStatusCode status, string body = "{}", Action<HttpResponseMessage>? tweak = null)
    {
        _script.Enqueue((_, _) =>
        {
            var r = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            tweak?.Invoke(r);
            return Task.FromResult(r);
        });
        return this;
    }

    public ScriptedHandler ThenHang()
    {
        _script.Enqueue(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); throw new InvalidOperationException(); });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(ct);
        Seen.Enqueue(new SeenRequest(request.Method.Method, request.RequestUri!, headers, body));
        _arrived.Release();
        if (!_script.TryDequeue(out var step)) throw new InvalidOperationException("unexpected request " + request.RequestUri);
        return await step(request, ct);
    }

    /// <summary>Waits (real time, bounded) until <paramref name="n"/> requests in total have arrived.</summary>
    public async Task WaitForRequestsAsync(int n, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Count < n)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"expected {n} requests, saw {Count}");
            await _arrived.WaitAsync(left);
        }
    }
}

internal sealed class CollectingLog : IRequestLog
{
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    void IRequestLog.Verbose(string line) => Verbose.Enqueue(line);
    void IRequestLog.Warning(string line) => Warnings.Enqueue(line);
}

internal static class Keys
{
    private static readonly Lazy<RSA> Shared = new(() => RSA.Create(2048));
    /// <summary>One 2048-bit key per test run (generation is slow); never written to disk.</summary>
    public static RSA Rsa => Shared.Value;
    public static string Pkcs1Pem => Rsa.ExportRSAPrivateKeyPem();
    public static string Pkcs8Pem => Rsa.ExportPkcs8PrivateKeyPem();
    public const string KeyId = "0b6f3f3e-1d2c-4c5b-9a8e-7f6d5c4b3a21";

    /// <summary>Every base64 line of a PEM body (the secret material).</summary>
    public static IEnumerable<string> BodyLines(string pem) =>
        pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----"));
}

internal static class Pipelines
{
    public static readonly Uri Base = new("http://127.0.0.1:5000/trade-api/v2");

    public static TransportOptions Options(HttpMessageHandler handler, TimeProvider time) => new()
    {
        BaseUri = Base,
        InnerHandler = handler,
        TimeProvider = time,
        Jitter = () => 0.5,
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromSeconds(1),
        RetryBackoff = 2.0,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public static KalshiHttpPipeline Create(TransportOptions options, RequestSigner? signer = null) =>
        new(options, signer, new RateLimiter(options.ReadTokensPerSecond, options.WriteTokensPerSecond, options.TimeProvider));
}
