using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KalshiPS.Sandbox.Runner;

/// <summary>
/// Runs a PowerShell script against a fresh sandbox in the hosted full engine (Microsoft.PowerShell.SDK): sets KALSHI_*
/// environment variables, imports KalshiPS.psd1 from the repo root, prints output as pwsh's default formatter does
/// (the script's output goes through Out-String -Stream at <see cref="Width"/> columns), errors and warnings.
/// Exit codes: 0 ok, 1 error.
/// </summary>
public sealed class ScriptRunner(TextWriter stdout, TextWriter stderr, bool verbose, bool color, int width = ScriptRunner.DefaultWidth)
{
    public const int ExitOk = 0, ExitError = 1;

    /// <summary>Columns used for tables and lists when the output is not a terminal (a terminal's own width otherwise).</summary>
    public const int DefaultWidth = 120;

    public int Width { get; } = width > 0 ? width : DefaultWidth;

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
        var fix = s.FixPorts;
        string? Port(FixSessionKind k) => fix.TryGetValue(k, out var p) ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        Environment.SetEnvironmentVariable("KALSHI_FIX_HOST", s.FixHost);
        Environment.SetEnvironmentVariable("KALSHI_FIX_ORDER_ENTRY_PORT", Port(FixSessionKind.OrderEntry));
        Environment.SetEnvironmentVariable("KALSHI_FIX_RETRANSMIT_PORT", Port(FixSessionKind.Retransmit));
        Environment.SetEnvironmentVariable("KALSHI_FIX_DROP_COPY_PORT", Port(FixSessionKind.DropCopy));
        Environment.SetEnvironmentVariable("KALSHI_FIX_MARKET_DATA_PORT", Port(FixSessionKind.MarketData));
        Environment.SetEnvironmentVariable("KALSHI_FIX_CERTIFICATE_PATH", s.FixCertificatePath);
        Environment.SetEnvironmentVariable("KALSHI_FIX_CERTIFICATE_SHA256", s.FixCertificateSha256);
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

        ps.Streams.Error.DataAdded += (_, a) =>
        {
            failed = true;
            var e = ps.Streams.Error[a.Index];
            Error(e.InvocationInfo?.PositionMessage is { Length: > 0 } pos ? $"{e}\n{pos}" : e.ToString());
        };
        ps.Streams.Warning.DataAdded += (_, a) => Line(Paint("WARNING: " + ps.Streams.Warning[a.Index].Message, "33"), stdout);
        ps.Streams.Verbose.DataAdded += (_, a) => { if (verbose) Line(Paint("VERBOSE: " + ps.Streams.Verbose[a.Index].Message, "36"), stdout); };
        // Write-Host lands here too (no interactive host): its text, as pwsh prints it.
        ps.Streams.Information.DataAdded += (_, a) => Line(ps.Streams.Information[a.Index].MessageData?.ToString() ?? "", stdout);

        var root = FindRepoRoot(Path.GetDirectoryName(scriptPath)) ?? FindRepoRoot(Directory.GetCurrentDirectory());
        try
        {
            // Tables and lists as a console shows them: ANSI header colours only when we paint, never in redirected output.
            ps.AddScript("param($rendering) $PSStyle.OutputRendering = $rendering").AddArgument(color ? "Ansi" : "PlainText");
            ps.Invoke();
            ps.Commands.Clear();
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
            // The default formatter, as pwsh's Out-Default: format views, tables, lists; one text line per output item.
            ps.AddCommand("Out-String").AddParameter("Stream").AddParameter("Width", Width);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, a) => Line(output[a.Index]?.BaseObject?.ToString() ?? "", stdout);
            ps.Invoke<PSObject, PSObject>(null, output, new PSInvocationSettings());
        }
        catch (RuntimeException e)
        {
            failed = true;
            var record = e.ErrorRecord;
            Error(record?.InvocationInfo?.PositionMessage is { Length: > 0 } pos ? $"{record}\n{pos}" : record?.ToString() ?? e.Message);
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

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
    private static void Line(string text, TextWriter w) { lock (w) w.WriteLine(text); }
    private void Error(string text) => Line(Paint(text, "31"), stderr);
}
