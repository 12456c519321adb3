using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KalshiPS.Fix;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>
/// A FIX client for gateway tests: the engine's own FixSession as initiator over TLS that trusts the sandbox's
/// certificate (the PEM it wrote) for this connection only and checks the printed SHA-256 pin. The Logon is signed with
/// the test key directly over FixLogonSignature.PreHash.
/// </summary>
internal sealed class FixTestClient : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private FixTestClient(FixSession session, ConcurrentQueue<string> log) { Session = session; Log = log; }

    public FixSession Session { get; }
    public ConcurrentQueue<string> Log { get; }
    /// <summary>Completes when a log line matching the predicate set by <see cref="WhenLogged"/> appears.</summary>
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waits = new();

    public static CancellationToken Soon => new CancellationTokenSource(Wait).Token;

    public static async Task<Stream> ConnectTlsAsync(SandboxServer s, FixSessionKind kind, string? pin = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(s.FixHost!, s.FixPorts[kind], Soon);
        var anchor = X509Certificate2.CreateFromPem(File.ReadAllText(s.FixCertificatePath!));
        pin ??= s.FixCertificateSha256;
        var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, errors) =>
        {
            if (cert == null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(anchor);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
            bool trusted = chain.Build(leaf) && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
            var sha = Convert.ToHexString(SHA256.HashData(cert.GetRawCertData())).ToLowerInvariant();
            return trusted && sha == pin;
        });
        try { await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = s.FixHost }, Soon); }
        catch { ssl.Dispose(); tcp.Dispose(); throw; }
        return ssl;
    }

    /// <summary>Signs a Logon with the key, as Kalshi documents (RSA-PSS-SHA256 over the pre-hash, base64 in 96).</summary>
    public static Action<FixMessage> Signer(RSA key) => logon =>
        logon.Set(FixTags.RawData, Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(FixLogonSignature.PreHash(logon)), HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));

    /// <summary>A connected, not yet logged-on client. Target defaults to the listener's CompID; NR/DC/MD reset sequence numbers.</summary>
    public static async Task<FixTestClient> ConnectAsync(SandboxServer s, FixSessionKind kind, RSA key, string keyId,
        Action<FixSessionOptions>? configure = null, IFixSequenceStore? store = null, TimeProvider? clock = null, Action<FixMessage>? sign = null)
    {
        var stream = await ConnectTlsAsync(s, kind);
        var o = new FixSessionOptions
        {
            SenderCompId = keyId, TargetCompId = kind.CompId(), ResetSeqNumOnLogon = !kind.KeepsSequence(), PeerRetransmits = kind.KeepsSequence(),
        };
        configure?.Invoke(o);
        var log = new ConcurrentQueue<string>();
        FixTestClient? self = null;
        var session = new FixSession(stream, o, store ?? new FixMemorySequenceStore(), clock ?? s.Options.Clock ?? TimeProvider.System,
            sign ?? Signer(key), line => { log.Enqueue(line); self?.OnLog(line); });
        self = new FixTestClient(session, log);
        return self;
    }

    public static async Task<FixTestClient> LogonAsync(SandboxServer s, FixSessionKind kind, RSA? key = null, string? keyId = null,
        Action<FixSessionOptions>? configure = null, IFixSequenceStore? store = null, TimeProvider? clock = null)
    {
        var owned = key == null;
        key ??= StartupKey(s);
        var c = await ConnectAsync(s, kind, key, keyId ?? s.ApiKeyId, configure, store, clock);
        await c.Session.LogonAsync(Soon);
        return c;
    }

    public static RSA StartupKey(SandboxServer s) { var rsa = RSA.Create(); rsa.ImportFromPem(s.PrivateKeyPem); return rsa; }

    /// <summary>The logon's refusal text (the FixLogonException message).</summary>
    public static async Task<string> RefusedAsync(FixTestClient c)
    {
        var e = await Assert.ThrowsAsync<FixLogonException>(() => c.Session.LogonAsync(Soon));
        c.Dispose();
        return e.Message;
    }

    public Task<long> SendAsync(FixMessage m) => Session.SendAsync(m, Soon);

    /// <summary>The next application message; fails after the wait.</summary>
    public async Task<FixMessage> ReceiveAsync()
    {
        var m = await Session.ReceiveAsync(Soon);
        return m ?? throw new InvalidOperationException("the session closed: " + (Session.Closed.IsCompleted ? Session.Closed.Result : "?"));
    }

    /// <summary>The next application message of this type (others, e.g. unsolicited reports, are skipped).</summary>
    public async Task<FixMessage> ReceiveAsync(string msgType)
    {
        while (true)
        {
            var m = await ReceiveAsync();
            if (m.MsgType == msgType) return m;
        }
    }

    public async Task<FixExecutionReport> ExecutionAsync(FixExecType type)
    {
        while (true)
        {
            var m = await ReceiveAsync(FixAppMsgTypes.ExecutionReport);
            Assert.True(FixExecutionReport.TryParse(m, out var er, out var error), error);
            if (er.ExecType == type) return er;
            if (er.ExecType == FixExecType.Rejected) throw new InvalidOperationException($"waited for ExecType {type}, got a reject: {er.Text}");
        }
    }

    public Task WhenLogged(Func<string, bool> match)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits) _waits.Add((match, tcs));
        if (Log.Any(match)) tcs.TrySetResult();
        return tcs.Task.WaitAsync(Wait);
    }

    private void OnLog(string line)
    {
        lock (_waits)
            foreach (var (match, done) in _waits)
                if (match(line)) done.TrySetResult();
    }

    public void Dispose() => Session.Dispose();
}

/// <summary>Orders for gateway tests on a quiet market of their own (nobody else trades it).</summary>
internal static class FixTestOrders
{
    public static string AddQuietMarket(SandboxServer s, string ticker = "FIXTEST-26DEC31-T1")
    {
        s.Exchange.AddMarket(new Market
        {
            Ticker = ticker, EventTicker = "FIXTEST-26DEC31", SeriesTicker = "FIXTEST", Title = "fix test", YesSubTitle = "y", NoSubTitle = "n",
            PriceStructure = PriceLevelStructure.LinearCent, CloseTime = s.Exchange.Clock.GetUtcNow().AddDays(30),
        });
        return ticker;
    }

    public static FixMessage Order(string clOrdId, string ticker, FixSide side, int cents, decimal qty, FixTimeInForce? tif = FixTimeInForce.GoodTillCancel) =>
        new FixNewOrderSingle { ClOrdId = clOrdId, Symbol = ticker, Side = side, PriceCents = cents, Quantity = qty, TimeInForce = tif }.ToMessage();

    /// <summary>Completes when the engine publishes an event matching the predicate (subscribe before acting).</summary>
    public static Task<ExchangeEvent> WhenEvent(SandboxServer s, Func<ExchangeEvent, bool> match)
    {
        var tcs = new TaskCompletionSource<ExchangeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable? sub = null;
        sub = s.Exchange.Events.Subscribe(e => { if (match(e)) { tcs.TrySetResult(e); } });
        return tcs.Task.WaitAsync(FixTestClient.Wait).ContinueWith(t => { sub.Dispose(); return t.Result; });
    }
}
