using KalshiPS.Sandbox.Runner;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

public class RunnerTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("kalships-runner-").FullName;

    public async Task InitializeAsync()
    {
        _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 5 });
        File.WriteAllText(Path.Combine(_dir, "KalshiPS.psd1"), "@{ ModuleVersion = '0.0.1' }");
        Directory.CreateDirectory(Path.Combine(_dir, "examples"));
    }

    public async Task DisposeAsync() { await _s.DisposeAsync(); Directory.Delete(_dir, true); }

    private (int Code, string Out, string Err) Run(string script)
    {
        var path = Path.Combine(_dir, "examples", "s.ps1");
        File.WriteAllText(path, script);
        var o = new StringWriter(); var e = new StringWriter();
        ScriptRunner.SetEnvironment(_s);
        int code = new ScriptRunner(o, e, verbose: false, color: false).Run(path, Array.Empty<string>());
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Repo_root_is_found_by_walking_up() =>
        Assert.Equal(_dir, ScriptRunner.FindRepoRoot(Path.Combine(_dir, "examples")));

    [Fact]
    public void Successful_script_renders_objects_and_sees_environment()
    {
        var (code, output, _) = Run("[CmdletBinding()] param()\n\"root=$PSScriptRoot\"\n$env:KALSHI_API_KEY_ID\n[pscustomobject]@{ Ticker = 'X'; Price = 0.5 }\n$PSCmdlet.WriteWarning('w')\n");
        Assert.Equal(0, code);
        Assert.Contains("root=" + Path.Combine(_dir, "examples"), output);
        Assert.Contains(_s.ApiKeyId, output);
        Assert.Contains("Ticker : X", output);
        Assert.Contains("WARNING: w", output);
    }

    [Fact]
    public void Terminating_error_exits_1() => Assert.Equal(1, Run("throw 'boom'").Code);

    [Fact]
    public void Utility_command_exits_3_with_needs_pwsh()
    {
        var (code, _, err) = Run("@(1,2) | Format-Table\n");
        Assert.Equal(3, code);
        Assert.Contains("needs pwsh: Format-Table is not available in the hosted engine (Microsoft.PowerShell.Utility)", err);
    }

    [Fact]
    public void An_error_the_script_ignores_does_not_fail_it() =>
        Assert.Equal(0, Run("if (Get-Command Import-Csv -ErrorAction Ignore) { 'pwsh' } else { 'bare engine' }\n").Code);

    [Fact]
    public void A_non_terminating_error_record_exits_1() =>
        Assert.Equal(1, Run("Get-Command No-SuchCommandAnywhere\n'after'\n").Code);

    [Fact]
    public void Named_script_arguments_bind_by_name()
    {
        var path = Path.Combine(_dir, "examples", "args.ps1");
        File.WriteAllText(path, "param([int] $Count, [switch] $Loud, [string] $Name = 'x')\n\"count=$Count loud=$Loud name=$Name\"\n");
        var o = new StringWriter();
        ScriptRunner.SetEnvironment(_s);
        var code = new ScriptRunner(o, new StringWriter(), verbose: false, color: false).Run(path, new[] { "-Count", "3", "-Loud", "-Name:y" });
        Assert.Equal(0, code);
        Assert.Contains("count=3 loud=True name=y", o.ToString());
    }
}
