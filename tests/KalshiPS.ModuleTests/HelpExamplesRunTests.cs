using System.Collections.Concurrent;
using System.Management.Automation;
using KalshiPS.Sandbox;
using KalshiPS.Tools.Help;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>One sandbox for every help example, with background traders so streams have something to show.</summary>
public sealed class HelpExamplesSandbox : SandboxFixture
{
    protected override SandboxOptions Options => new()
    {
        MarketCount = 60, BackgroundTraders = true, BackgroundTraderInterval = TimeSpan.FromMilliseconds(100),
    };
}

/// <summary>
/// Runs the code of every example in docs/help/*.md in a fresh hosted runspace against the sandbox, the way
/// docs/help/README.md promises ("examples must run against the KalshiPS sandbox after Connect-Kalshi"), in the full
/// engine users run (Microsoft.PowerShell.SDK: Export-Csv, Format-Table, Select-Object... all present). Every example
/// must run; every cmdlet must have at least two.
/// </summary>
[Collection("ProcessEnvironment")]
public sealed class HelpExamplesRunTests : IClassFixture<HelpExamplesSandbox>
{
    private static readonly string[] Variables =
    {
        "KALSHI_BASE_URI", "KALSHI_WS_URI", "KALSHI_API_KEY_ID", "KALSHI_PRIVATE_KEY_PATH",
        "KALSHI_FIX_HOST", "KALSHI_FIX_ORDER_ENTRY_PORT", "KALSHI_FIX_RETRANSMIT_PORT", "KALSHI_FIX_DROP_COPY_PORT", "KALSHI_FIX_MARKET_DATA_PORT",
        "KALSHI_FIX_CERTIFICATE_PATH", "KALSHI_FIX_CERTIFICATE_SHA256", "KALSHI_FIX_SEQUENCE_PATH",
    };
    private static readonly TimeSpan ExampleTimeout = TimeSpan.FromSeconds(15);

    private static readonly ConcurrentDictionary<string, ExampleOutcome> Outcomes = new();

    private readonly HelpExamplesSandbox _sandbox;
    private readonly ITestOutputHelper _log;

    public HelpExamplesRunTests(HelpExamplesSandbox sandbox, ITestOutputHelper log)
    {
        _sandbox = sandbox;
        _log = log;
    }

    public sealed record Example(string Cmdlet, int Number, string Title, string Code)
    {
        public string Id => $"{Cmdlet} #{Number}";
    }

    public enum ExampleResult { Passed, Failed }

    public sealed record ExampleOutcome(ExampleResult Result, string Detail, TimeSpan Elapsed);

    private static IReadOnlyList<Example> AllExamples { get; } = LoadExamples();

    private static List<Example> LoadExamples()
    {
        var list = new List<Example>();
        var folder = Path.Combine(PowerShellHost.RepoRoot, "docs", "help");
        foreach (var file in Directory.GetFiles(folder, "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var cmdlet = Path.GetFileNameWithoutExtension(file);
            if (cmdlet.Equals("README", StringComparison.OrdinalIgnoreCase)) continue;
            var source = HelpSourceParser.ParseFile(file, new List<string>());
            for (int i = 0; i < source.Examples.Count; i++)
                list.Add(new Example(cmdlet, i + 1, source.Examples[i].Title, source.Examples[i].Code));
        }
        return list;
    }

    /// <summary>"Cmdlet #N" per example, so each one shows by name in the test output.</summary>
    public static IEnumerable<object[]> Examples() => AllExamples.Select(e => new object[] { e.Id });

    [Theory]
    [MemberData(nameof(Examples))]
    public void Help_example_runs_against_the_sandbox(string id)
    {
        var example = AllExamples.Single(e => e.Id == id);
        var outcome = Run(example);
        _log.WriteLine($"{example.Id}: {example.Title}");
        _log.WriteLine(example.Code);
        _log.WriteLine($"=> {outcome.Result} in {outcome.Elapsed.TotalSeconds:0.0} s {outcome.Detail}");
        Assert.True(outcome.Result != ExampleResult.Failed, $"{example.Id} ({example.Title}) failed:\n{outcome.Detail}\n--- code ---\n{example.Code}");
    }

    [Fact]
    public void Every_cmdlet_has_at_least_two_examples_that_run_in_the_hosted_engine()
    {
        var cmdlets = ModuleImportTests.ManifestCmdlets().ToList();
        var summary = AllExamples.Select(e => (e, o: Run(e))).ToList();
        foreach (var g in summary.GroupBy(x => x.o.Result))
            _log.WriteLine($"{g.Key}: {g.Count()} ({string.Join(", ", g.Select(x => x.e.Id))})");
        _log.WriteLine($"Total {summary.Count} examples in {summary.Sum(x => x.o.Elapsed.TotalSeconds):0.0} s");

        var short_ = cmdlets
            .Select(c => (c, n: summary.Count(x => x.e.Cmdlet.Equals(c, StringComparison.OrdinalIgnoreCase) && x.o.Result == ExampleResult.Passed)))
            .Where(x => x.n < 2).Select(x => $"{x.c} ({x.n})").ToList();
        Assert.True(short_.Count == 0, "Cmdlets with fewer than two help examples that run against the sandbox: " + string.Join(", ", short_));
    }

    /// <summary>Runs an example once per test run (the Theory and the Fact share the outcome).</summary>
    private ExampleOutcome Run(Example example) => Outcomes.GetOrAdd(example.Id, _ => Execute(example));

    private ExampleOutcome Execute(Example example)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        var started = System.Diagnostics.Stopwatch.StartNew();
        string? workFolder = null;
        try
        {
            var s = _sandbox.Server;
            Environment.SetEnvironmentVariable("KALSHI_BASE_URI", s.RestUri.ToString());
            Environment.SetEnvironmentVariable("KALSHI_WS_URI", s.WebSocketUri.ToString());
            Environment.SetEnvironmentVariable("KALSHI_API_KEY_ID", s.ApiKeyId);
            Environment.SetEnvironmentVariable("KALSHI_PRIVATE_KEY_PATH", s.PrivateKeyPath);
            // The FIX gateway as the sandbox runner publishes it (docs/help/README.md: examples run as under the runner).
            Environment.SetEnvironmentVariable("KALSHI_FIX_HOST", s.FixHost);
            Environment.SetEnvironmentVariable("KALSHI_FIX_ORDER_ENTRY_PORT", s.FixPorts[FixSessionKind.OrderEntry].ToString());
            Environment.SetEnvironmentVariable("KALSHI_FIX_RETRANSMIT_PORT", s.FixPorts[FixSessionKind.Retransmit].ToString());
            Environment.SetEnvironmentVariable("KALSHI_FIX_DROP_COPY_PORT", s.FixPorts[FixSessionKind.DropCopy].ToString());
            Environment.SetEnvironmentVariable("KALSHI_FIX_MARKET_DATA_PORT", s.FixPorts[FixSessionKind.MarketData].ToString());
            Environment.SetEnvironmentVariable("KALSHI_FIX_CERTIFICATE_PATH", s.FixCertificatePath);
            Environment.SetEnvironmentVariable("KALSHI_FIX_CERTIFICATE_SHA256", s.FixCertificateSha256);
            Environment.SetEnvironmentVariable("KALSHI_FIX_SEQUENCE_PATH", Path.Combine(Path.GetTempPath(), "kalships-help-fix-sequences"));

            using var host = new PowerShellHost();
            // Examples write files by relative name (ticks.csv, ladder.csv): in a folder of their own, removed afterwards.
            workFolder = Directory.CreateTempSubdirectory("kalships-help-example-").FullName;
            host.Run("param() Set-Location -LiteralPath $w", new Dictionary<string, object?> { ["w"] = workFolder });
            var connects = example.Cmdlet is "Connect-Kalshi" or "Disconnect-Kalshi";
            if (!connects)
            {
                var c = host.Run("Connect-Kalshi -RetryDelay 0.05");
                if (c.Errors.Count > 0) return new(ExampleResult.Failed, "Connect-Kalshi before the example failed: " + c.Errors[0], started.Elapsed);
            }
            return Invoke(host, example.Code, started);
        }
        finally
        {
            foreach (var kv in saved) Environment.SetEnvironmentVariable(kv.Key, kv.Value);
            if (workFolder != null) Directory.Delete(workFolder, recursive: true);
        }
    }

    private static ExampleOutcome Invoke(PowerShellHost host, string code, System.Diagnostics.Stopwatch started)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = host.Runspace;
        ps.AddScript(code);
        var output = new PSDataCollection<PSObject>();
        try
        {
            var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
            if (!async.AsyncWaitHandle.WaitOne(ExampleTimeout))
            {
                ps.Stop();
                return new(ExampleResult.Failed, $"did not finish within {ExampleTimeout.TotalSeconds} s (bound streams with -Duration or -First)", started.Elapsed);
            }
            ps.EndInvoke(async);
        }
        catch (RuntimeException e)
        {
            return new(ExampleResult.Failed, Describe(e.ErrorRecord) ?? e.ToString(), started.Elapsed);
        }

        var errors = ps.Streams.Error.ToList();
        if (errors.Count == 0)
            return new(ExampleResult.Passed, $"({output.Count} output object(s))" + string.Concat(output.Take(8).Select(o => "\n  " + o)), started.Elapsed);
        return new(ExampleResult.Failed, string.Join("\n", errors.Select(Describe)), started.Elapsed);
    }

    private static string? Describe(ErrorRecord? e) =>
        e == null ? null : $"{e.FullyQualifiedErrorId}: {e}{(e.InvocationInfo?.PositionMessage is { Length: > 0 } p ? "\n" + p : "")}";
}
