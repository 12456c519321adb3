using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// The sandbox's FIX acceptor: one TLS listener per session kind on 127.0.0.1 (KalshiNR order entry, KalshiRT order
/// entry with retransmission, KalshiDC drop copy, KalshiMD market data), a self-signed certificate made at start, Logon
/// verified exactly as Kalshi documents it (<see cref="FixLogonVerifier"/>), one live session per (API key, kind), and a
/// handler per kind working on the same <see cref="Exchange"/> as REST and WebSocket. Sessions end for the Thursday
/// maintenance window (03:00–05:00 ET on the exchange clock), after which KalshiRT sequence numbers start again at 1.
/// </summary>
internal sealed class FixGateway : IAsyncDisposable
{
    private static readonly TimeSpan TlsTimeout = TimeSpan.FromSeconds(10);

    private readonly SandboxOptions _options;
    private readonly FixCertificate _certificate;
    private readonly Dictionary<FixSessionKind, TcpListener> _listeners = new();
    private readonly Dictionary<FixSessionKind, IFixSessionHandler> _handlers = new();
    private readonly object _gate = new();
    private readonly Dictionary<(string KeyId, FixSessionKind Kind), FixGatewaySession> _live = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentDictionary<FixGatewaySession, Action> _drops = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _acceptLoops = new();
    private readonly FixLogonVerifier _verifier;
    private readonly ITimer _maintenanceTimer;
    private IFixSequenceStore _rtStore = new FixMemorySequenceStore();
    private readonly HashSet<string> _rtKnown = new(StringComparer.Ordinal);     // RT session ids with numbers in _rtStore
    private readonly HashSet<string> _rtMustReset = new(StringComparer.Ordinal); // ...and those whose numbers the window reset
    private bool _inMaintenance;

    private FixGateway(Exchange ex, SignatureVerifier signatures, SandboxOptions options, string directory)
    {
        Exchange = ex; _options = options;
        Clock = ex.Clock;
        _certificate = FixCertificate.Create(Clock.GetUtcNow());
        CertificatePath = Path.Combine(directory, $"sandbox-fix-{Guid.NewGuid():N}.crt.pem");
        File.WriteAllText(CertificatePath, _certificate.Pem);
        _verifier = new FixLogonVerifier(signatures, Clock, () => options.TimestampTolerance);
        Executions = new FixExecutionFeed(ex, OrderEntrySessionsOf);
        _handlers[FixSessionKind.OrderEntry] = _handlers[FixSessionKind.Retransmit] = new OrderEntryHandler();
        _handlers[FixSessionKind.DropCopy] = new DropCopyHandler();
        _handlers[FixSessionKind.MarketData] = new MarketDataHandler();
        foreach (var kind in FixSessionKinds.All)
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            _listeners[kind] = l;
        }
        Ports = _listeners.ToDictionary(p => p.Key, p => ((IPEndPoint)p.Value.LocalEndpoint).Port);
        _inMaintenance = FixMaintenanceWindow.Contains(Clock.GetUtcNow());
        _maintenanceTimer = Clock.CreateTimer(_ => CheckMaintenance(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        foreach (var (kind, l) in _listeners) _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(kind, l)));
    }

    public static FixGateway Start(Exchange ex, SignatureVerifier signatures, SandboxOptions options, string directory) =>
        new(ex, signatures, options, directory);

    public Exchange Exchange { get; }
    public TimeProvider Clock { get; }
    public FaultOptions Faults => _options.Faults;
    public FixExecutionFeed Executions { get; }
    public string Host => "127.0.0.1";
    public IReadOnlyDictionary<FixSessionKind, int> Ports { get; }
    /// <summary>PEM of the listeners' certificate (public part only).</summary>
    public string CertificatePath { get; }
    public string CertificateSha256 => _certificate.Sha256;

    /// <summary>Lets the lead's market data handler (or a test) replace the one for a kind.</summary>
    public void SetHandler(FixSessionKind kind, IFixSessionHandler handler) { lock (_gate) _handlers[kind] = handler; }

    /// <summary>Live, logged-on sessions (tests wait on this instead of sleeping).</summary>
    public IReadOnlyList<FixGatewaySession> Sessions { get { lock (_gate) return _live.Values.ToArray(); } }

    /// <summary>Logged-on order entry sessions (KalshiNR, KalshiRT) of a user: where its execution reports go.</summary>
    public IReadOnlyList<FixGatewaySession> OrderEntrySessionsOf(string userId)
    {
        lock (_gate) return _live.Values.Where(s => s.UserId == userId && s.Kind.IsOrderEntry() && s.Session.State == FixSessionState.Active).ToArray();
    }

    /// <summary>Fault: drops live connections now (all, or of one kind), without Logout. Returns how many.</summary>
    public int DropConnections(FixSessionKind? kind = null)
    {
        var n = 0;
        foreach (var (s, drop) in _drops)
            if (kind == null || s.Kind == kind) { drop(); n++; }
        return n;
    }

    // ---- connections ----

    private async Task AcceptLoopAsync(FixSessionKind kind, TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try { tcp = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var task = Task.Run(() => ServeAsync(kind, tcp));
            _connections[task] = 0;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(FixSessionKind kind, TcpClient tcp)
    {
        using var _ = tcp;
        tcp.NoDelay = true;
        var ct = _stop.Token;
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            using (var tls = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                tls.CancelAfter(TlsTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate.Certificate }, tls.Token);
            }
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            await ssl.DisposeAsync();
            return;
        }
        // A drop is a TCP close without Logout; graceful (FIN), so what was already written still arrives.
        void Drop()
        {
            if (tcp.Client is not { } socket) return; // already dropped
            try { socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            tcp.Close();
        }
        var stream = new FixFaultStream(ssl, Faults, Clock, Drop);
        var sessionOptions = new FixSessionOptions { SenderCompId = kind.CompId(), PeerRetransmits = kind.KeepsSequence() };
        IFixSequenceStore store;
        lock (_gate) store = kind.KeepsSequence() ? _rtStore : new FixMemorySequenceStore();
        var log = new FixRecentLog();
        using var session = new FixSession(stream, sessionOptions, store, Clock, log: log.Add, acceptor: true);
        var gs = new FixGatewaySession(kind, session, this, log);
        _drops[gs] = Drop;
        try
        {
            try { await session.AcceptLogonAsync(logon => OnLogon(gs, logon), ct); }
            catch (Exception e) when (e is FixLogonException or OperationCanceledException) { return; }
            IFixSessionHandler handler;
            lock (_gate) handler = _handlers[kind];
            var pump = gs.PumpAsync(Faults, ct);
            try { await handler.RunAsync(gs, ct); }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException) { }
            catch (Exception e) { log.Add("FIX: the " + kind.CompId() + " handler failed: " + e); } // a sandbox bug: end this session, not the process
            gs.CompleteOutbound();
            session.Dispose();
            await pump;
        }
        finally
        {
            _drops.TryRemove(gs, out var _);
            Unregister(gs);
            // The handler may have ended before the session did (a failure): close it before canceling its orders.
            session.Dispose();
            if (gs.CancelOrdersOnDisconnect) CancelPlacedHere(gs);
        }
    }

    // Runs inside the session's logon handling: verifies, then claims the (key, kind) slot. Null = accepted.
    private string? OnLogon(FixGatewaySession gs, FixMessage logon)
    {
        var now = Clock.GetUtcNow();
        if (FixMaintenanceWindow.Contains(now))
            return "FIX sessions are closed for the Thursday maintenance window (03:00-05:00 ET); log on again after 05:00 ET with ResetSeqNumFlag (141=Y)";
        var refusal = _verifier.Verify(logon, gs.Kind, out var userId);
        if (refusal != null) return refusal;
        var keyId = logon.Get(FixTags.SenderCompID)!;
        var reset = logon.GetFlag(FixTags.ResetSeqNumFlag);
        var sessionId = FixSessionOptions.SessionIdOf(FixVersions.FixT11, gs.Kind.CompId(), keyId);
        lock (_gate)
        {
            if (gs.Kind.KeepsSequence() && !reset && _rtMustReset.Contains(sessionId) && logon.Get(FixTags.MsgSeqNum) != "1")
                return "KalshiRT sequence numbers were reset in the Thursday maintenance window (03:00-05:00 ET); log on with ResetSeqNumFlag (141=Y)";
            if (_live.TryGetValue((keyId, gs.Kind), out var other) && other.Session.State != FixSessionState.Closed)
                return $"API key {keyId} already has a {gs.Kind.CompId()} session logged on; one session per key and session type";
            gs.KeyId = keyId; gs.UserId = userId;
            gs.CancelOrdersOnDisconnect = logon.GetFlag(FixTags.CancelOrdersOnDisconnect) && gs.Kind.IsOrderEntry();
            _live[(keyId, gs.Kind)] = gs;
            Executions.Follow(userId);
            if (gs.Kind.KeepsSequence()) { _rtMustReset.Remove(sessionId); _rtKnown.Add(sessionId); }
        }
        return null;
    }

    private void Unregister(FixGatewaySession gs)
    {
        lock (_gate)
            if (_live.TryGetValue((gs.KeyId, gs.Kind), out var s) && s == gs) _live.Remove((gs.KeyId, gs.Kind));
    }

    // Kalshi: CancelOrdersOnDisconnect cancels on any disconnection, graceful Logout included.
    private void CancelPlacedHere(FixGatewaySession gs)
    {
        foreach (var id in gs.PlacedHere())
        {
            var o = Exchange.GetOrder(id);
            if (o == null || o.Status != OrderStatus.Resting) continue;
            try { Exchange.CancelOrder(gs.UserId, id, o.Subaccount); }
            catch (ExchangeException) { /* filled or canceled meanwhile */ }
        }
    }

    // ---- Thursday maintenance ----

    /// <summary>
    /// Applies the maintenance window on the exchange clock: entering it logs every session out and refuses logons;
    /// leaving it resets KalshiRT sequence numbers to 1. Runs every second on the clock; tests may call it directly.
    /// </summary>
    public void CheckMaintenance()
    {
        bool inWindow = FixMaintenanceWindow.Contains(Clock.GetUtcNow());
        FixGatewaySession[] toLogOut = Array.Empty<FixGatewaySession>();
        lock (_gate)
        {
            if (inWindow == _inMaintenance) return;
            _inMaintenance = inWindow;
            if (inWindow) toLogOut = _live.Values.ToArray();
            else
            {
                _rtStore = new FixMemorySequenceStore();
                _rtMustReset.UnionWith(_rtKnown);
                _rtKnown.Clear();
            }
        }
        foreach (var s in toLogOut)
            _ = s.Session.LogoutAsync("Thursday maintenance (03:00-05:00 ET): sessions end and sequence numbers reset; log on again after 05:00 ET with ResetSeqNumFlag (141=Y)", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _maintenanceTimer.Dispose();
            _stop.Cancel();
            foreach (var l in _listeners.Values) l.Stop();
            foreach (var s in Sessions) s.Session.Dispose();
            foreach (var drop in _drops.Values) drop();
            try { await Task.WhenAll(_acceptLoops.Concat(_connections.Keys)).WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
        }
        finally
        {
            Executions.Dispose();
            _certificate.Dispose();
            try { File.Delete(CertificatePath); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
