using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KalshiPS.Tools;

/// <summary>The PowerShell engine hosted in-process with a KalshiPS manifest imported (the tools have no pwsh).</summary>
public sealed class ModuleHost : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleHost(string manifestPath)
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        Invoke("param($p) Import-Module $p -ErrorAction Stop", manifestPath);
    }

    public List<PSObject> Invoke(string script, params object[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        var output = ps.Invoke().ToList();
        if (ps.HadErrors && ps.Streams.Error.Count > 0)
            throw new InvalidOperationException(string.Join(Environment.NewLine, ps.Streams.Error.Select(e => e.ToString())));
        return output;
    }

    /// <summary>Every cmdlet the module exports, sorted by name.</summary>
    public List<CmdletInfo> ExportedCmdlets() =>
        Invoke("Get-Command -Module KalshiPS -CommandType Cmdlet")
            .Select(o => (CmdletInfo)o.BaseObject)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public void Dispose() => _runspace.Dispose();
}
