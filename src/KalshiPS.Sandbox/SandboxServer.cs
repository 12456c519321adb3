using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiPS.Sandbox;

/// <summary>
/// A running sandbox exchange on 127.0.0.1: REST under /trade-api/v2, WebSocket at /trade-api/ws/v2, control under /sandbox.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    public const string DefaultUserId = "sandbox-user";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();
    private readonly ConcurrentQueue<(string Method, string Path, string Query)> _details = new();
    private readonly List<IDisposable> _timers = new();
    private RouteLog _routeLog = null!;
    private StreamingHub _hub = null!;
    private int _userCounter = 1;
    private static readonly Lazy<(string PrivatePem, string PublicPem)> SharedKeyPair = new(KeyStore.GenerateKeyPair);

    public Uri RestUri { get; }
    public Uri WebSocketUri { get; }
    public Uri ControlUri { get; }
    public int Port { get; }
    public string ApiKeyId { get; }
    public string PrivateKeyPem { get; }
    public string PrivateKeyPath { get; }
    /// <summary>User that owns <see cref="ApiKeyId"/>.</summary>
    public string UserId => DefaultUserId;
    public Exchange Exchange { get; }
    public FaultOptions Faults { get; }
    public SandboxOptions Options { get; }
    public KeyStore Keys { get; }
    /// <summary>What GET /historical/cutoff reports; tests move it.</summary>
    public HistoricalCutoff HistoricalCutoff { get; private init; } = null!;
    public FeeChanges FeeChanges { get; private init; } = null!;
    /// <summary>API usage level grants and volume progress (/account/api_usage_level/*).</summary>
    public ApiUsage ApiUsage { get; private init; } = null!;
    /// <summary>The FIX acceptor (null with <see cref="SandboxOptions.EnableFix"/> false).</summary>
    internal FixGateway? FixGateway { get; private set; }
    /// <summary>Host the FIX listeners are on ("127.0.0.1"; null without FIX).</summary>
    public string? FixHost => FixGateway?.Host;
    /// <summary>TLS port of each FIX session kind (empty without FIX).</summary>
    public IReadOnlyDictionary<FixSessionKind, int> FixPorts => FixGateway?.Ports ?? new Dictionary<FixSessionKind, int>();
    /// <summary>PEM file of the FIX listeners' self-signed certificate (trust it for that connection only).</summary>
    public string? FixCertificatePath => FixGateway?.CertificatePath;
    /// <summary>SHA-256 of the FIX certificate's DER bytes, lower-case hex: the pin.</summary>
    public string? FixCertificateSha256 => FixGateway?.CertificateSha256;
    /// <summary>WebSocket subscriptions alive on all connections (tests wait on it instead of sleeping).</summary>
    public int WebSocketSubscriptionCount => _hub.SubscriptionCount;

    private SandboxServer(WebApplication app, SandboxOptions options, Exchange ex, KeyStore keys, string keyId, string pem, string pemPath, int port,
        ConcurrentQueue<(string, string)> requests, ConcurrentQueue<(string, string, string)> details)
    {
        _app = app; Options = options; Exchange = ex; Keys = keys; Faults = options.Faults; _requests = requests; _details = details;
        ApiKeyId = keyId; PrivateKeyPem = pem; PrivateKeyPath = pemPath; Port = port;
        RestUri = new Uri($"http://127.0.0.1:{port}/trade-api/v2");
        WebSocketUri = new Uri($"ws://127.0.0.1:{port}/trade-api/ws/v2");
        ControlUri = new Uri($"http://127.0.0.1:{port}/sandbox");
    }

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SandboxOptions();
        var clock = options.Clock ?? TimeProvider.System;
        var ex = new Exchange(clock, options.Seed, options.StartingBalance);
        UniverseBuilder.Build(ex, options.Seed, options.MarketCount);

        var keys = new KeyStore();
        var (pem, pub) = SharedKeyPair.Value; // RSA-2048 generation is slow; one pair per process, fresh key id per server
        string keyId = keys.Register(pub, DefaultUserId);
        ex.GetOrCreateAccount(DefaultUserId);
        var dir = options.KeyDirectory ?? Path.Combine(Path.GetTempPath(), "kalships-sandbox");
        Directory.CreateDirectory(dir);
        var pemPath = Path.Combine(dir, $"sandbox-{keyId}.pem");
        if (options.KeyDirectory != null) // keys made with --new-key DIR: {id}.pub.pem
            foreach (var pubFile in Directory.GetFiles(dir, "*.pub.pem"))
                keys.Register(await File.ReadAllTextAsync(pubFile, ct), DefaultUserId, Path.GetFileName(pubFile)[..^".pub.pem".Length]);
        await KeyStore.WritePrivateKeyAsync(pemPath, pem, ct);

        var requests = new ConcurrentQueue<(string, string)>();
        var details = new ConcurrentQueue<(string, string, string)>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddLogging();
        builder.Services.AddRouting();
        // Signals belong to the process (CommandLine), not to each server: the default console lifetime would swallow
        // SIGTERM in every sandbox a test host starts, and in the CLI it stopped Kestrel without ending the process.
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        var app = builder.Build();
        var verifier = new SignatureVerifier(keys, clock, () => options.TimestampTolerance);
        var limiter = new RateLimiter(options.Faults, clock);
        var faultRng = new Random(options.Seed ^ 0xFA17);
        var hub = new StreamingHub(ex, options.Faults, options);
        var routeLog = new RouteLog();

        app.Use(async (ctx, next) =>
        {
            requests.Enqueue((ctx.Request.Method, ctx.Request.Path.Value ?? ""));
            details.Enqueue((ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? ""));
            try { await next(); }
            finally { routeLog.Record(ctx); }
        });
        app.Use(async (ctx, next) =>
        {
            try { await next(); }
            catch (ExchangeException e) when (!ctx.Response.HasStarted) { await Http.Error(e).ExecuteAsync(ctx); }
            catch (BadHttpRequestException e) when (!ctx.Response.HasStarted) { await Http.Error(400, "invalid_parameters", e.Message).ExecuteAsync(ctx); }
            catch (Exception e) when (Http.IsJsonTypeError(e) && !ctx.Response.HasStarted)
            {
                // A body field of the wrong JSON type (a string where a number goes, ...): the caller's mistake, not a 500.
                await Http.Error(400, "invalid_parameters", "a request body field has the wrong JSON type: " + e.Message).ExecuteAsync(ctx);
            }
        });
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path.Value ?? "";
            if (!path.StartsWith("/trade-api/", StringComparison.Ordinal)) { await next(); return; }
            if (await FaultGate.BeforeAsync(ctx, options.Faults, limiter, faultRng)) return;
            bool isPublic = !options.RequireAuthForMarketData && HttpMethods.IsGet(ctx.Request.Method) && IsPublicPath(path);
            var h = ctx.Request.Headers;
            bool hasAuth = h.ContainsKey(SignatureVerifier.KeyHeader) || h.ContainsKey(SignatureVerifier.SignatureHeader);
            if (!isPublic || hasAuth)
            {
                var failure = verifier.Verify(h[SignatureVerifier.KeyHeader], h[SignatureVerifier.TimestampHeader], h[SignatureVerifier.SignatureHeader],
                    ctx.Request.Method, path, out var user);
                if (failure != null) { await Http.Error(401, failure.Code, failure.Message, failure.Details).ExecuteAsync(ctx); return; }
                ctx.Items["kalshi.user"] = user;
            }
            await next();
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.WebSocketPingInterval, KeepAliveTimeout = options.WebSocketPingInterval * 3 });
        app.Map("/trade-api/ws/v2", (HttpContext ctx) => hub.HandleAsync(ctx));

        SandboxServer? self = null;
        ControlEndpoints.Map(app, () => self!, ex);
        var api = app.MapGroup("/trade-api/v2").WithSegmentShapes();
        MarketDataEndpoints.Map(api, ex);
        PortfolioEndpoints.Map(api, ex, options.Faults);
        var cutoff = ex.Cutoff;
        HistoricalEndpoints.Map(api, ex);
        MoneyEndpoints.Map(api, ex);
        var usage = new ApiUsage(ex);
        AccountEndpoints.Map(api, ex, options.Faults, usage);
        OrderGroupEndpoints.Map(api, ex, options.Faults);
        SubaccountEndpoints.Map(api, ex, options.Faults);
        var fees = FeeChanges.Seed(ex.AllSeries, ex.AllEvents, clock.GetUtcNow(), options.Seed);
        ReferenceDataEndpoints.Map(api, ex, fees);
        ForecastEndpoints.Map(api, ex);
        CommunicationsEndpoints.Map(api, ex, options.Faults);
        ApiKeyEndpoints.Map(api, keys, options.Faults);
        if (options.RfqDesk) ex.OpenDesk(DefaultUserId);
        MultivariateEventEndpoints.Map(api, ex);
        MultivariateCollectionEndpoints.Map(api, ex);
        DataServiceEndpoints.Map(api, ex);
        FcmEndpoints.Map(api, ex);
        // Any path (dotted last segments too: "{*path:nonfile}", the default, would leave those an empty 404).
        app.MapFallback("{*path}", () => Http.Error(404, "not_found", "route not found"));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(address).Port;
        var server = new SandboxServer(app, options, ex, keys, keyId, pem, pemPath, port, requests, details) { HistoricalCutoff = cutoff, FeeChanges = fees, ApiUsage = usage };
        server._hub = hub; server._routeLog = routeLog;
        if (options.EnableFix) server.FixGateway = FixGateway.Start(ex, verifier, options, dir);
        self = server;
        server._timers.Add(new Timer(_ => ex.SweepExpired(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)));
        server._timers.Add(IndexFeed.Start(ex, options.Seed));
        if (options.BackgroundTraders) server._timers.Add(BackgroundTraders.Start(ex, options.Seed, options.BackgroundTraderInterval));
        return server;
    }

    private static bool IsPublicPath(string path)
    {
        var rest = path["/trade-api/v2".Length..];
        return rest.StartsWith("/markets") || rest.StartsWith("/events") || rest.StartsWith("/series") || rest.StartsWith("/exchange")
            || rest == "/historical/cutoff" || rest.StartsWith("/historical/markets") || rest.StartsWith("/historical/trades")
            || rest.StartsWith("/multivariate_event_collections") || rest.StartsWith("/milestones") || rest.StartsWith("/structured_targets")
            || rest.StartsWith("/live_data") || rest.StartsWith("/incentive_programs") || rest.StartsWith("/search/");
    }

    /// <summary>Registers an extra key. A null userId creates a new user with the starting balance. Returns the key id.</summary>
    public string RegisterKey(string publicKeyPem, string? userId = null)
    {
        userId ??= $"user-{Interlocked.Increment(ref _userCounter)}";
        Exchange.GetOrCreateAccount(userId);
        return Keys.Register(publicKeyPem, userId);
    }

    /// <summary>
    /// Requests that reached the server with this method ("*" = any) whose path starts with pathPrefix, given either from the
    /// host root ("/trade-api/v2/portfolio/events/orders") or relative to the REST base ("/portfolio/events/orders").
    /// </summary>
    public int RequestCount(string method, string pathPrefix) =>
        _requests.Count(r => (method == "*" || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
            && (r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)
                || (r.Path.StartsWith("/trade-api/v2", StringComparison.Ordinal) && r.Path["/trade-api/v2".Length..].StartsWith(pathPrefix, StringComparison.Ordinal))));

    /// <summary>
    /// The three KALSHI-ACCESS-* headers for a request signed with <see cref="ApiKeyId"/> (path from the host root, e.g.
    /// "/trade-api/v2/portfolio/balance"; any query is stripped). Convenience for tests that call the API directly.
    /// </summary>
    public IReadOnlyDictionary<string, string> SignRequest(string method, string pathFromRoot, DateTimeOffset? at = null)
    {
        string ts = (at ?? (Options.Clock ?? TimeProvider.System).GetUtcNow()).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        int q = pathFromRoot.IndexOf('?');
        if (q >= 0) pathFromRoot = pathFromRoot[..q];
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(PrivateKeyPem);
        var sig = rsa.SignData(System.Text.Encoding.UTF8.GetBytes(ts + method.ToUpperInvariant() + pathFromRoot),
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pss);
        return new Dictionary<string, string>
        {
            [SignatureVerifier.KeyHeader] = ApiKeyId,
            [SignatureVerifier.TimestampHeader] = ts,
            [SignatureVerifier.SignatureHeader] = Convert.ToBase64String(sig),
        };
    }

    /// <summary>Every route this server answers (from ASP.NET Core's endpoint data sources).</summary>
    public IReadOnlyList<SandboxRoute> Routes => RouteTable.Of(_app);

    /// <summary>All requests seen so far (method, path).</summary>
    public IReadOnlyList<(string Method, string Path)> RequestLog => _requests.ToArray();

    /// <summary>All requests seen so far with their query strings ("?a=1&amp;b=2", "" when none), for tests of what was asked.</summary>
    public IReadOnlyList<(string Method, string Path, string Query)> RequestDetails => _details.ToArray();

    public void ResetRequestLog() { _requests.Clear(); _details.Clear(); }

    public async ValueTask DisposeAsync()
    {
        foreach (var t in _timers) t.Dispose();
        if (FixGateway != null) await FixGateway.DisposeAsync(); // sessions end, listeners close, the certificate file goes
        if (Options.KeyDirectory == null) try { File.Delete(PrivateKeyPath); } catch (IOException) { }
        _hub.Stop(); // open sockets end now instead of holding StopAsync for its whole timeout
        using (var cts = new CancellationTokenSource(2000)) { try { await _app.StopAsync(cts.Token); } catch { } }
        await _app.DisposeAsync();
        _routeLog.Flush();
    }
}

/// <summary>A host lifetime that leaves process signals alone (the CLI handles SIGINT/SIGTERM itself).</summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
