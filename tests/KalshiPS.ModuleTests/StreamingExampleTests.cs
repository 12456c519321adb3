using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

// Sets KALSHI_* process-wide and counts sockets process-wide: runs alone.
[Collection("ProcessEnvironment")]
public sealed class StreamingExampleTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Book_monitor_example_runs_against_a_faulty_sandbox()
    {
        await using var s = await SandboxServer.StartAsync(new SandboxOptions
        {
            MarketCount = 20, BackgroundTraders = true, BackgroundTraderInterval = TimeSpan.FromMilliseconds(50),
        });
        s.Faults.WsDropEveryMessages = 25;
        s.Faults.WsSkipSeqEvery = 5;
        var env = new Dictionary<string, string?>
        {
            ["KALSHI_API_KEY_ID"] = s.ApiKeyId, ["KALSHI_PRIVATE_KEY_PATH"] = s.PrivateKeyPath,
            ["KALSHI_BASE_URI"] = s.RestUri.ToString(), ["KALSHI_WS_URI"] = s.WebSocketUri.ToString(),
        };
        try
        {
            foreach (var kv in env) Environment.SetEnvironmentVariable(kv.Key, kv.Value); // Set-Item env: needs a module the hosted engine may lack
            using var host = new PowerShellHost();
            var script = Path.Combine(PowerShellHost.RepoRoot, "examples", "book-monitor.ps1");
            var r = host.Run($"& '{script}' -Duration 00:00:03");
            var lines = r.Output.Select(o => o.ToString()).ToList();
            foreach (var l in lines) log.WriteLine(l);
            foreach (var w in r.Warnings) log.WriteLine("WARN " + w);
            foreach (var x in r.Errors) log.WriteLine("ERR " + x);
            Assert.Empty(r.Errors);
            Assert.StartsWith("Watching ", lines[0]);
            Assert.Contains(lines, l => l.Contains(" seq ") && l.Contains(" bid "));
            Assert.Equal(2, lines.Count(l => l.StartsWith("REST ")));
            Assert.Equal(0, StreamingTests.Diag("OpenSockets"));
        }
        finally
        {
            foreach (var k in env.Keys) Environment.SetEnvironmentVariable(k, null);
        }
    }
}
