using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KalshiPS.ModuleTests;

/// <summary>
/// The PowerShell engine hosted in-process with KalshiPS imported from the repo root by its manifest, exactly as a
/// user does. Each instance is its own runspace (so its own default session).
/// </summary>
public sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellHost(IDictionary<string, string?>? environment = null)
    {
        var iss = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        if (environment != null)
            foreach (var kv in environment) SetVariable("env:" + kv.Key, kv.Value);
        Run($"Import-Module '{ManifestPath}' -ErrorAction Stop");
    }

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string ManifestPath => Path.Combine(RepoRoot, "KalshiPS.psd1");

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script; returns its output and the error records it wrote (terminating errors throw).</summary>
    public PsResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
            foreach (var kv in variables) _runspace.SessionStateProxy.SetVariable(kv.Key, kv.Value);
        ps.AddScript(script);
        var output = ps.Invoke();
        return new PsResult(output, ps.Streams.Error.ToList(), ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Warning.Select(w => w.Message).ToList(), ps.Streams.Progress.ToList());
    }

    /// <summary>Starts a script without waiting, for Stop() tests.</summary>
    public PowerShell Begin(string script, PSDataCollection<PSObject> output)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        ps.BeginInvoke<PSObject, PSObject>(null, output);
        return ps;
    }

    public void SetVariable(string name, object? value)
    {
        if (name.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            // Process-wide, as $env: is in PowerShell; callers that set these must not run in parallel.
            Environment.SetEnvironmentVariable(name.Substring(4), value?.ToString());
            return;
        }
        _runspace.SessionStateProxy.SetVariable(name, value);
    }

    public void Dispose() => _runspace.Dispose();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "KalshiPS.psd1"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("KalshiPS.psd1 not found above " + AppContext.BaseDirectory);
    }
}

public sealed record PsResult(Collection<PSObject> Output, List<ErrorRecord> Errors, List<string> Verbose, List<string> Warnings, List<ProgressRecord> Progress)
{
    public T Single<T>() => (T)Output.Single().BaseObject;
    public IEnumerable<T> All<T>() => Output.Select(o => (T)o.BaseObject);
    public object? Prop(int index, string name) => Output[index].Properties[name]?.Value;
}
