using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>One sandbox exchange per test class (xunit class fixture), on a free loopback port.</summary>
public class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    protected virtual SandboxOptions Options => new() { MarketCount = 120 };

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync(Options);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The Connect-Kalshi line a user would paste, with this sandbox's endpoints and key.</summary>
    public string ConnectLine(string extra = "") =>
        $"Connect-Kalshi -BaseUri '{Server.RestUri}' -WebSocketUri '{Server.WebSocketUri}' -ApiKeyId '{Server.ApiKeyId}' -PrivateKeyPath '{Server.PrivateKeyPath}' -RetryDelay 0.05 {extra}";

    public string AnonymousConnectLine(string extra = "") => $"Connect-Kalshi -BaseUri '{Server.RestUri}' {extra}";

    public string OpenTicker(int index = 0) =>
        Server.Exchange.Markets.Where(m => m.Status == "active").Skip(index).First().Ticker;
}

/// <summary>Tests that change process-wide state (environment variables) must not run beside others.</summary>
[CollectionDefinition("ProcessEnvironment", DisableParallelization = true)]
public class ProcessEnvironmentCollection { }
