using System.Globalization;
using System.Runtime.InteropServices;

namespace KalshiPS.Sandbox.Runner;

/// <summary>
/// CLI: no script → serve until Ctrl+C; a .ps1 path → run it against a fresh sandbox; --new-key DIR → write a key pair.
/// </summary>
public static class CommandLine
{
    public static async Task<int> MainAsync(string[] args)
    {
        // A script may ask for the exchange it needs in "#sandbox: --traders --ws-drop-every 40" lines near its top;
        // options given on the command line come after them, so they win.
        var directives = ScriptDirectives(args);
        if (directives.Length > 0) args = directives.Concat(args).ToArray();
        var o = new SandboxOptions();
        string? script = null, newKeyDir = null;
        bool verbose = false;
        int? width = null;
        var scriptArgs = new List<string>();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (script != null && i >= directives.Length) { scriptArgs.Add(args[i]); continue; }
                string a = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
                int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
                double NextDouble() => double.Parse(Next(), CultureInfo.InvariantCulture);
                switch (a)
                {
                    case "--port": o.Port = NextInt(); break;
                    case "--seed": o.Seed = NextInt(); break;
                    case "--markets": o.MarketCount = NextInt(); break;
                    case "--traders": o.BackgroundTraders = true; break;
                    case "--no-fix": o.EnableFix = false; break;
                    case "--balance": o.StartingBalance = decimal.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--key-dir": o.KeyDirectory = Next(); break;
                    case "--new-key": newKeyDir = Next(); break;
                    case "--verbose": verbose = true; break;
                    case "--width": width = NextInt(); break;
                    case "--fail-rate": o.Faults.ErrorRate = NextDouble(); break;
                    case "--reset-rate": o.Faults.ResetRate = NextDouble(); break;
                    case "--latency-ms": o.Faults.LatencyMs = NextInt(); break;
                    case "--read-tokens": o.Faults.ReadTokensPerSecond = NextInt(); break;
                    case "--write-tokens": o.Faults.WriteTokensPerSecond = NextInt(); break;
                    case "--fail-create-after-commit": o.Faults.FailNextCreateAfterCommit = NextInt(); break;
                    case "--after-commit-rate": o.Faults.AfterCommitRate = NextDouble(); break;
                    case "--ws-drop-every": o.Faults.WsDropEveryMessages = NextInt(); break;
                    case "--ws-skip-seq-every": o.Faults.WsSkipSeqEvery = NextInt(); break;
                    case "--ws-lose-delta-every": o.Faults.WsLoseDeltaEvery = NextInt(); break;
                    case "--ws-max-subscriptions": o.WebSocketMaxSubscriptions = NextInt(); break;
                    case "-h" or "--help": Usage(); return 0;
                    default:
                        if (a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unknown option {a}");
                        script = a; break;
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message); Usage(); return 2;
        }

        if (newKeyDir != null) return await NewKeyAsync(newKeyDir);

        using var signals = new StopSignals();
        await using var server = await SandboxServer.StartAsync(o);
        ScriptRunner.SetEnvironment(server);
        if (script != null)
        {
            bool terminal = !Console.IsOutputRedirected;
            bool color = terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            var runner = new ScriptRunner(Console.Out, Console.Error, verbose, color, width ?? TerminalWidth());
            var run = Task.Run(() => runner.Run(script, scriptArgs));
            if (await Task.WhenAny(run, signals.Received) == run) return await run;
            Console.Error.WriteLine($"stopped by {signals.Name}; the script did not finish");
            await server.DisposeAsync(); // sockets closed, temporary key file deleted
            // The engine's pipeline thread is a foreground thread that would keep the process alive after Main returns.
            Environment.Exit(128 + signals.Number);
        }

        Console.WriteLine($"KalshiPS Sandbox listening (seed {o.Seed}, {server.Exchange.Markets.Count} markets)");
        Console.WriteLine($"  REST     {server.RestUri}");
        Console.WriteLine($"  WS       {server.WebSocketUri}");
        Console.WriteLine($"  Control  {server.ControlUri}");
        Console.WriteLine($"  Key id   {server.ApiKeyId}");
        Console.WriteLine($"  Key file {server.PrivateKeyPath}");
        if (server.FixHost != null)
        {
            foreach (var (kind, port) in server.FixPorts) Console.WriteLine($"  FIX      tls://{server.FixHost}:{port}  {kind.CompId()}");
            Console.WriteLine($"  FIX cert {server.FixCertificatePath} (SHA-256 {server.FixCertificateSha256})");
        }
        Console.WriteLine();
        Console.WriteLine($"Connect-Kalshi -BaseUri {server.RestUri} -WebSocketUri {server.WebSocketUri} -ApiKeyId {server.ApiKeyId} -PrivateKeyPath {server.PrivateKeyPath}");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
        await signals.Received;
        Console.WriteLine($"Stopping ({signals.Name}).");
        return 0;
    }

    /// <summary>
    /// SIGINT (Ctrl+C) and SIGTERM (kill, CI timeouts, test fixtures) both end the process promptly: the handler
    /// cancels the runtime's default action and the caller disposes the server, so sockets close and the key file goes.
    /// </summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly PosixSignalRegistration[] _registrations;

        public StopSignals() => _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, On),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, On),
        };

        public Task Received => _received.Task;
        public string Name { get; private set; } = "";
        /// <summary>The POSIX number (exit code 128 + n, as shells report a signal).</summary>
        public int Number { get; private set; }

        private void On(PosixSignalContext context)
        {
            context.Cancel = true;
            if (_received.Task.IsCompleted) return;
            (Name, Number) = context.Signal == PosixSignal.SIGINT ? ("SIGINT", 2) : ("SIGTERM", 15);
            _received.TrySetResult();
        }

        public void Dispose() { foreach (var r in _registrations) r.Dispose(); }
    }

    /// <summary>The terminal's columns; the runner's default (120) when redirected or unknown.</summary>
    private static int TerminalWidth()
    {
        if (Console.IsOutputRedirected) return ScriptRunner.DefaultWidth;
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : ScriptRunner.DefaultWidth; }
        catch (IOException) { return ScriptRunner.DefaultWidth; }
    }

    /// <summary>Option tokens from the "#sandbox:" comment lines in the first 40 lines of the script named in args.</summary>
    private static string[] ScriptDirectives(string[] args)
    {
        var path = args.FirstOrDefault(a => a.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase));
        if (path == null || !File.Exists(path)) return Array.Empty<string>();
        return File.ReadLines(path).Take(40)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("#sandbox:", StringComparison.OrdinalIgnoreCase))
            .SelectMany(l => l.Substring("#sandbox:".Length).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
    }

    /// <summary>Writes {id}.pem (PKCS#1 private) and {id}.pub.pem; servers started with --key-dir DIR accept it.</summary>
    private static async Task<int> NewKeyAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var (priv, pub) = KeyStore.GenerateKeyPair();
        var id = Guid.NewGuid().ToString();
        await KeyStore.WritePrivateKeyAsync(Path.Combine(dir, id + ".pem"), priv);
        File.WriteAllText(Path.Combine(dir, id + ".pub.pem"), pub);
        Console.WriteLine(id);
        Console.Error.WriteLine($"wrote {Path.Combine(dir, id + ".pem")} (start the sandbox with --key-dir {dir} to accept it)");
        return 0;
    }

    private static void Usage() => Console.Error.WriteLine("""
        usage: KalshiPS.Sandbox [options] [script.ps1 [script args...]]
          (no script)            serve until Ctrl+C or SIGTERM and print the Connect-Kalshi line
          script.ps1             start a sandbox, set KALSHI_* env vars, import KalshiPS.psd1, run the script
                                 output formatted as pwsh does (tables, lists) at the terminal's width, 120 when redirected
                                 exit 0 ok, 1 an error record or a terminating error
                                 "#sandbox: <options>" lines at the top of the script add options (command line wins)
          --port N --seed N --markets N --traders --balance DOLLARS --verbose --width COLUMNS
          --key-dir DIR          write the generated key there and accept every DIR/*.pub.pem key
          --new-key DIR          write a new key pair to DIR, print its key id, exit
          faults: --fail-rate 0.2 --reset-rate 0.1 --latency-ms 50 --read-tokens 200 --write-tokens 100
                  --fail-create-after-commit N --after-commit-rate 0.1 --ws-drop-every N --ws-skip-seq-every N --ws-lose-delta-every N
          --ws-max-subscriptions N   subscriptions per WebSocket connection before error 26 (default 100)
          --no-fix               no FIX listeners (by default: TLS order entry NR/RT, drop copy, market data on 127.0.0.1)
        """);
}
