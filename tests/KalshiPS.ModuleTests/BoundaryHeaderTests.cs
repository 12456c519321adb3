using System.Management.Automation;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Issue 9: header values (the API key id) are checked at Connect-Kalshi; no header can carry a second one.</summary>
public class BoundaryHeaderTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public BoundaryHeaderTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private string ConnectWith(string keyIdExpression) =>
        $"Connect-Kalshi -BaseUri '{_sandbox.Server.RestUri}' -ApiKeyId ({keyIdExpression}) -PrivateKeyPath '{_sandbox.Server.PrivateKeyPath}'";

    [Theory]
    [InlineData("\"x`r`nX-Evil: 1\"", "\\u000D")]
    [InlineData("\"abc`0def\"", "\\u0000")]
    [InlineData("\"ab cd\"", "a space")]
    [InlineData("\"ab`tcd\"", "\\u0009")]
    [InlineData("\"é-key\"", "non-ASCII")]
    public void Key_ids_with_control_or_foreign_characters_are_refused_before_any_request(string keyId, string shown)
    {
        using var host = new PowerShellHost();
        var before = _sandbox.Server.RequestLog.Count;
        var r = host.Run("try { " + ConnectWith(keyId) + " } catch { $_ }");
        var e = Assert.IsType<ErrorRecord>(Assert.Single(r.Output).BaseObject);
        Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        Assert.Contains("-ApiKeyId", e.Exception.Message);
        Assert.Contains(shown, e.Exception.Message);
        Assert.DoesNotContain('\n', e.Exception.Message);
        Assert.Equal(before, _sandbox.Server.RequestLog.Count);
        Assert.Empty(host.Run("Get-KalshiSession").Output);
    }

    [Fact]
    public void A_key_id_with_a_trailing_newline_is_trimmed_with_a_note_and_authenticates()
    {
        using var host = new PowerShellHost();
        var r = host.Run(ConnectWith($"\"{_sandbox.Server.ApiKeyId}`r`n\"") + " -Verbose -PassThru");
        Ps.Assert(r);
        Assert.Equal(_sandbox.Server.ApiKeyId, r.Output.Single().S("ApiKeyId"));
        Assert.Contains(r.Verbose, v => v.Contains("surrounding whitespace") && v.Contains("-ApiKeyId"));
        Ps.Assert(host.Run("Get-KalshiBalance"));
    }
}

/// <summary>$env:KALSHI_API_KEY_ID gets the same checks (process-wide variables, so these run alone).</summary>
[Collection("ProcessEnvironment")]
public class BoundaryHeaderEnvironmentTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public BoundaryHeaderEnvironmentTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private Dictionary<string, string?> Variables(string keyId) => new()
    {
        ["KALSHI_BASE_URI"] = _sandbox.Server.RestUri.ToString(),
        ["KALSHI_API_KEY_ID"] = keyId,
        ["KALSHI_PRIVATE_KEY_PATH"] = _sandbox.Server.PrivateKeyPath,
    };

    [Fact]
    public void A_key_id_variable_with_a_trailing_newline_works_and_says_so()
    {
        var vars = Variables(_sandbox.Server.ApiKeyId + "\n");
        using var host = new PowerShellHost(vars);
        try
        {
            var r = host.Run("Connect-Kalshi -Verbose -PassThru");
            Ps.Assert(r);
            Assert.Equal(_sandbox.Server.ApiKeyId, r.Output.Single().S("ApiKeyId"));
            Assert.Contains(r.Verbose, v => v.Contains("$env:KALSHI_API_KEY_ID") && v.Contains("surrounding whitespace"));
        }
        finally { foreach (var k in vars.Keys) Environment.SetEnvironmentVariable(k, null); }
    }

    [Fact]
    public void A_key_id_variable_carrying_a_header_is_refused_also_for_implicit_sessions()
    {
        var vars = Variables("x\r\nX-Evil: 1");
        using var host = new PowerShellHost(vars);
        try
        {
            var before = _sandbox.Server.RequestLog.Count;
            var connect = Assert.IsType<ErrorRecord>(Assert.Single(host.Run("try { Connect-Kalshi } catch { $_ }").Output).BaseObject);
            Assert.Contains("$env:KALSHI_API_KEY_ID", connect.Exception.Message);
            Assert.Equal(ErrorCategory.InvalidArgument, connect.CategoryInfo.Category);
            var implicitUse = Assert.IsType<ErrorRecord>(Assert.Single(host.Run("try { Get-KalshiBalance } catch { $_ }").Output).BaseObject);
            Assert.Contains("$env:KALSHI_API_KEY_ID", implicitUse.Exception.Message);
            Assert.Equal(before, _sandbox.Server.RequestLog.Count);
        }
        finally { foreach (var k in vars.Keys) Environment.SetEnvironmentVariable(k, null); }
    }
}
