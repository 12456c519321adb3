using System.Text.RegularExpressions;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// What the examples print in the full engine (Out-String formats exactly as pwsh's console does): no property dumps,
/// lines that fit 80 columns, one number format, no currency placeholder and no blank amounts on an empty account.
/// </summary>
// Sets KALSHI_* process-wide (the examples call Connect-Kalshi without arguments): runs alone.
[Collection("ProcessEnvironment")]
public sealed class ExampleOutputTests(ITestOutputHelper log)
{
    /// <summary>A "Name : value" line of a Format-List block.</summary>
    private static readonly Regex ListLine = new(@"^\w+\s+: ");
    /// <summary>A dollar amount at Kalshi's wire scale (0.5600, 10000.0000) instead of the display rule (0.56, 10000.00).</summary>
    private static readonly Regex WireDecimal = new(@"(?<![\w.])\d+\.\d\d(\d0|00)(?![\w.])");

    [Theory]
    [InlineData("quickstart.ps1")]
    [InlineData("portfolio-report.ps1")]
    [InlineData("market-scan.ps1")]
    [InlineData("order-ladder.ps1")]
    public async Task Example_prints_tables_and_sentences_that_fit_80_columns(string example)
    {
        var text = await RunAsync(example);
        var lines = text.Replace("\r", "").Split('\n');
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 80, $"line longer than 80 columns: '{line}'");
            Assert.False(WireDecimal.IsMatch(line), $"a number in wire form: '{line}'");
        }
        var longestList = 0;
        for (int i = 0, run = 0; i < lines.Length; i++)
        {
            run = ListLine.IsMatch(lines[i]) ? run + 1 : 0;
            longestList = Math.Max(longestList, run);
        }
        Assert.True(longestList < 8, $"{example} printed a {longestList}-property list");
        Assert.DoesNotContain("¤", text);
    }

    [Fact]
    public async Task Portfolio_report_on_an_empty_account_shows_zero_amounts_in_dollars()
    {
        var text = await RunAsync("portfolio-report.ps1");
        Assert.Contains("Cash available: $10,000.00   Portfolio value: $0.00", text);
        Assert.Contains("Exposure: $0.00   Realized P&L: $0.00   Fees: $0.00", text);
        Assert.Contains("Resting orders: 0 (reserved $0.00)", text);
        Assert.Contains("Settlements in the last 30 days: 0, revenue $0.00", text);
    }

    private async Task<string> RunAsync(string example)
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 40 });
        var env = new Dictionary<string, string?>
        {
            ["KALSHI_API_KEY_ID"] = s.ApiKeyId, ["KALSHI_PRIVATE_KEY_PATH"] = s.PrivateKeyPath,
            ["KALSHI_BASE_URI"] = s.RestUri.ToString(), ["KALSHI_WS_URI"] = s.WebSocketUri.ToString(),
        };
        try
        {
            foreach (var kv in env) Environment.SetEnvironmentVariable(kv.Key, kv.Value);
            using var host = new PowerShellHost();
            var script = Path.Combine(PowerShellHost.RepoRoot, "examples", example);
            var r = host.Run($"& '{script}' *>&1 | Out-String -Width 80");
            Ps.Assert(r);
            var text = r.Output.Single().ToString()!;
            log.WriteLine(text);
            return text;
        }
        finally
        {
            foreach (var k in env.Keys) Environment.SetEnvironmentVariable(k, null);
        }
    }
}
