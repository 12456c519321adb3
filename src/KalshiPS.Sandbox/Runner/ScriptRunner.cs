using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KalshiPS.Sandbox.Runner;

/// <summary>
/// Runs a PowerShell script against a fresh sandbox in a hosted engine: sets KALSHI_* environment variables, imports
/// KalshiPS.psd1 from the repo root, streams output/errors/warnings. Exit codes: 0 ok, 1 error, 3 needs full pwsh.
/// </summary>
public sealed class ScriptRunner(TextWriter stdout, TextWriter stderr, bool verbose, bool color)
{
    public const int ExitOk = 0, ExitError = 1, ExitNeedsPwsh = 3;

    /// <summary>Commands shipped in modules the hosted engine lacks (only System.Management.Automation is referenced).</summary>
    private static readonly Dictionary<string, string> MissingModuleOf = BuildMissing();

    private static Dictionary<string, string> BuildMissing()
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in ("Add-Member Compare-Object ConvertFrom-Csv ConvertFrom-Json ConvertTo-Csv ConvertTo-Html ConvertTo-Json ConvertTo-Xml Export-Clixml Export-Csv " +
            "Format-Custom Format-Hex Format-List Format-Table Format-Wide Get-Date Get-Member Get-Random Get-Unique Group-Object Import-Clixml Import-Csv " +
            "Invoke-RestMethod Invoke-WebRequest Measure-Command Measure-Object New-Guid New-Object Out-File Out-GridView Out-String Read-Host Select-Object " +
            "Select-String Select-Xml Sort-Object Start-Sleep Tee-Object Update-TypeData Write-Host Write-Output Write-Progress Get-Unique ConvertFrom-StringData " +
            "Write-Error Write-Warning Write-Verbose Write-Debug Write-Information Get-Variable Set-Variable New-Variable Remove-Variable Clear-Variable Join-String Test-Json New-TimeSpan Get-Error").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            d[c] = "Microsoft.PowerShell.Utility";
        foreach (var c in ("Get-ChildItem Get-Content Set-Content Add-Content Test-Path Join-Path Split-Path Resolve-Path Get-Item New-Item Remove-Item Copy-Item " +
            "Move-Item Get-Location Set-Location Push-Location Pop-Location Get-Process Start-Process Stop-Process Get-Service Convert-Path").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            d[c] = "Microsoft.PowerShell.Management";
        foreach (var c in new[] { "ConvertTo-SecureString", "ConvertFrom-SecureString", "Get-Credential" })
            d[c] = "Microsoft.PowerShell.Security";
        return d;
    }

    /// <summary>The module a command comes from when the hosted engine lacks it ("needs pwsh"); null when it has it.</summary>
    internal static string? PwshOnlyModuleOf(string? command) =>
        command != null && MissingModuleOf.TryGetValue(command, out var module) ? module : null;

    /// <summary>Folder holding KalshiPS.psd1, walking up from start; null when none.</summary>
    public static string? FindRepoRoot(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KalshiPS.psd1"))) return dir.FullName;
        return null;
    }

    public static void SetEnvironment(SandboxServer s)
    {
        Environment.SetEnvironmentVariable("KALSHI_BASE_URI", s.RestUri.ToString());
        Environment.SetEnvironmentVariable("KALSHI_WS_URI", s.WebSocketUri.ToString());
        Environment.SetEnvironmentVariable("KALSHI_API_KEY_ID", s.ApiKeyId);
        Environment.SetEnvironmentVariable("KALSHI_PRIVATE_KEY_PATH", s.PrivateKeyPath);
        Environment.SetEnvironmentVariable("KALSHI_SANDBOX_CONTROL_URI", s.ControlUri.ToString());
    }

    /// <summary>Runs the script (the sandbox must already be running and the environment set). Returns the exit code.</summary>
    public int Run(string scriptPath, IReadOnlyList<string> scriptArgs)
    {
        scriptPath = Path.GetFullPath(scriptPath);
        if (!File.Exists(scriptPath)) { Error($"script not found: {scriptPath}"); return ExitError; }
        var iss = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using var ps = PowerShell.Create(iss);
        bool failed = false;
        string? needsPwsh = null;

        void OnError(ErrorRecord e)
        {
            failed = true;
            needsPwsh ??= MissingCommand(e);
            Error(e.InvocationInfo?.PositionMessage is { Length: > 0 } pos ? $"{e}\n{pos}" : e.ToString());
        }

        ps.Streams.Error.DataAdded += (_, a) => OnError(ps.Streams.Error[a.Index]);
        ps.Streams.Warning.DataAdded += (_, a) => Line(Paint("WARNING: " + ps.Streams.Warning[a.Index].Message, "33"), stdout);
        ps.Streams.Verbose.DataAdded += (_, a) => { if (verbose) Line(Paint("VERBOSE: " + ps.Streams.Verbose[a.Index].Message, "36"), stdout); };
        ps.Streams.Information.DataAdded += (_, a) => Line(ps.Streams.Information[a.Index].MessageData?.ToString() ?? "", stdout);

        var root = FindRepoRoot(Path.GetDirectoryName(scriptPath)) ?? FindRepoRoot(Directory.GetCurrentDirectory());
        try
        {
            if (root != null)
            {
                ps.AddCommand("Import-Module").AddArgument(Path.Combine(root, "KalshiPS.psd1")).AddParameter("ErrorAction", "Stop");
                ps.Invoke();
                if (failed) return ExitError;
                ps.Commands.Clear();
            }
            else Line(Paint("WARNING: KalshiPS.psd1 not found above the script or the current directory; running without the module.", "33"), stdout);

            ps.AddCommand(scriptPath);
            AddScriptArguments(ps, scriptArgs);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, a) => Render(output[a.Index]);
            ps.Invoke<PSObject, PSObject>(null, output, new PSInvocationSettings());
        }
        catch (RuntimeException e)
        {
            failed = true;
            needsPwsh ??= MissingCommand(e.ErrorRecord) ?? (e is CommandNotFoundException c ? Missing(c.CommandName) : null);
            Error(e.ErrorRecord?.ToString() ?? e.Message);
        }
        if (needsPwsh != null)
        {
            Error($"needs pwsh: {needsPwsh}");
            return ExitNeedsPwsh;
        }
        // Not ps.HadErrors: it is also set by errors the script chose to ignore (-ErrorAction Ignore).
        return failed ? ExitError : ExitOk;
    }

    /// <summary>Script arguments as PowerShell would bind them: "-Name value", "-Name:value", "-Switch", or positional.</summary>
    internal static void AddScriptArguments(PowerShell ps, IReadOnlyList<string> args)
    {
        static bool IsName(string a) => a.Length > 1 && a[0] == '-' && char.IsLetter(a[1]);
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!IsName(a)) { ps.AddArgument(a); continue; }
            var colon = a.IndexOf(':');
            if (colon > 0) { ps.AddParameter(a.Substring(1, colon - 1), a.Substring(colon + 1)); continue; }
            if (i + 1 < args.Count && !IsName(args[i + 1])) ps.AddParameter(a.Substring(1), args[++i]);
            else ps.AddParameter(a.Substring(1), true);
        }
    }

    private static string? MissingCommand(ErrorRecord? e)
    {
        if (e == null) return null;
        if (e.Exception is CommandNotFoundException c && Missing(c.CommandName ?? e.CategoryInfo.TargetName) is { } m) return m;
        if (e.FullyQualifiedErrorId?.StartsWith("CommandNotFoundException", StringComparison.Ordinal) == true) return Missing(e.CategoryInfo.TargetName);
        return null;
    }

    private static string? Missing(string? command) =>
        command != null && MissingModuleOf.TryGetValue(command, out var module) ? $"{command} is not available in the hosted engine ({module})" : null;

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
    private static void Line(string text, TextWriter w) { lock (w) w.WriteLine(text); }
    private void Error(string text) => Line(Paint(text, "31"), stderr);

    /// <summary>Strings and primitives as-is; other objects as "Name : Value" lines, blank line between objects.</summary>
    private void Render(PSObject? o)
    {
        if (o == null) return;
        var b = o.BaseObject;
        if (b is string || b is ValueType || b is Uri) { Line(Convert.ToString(b, System.Globalization.CultureInfo.InvariantCulture) ?? "", stdout); return; }
        var pairs = new List<(string, string)>();
        if (b is IDictionary dict) foreach (DictionaryEntry e in dict) pairs.Add((e.Key?.ToString() ?? "", Show(e.Value)));
        else foreach (var p in o.Properties) { object? v; try { v = p.Value; } catch { v = "<error>"; } pairs.Add((p.Name, Show(v))); }
        int w = pairs.Count == 0 ? 0 : pairs.Max(p => p.Item1.Length);
        var sb = new System.Text.StringBuilder();
        foreach (var (n, v) in pairs) sb.Append(n.PadRight(w)).Append(" : ").AppendLine(v);
        Line(sb.ToString(), stdout);
    }

    private static string Show(object? v) => v switch
    {
        null => "",
        PSObject p => Show(p.BaseObject),
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable e => "{" + string.Join(", ", e.Cast<object?>().Take(10).Select(Show)) + "}",
        _ => v.ToString() ?? "",
    };
}
