using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// A fresh sandbox per test and a runspace already connected to it (REST and WebSocket), for tests whose faults or
/// counters must not leak into each other.
/// </summary>
public abstract class ConnectedSandboxTest : IAsyncLifetime
{
    protected readonly ITestOutputHelper _log;
    protected SandboxServer _s = null!;
    protected PowerShellHost _host = null!;

    protected ConnectedSandboxTest(ITestOutputHelper log) { _log = log; }

    protected virtual SandboxOptions Options => new() { MarketCount = 20 };

    public async Task InitializeAsync()
    {
        _s = await SandboxServer.StartAsync(Options);
        _host = new PowerShellHost();
        _host.Run($"Connect-Kalshi -ApiKeyId '{_s.ApiKeyId}' -PrivateKeyPath '{_s.PrivateKeyPath}' -BaseUri '{_s.RestUri}' -WebSocketUri '{_s.WebSocketUri}'");
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _s.DisposeAsync();
    }
}
