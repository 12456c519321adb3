using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace KalshiPS.ModuleTests;

/// <summary>
/// A PSHost of our own around a runspace with KalshiPS imported: the base of tests that need to see what the engine
/// shows the user (formatted output, confirmation prompts). Subclasses supply the UI.
/// </summary>
public abstract class TestHostBase : PSHost, IDisposable
{
    private Runspace? _runspace;

    /// <summary>Opens the runspace; call from the subclass constructor once its UI exists.</summary>
    protected void Open()
    {
        _runspace = RunspaceFactory.CreateRunspace(this, InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run($"Import-Module '{PowerShellHost.ManifestPath}' -ErrorAction Stop");
    }

    /// <summary>Runs a script; any error record fails the test with its text.</summary>
    public List<PSObject> Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        foreach (var kv in variables ?? new Dictionary<string, object?>()) _runspace!.SessionStateProxy.SetVariable(kv.Key, kv.Value);
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        if (ps.Streams.Error.Count > 0) throw new InvalidOperationException(string.Join("\n", ps.Streams.Error));
        return output;
    }

    public void Dispose() => _runspace?.Dispose();

    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
