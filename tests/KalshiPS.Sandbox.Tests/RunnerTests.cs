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
        Assert.Matches(@"Ticker\s+Price", output);
        Assert.Contains("WARNING: w", output);
    }

    [Fact]
    public void The_script_sees_the_FIX_endpoints_and_certificate()
    {
        var (code, output, err) = Run("\"$env:KALSHI_FIX_HOST $env:KALSHI_FIX_ORDER_ENTRY_PORT $env:KALSHI_FIX_RETRANSMIT_PORT $env:KALSHI_FIX_DROP_COPY_PORT $env:KALSHI_FIX_MARKET_DATA_PORT\"\n$env:KALSHI_FIX_CERTIFICATE_PATH\n$env:KALSHI_FIX_CERTIFICATE_SHA256\n");
        Assert.True(code == 0, err);
        var p = _s.FixPorts;
        Assert.Contains($"127.0.0.1 {p[FixSessionKind.OrderEntry]} {p[FixSessionKind.Retransmit]} {p[FixSessionKind.DropCopy]} {p[FixSessionKind.MarketData]}", output);
        Assert.Contains(_s.FixCertificatePath!, output);
        Assert.Contains(_s.FixCertificateSha256!, output);
    }

    [Fact]
    public void Terminating_error_exits_1() => Assert.Equal(1, Run("throw 'boom'").Code);

    [Fact]
    public void Output_is_formatted_as_pwsh_formats_it()
    {
        // Four properties or fewer: a table; five or more: a list (pwsh's default for objects without a view).
        var (code, output, err) = Run(
            "[pscustomobject]@{ Ticker = 'KX-A'; Price = 0.5 }\n" +
            "[pscustomobject]@{ Ticker = 'KX-B'; Price = 0.25 }\n");
        Assert.True(code == 0, err);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Ticker\s+Price$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^-+\s+-+$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^KX-B\s+0[.,]25$"));
    }

    [Fact]
    public void Format_Table_prints_text_not_format_objects()
    {
        var (code, output, err) = Run("Get-Command Export-Csv, Format-Table, ConvertTo-Json | Format-Table Name, CommandType\n");
        Assert.True(code == 0, err);
        Assert.Contains("Export-Csv", output);
        Assert.Contains("ConvertTo-Json", output);
        Assert.DoesNotContain("Microsoft.PowerShell.Commands.Internal.Format", output);
        Assert.DoesNotContain("FormatStartData", output);
    }

    [Fact]
    public void Tables_fit_the_runner_width()
    {
        var (code, output, err) = Run("[pscustomobject]@{ A = 'x' * 300; B = 'y' }\n");
        Assert.True(code == 0, err);
        var widest = output.Split('\n').Max(l => l.TrimEnd('\r').Length);
        Assert.InRange(widest, 40, ScriptRunner.DefaultWidth);
    }

    [Fact]
    public void Utility_and_management_commands_run_in_the_hosted_engine()
    {
        var csv = Path.Combine(_dir, "rows.csv");
        var (code, output, err) = Run(
            $"[pscustomobject]@{{ Ticker = 'KX-A'; Price = 0.5 }} | Export-Csv -Path '{csv}' -NoTypeInformation\n" +
            $"$row = Import-Csv -Path '{csv}' | Select-Object -First 1\n" +
            "\"csv=$($row.Ticker) json=$(@{ n = 1 } | ConvertTo-Json -Compress) date=$((Get-Date).Year -gt 2000) items=$((Get-ChildItem $PSScriptRoot).Count -gt 0)\"\n" +
            "Write-Host 'from host'\n");
        Assert.True(code == 0, err);
        Assert.Contains("csv=KX-A json={\"n\":1} date=True items=True", output);
        Assert.Contains("from host", output);
    }

    [Fact]
    public void An_unknown_command_exits_1_and_names_it()
    {
        var (code, _, err) = Run("No-SuchCommandAnywhere\n");
        Assert.Equal(1, code);
        Assert.Contains("No-SuchCommandAnywhere", err);
    }

    [Fact]
    public void An_error_the_script_ignores_does_not_fail_it() =>
        Assert.Equal(0, Run("Get-Command No-SuchCommandAnywhere -ErrorAction Ignore\n'after'\n").Code);

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
