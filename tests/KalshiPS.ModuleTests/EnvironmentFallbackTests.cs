using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>KALSHI_* variables are process-wide, so these tests run alone.</summary>
[Collection("ProcessEnvironment")]
public class EnvironmentFallbackTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public EnvironmentFallbackTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private Dictionary<string, string?> Variables() => new()
    {
        ["KALSHI_BASE_URI"] = _sandbox.Server.RestUri.ToString(),
        ["KALSHI_WS_URI"] = _sandbox.Server.WebSocketUri.ToString(),
        ["KALSHI_API_KEY_ID"] = _sandbox.Server.ApiKeyId,
        ["KALSHI_PRIVATE_KEY_PATH"] = _sandbox.Server.PrivateKeyPath,
    };

    [Fact]
    public void Connect_Kalshi_with_no_parameters_uses_the_environment()
    {
        var vars = Variables();
        using var host = new PowerShellHost(vars);
        try
        {
            var session = host.Run("Connect-Kalshi -PassThru");
            Assert.Empty(session.Errors);
            Assert.Equal(_sandbox.Server.RestUri, session.Prop(0, "BaseUri"));
            Assert.Equal(_sandbox.Server.WebSocketUri, session.Prop(0, "WebSocketUri"));
            Assert.Equal(_sandbox.Server.ApiKeyId, session.Prop(0, "ApiKeyId"));
            Assert.Empty(host.Run("Invoke-KalshiRequest -Path /portfolio/balance").Errors);
        }
        finally { foreach (var k in vars.Keys) Environment.SetEnvironmentVariable(k, null); }
    }

    [Fact]
    public void Without_Connect_Kalshi_cmdlets_use_an_implicit_session_from_the_environment()
    {
        var vars = Variables();
        using var host = new PowerShellHost(vars);
        try
        {
            Assert.Equal(2, host.Run("Get-KalshiMarket -First 2").Output.Count);
            Assert.Empty(host.Run("Invoke-KalshiRequest -Path /portfolio/balance").Errors);
        }
        finally { foreach (var k in vars.Keys) Environment.SetEnvironmentVariable(k, null); }
    }

    [Fact]
    public void Demo_environment_selects_the_demo_hosts_and_explicit_parameters_win()
    {
        using var host = new PowerShellHost(new Dictionary<string, string?> { ["KALSHI_ENVIRONMENT"] = "Demo" });
        try
        {
            var demo = host.Run("Connect-Kalshi -PassThru");
            Assert.Equal(new Uri("https://external-api.demo.kalshi.co/trade-api/v2"), demo.Prop(0, "BaseUri"));
            Assert.Equal(new Uri("wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2"), demo.Prop(0, "WebSocketUri"));
            var prod = host.Run("Connect-Kalshi -Environment Production -PassThru");
            Assert.Equal(new Uri("https://external-api.kalshi.com/trade-api/v2"), prod.Prop(0, "BaseUri"));
        }
        finally { Environment.SetEnvironmentVariable("KALSHI_ENVIRONMENT", null); }
    }
}
