using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>
/// Which routes a server answered, for `KalshiPS.Tools exercised`: off unless KALSHIPS_ROUTE_LOG names a directory.
/// Keeps the distinct (method, route template, status class) triples and appends them on dispose to
/// routes-{host}-{pid}.tsv there: one file per process, so parallel test hosts never share one; host is the test assembly
/// the server runs in (the loaded assembly named *Tests) or the process name, so a report can count one suite only.
/// </summary>
internal sealed class RouteLog
{
    public const string Variable = "KALSHIPS_ROUTE_LOG";
    private static readonly object FileGate = new(); // several servers of one process may dispose at once
    private readonly string? _directory = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } d ? d : null;
    private readonly ConcurrentDictionary<string, byte> _hits = new(StringComparer.Ordinal);

    public void Record(HttpContext ctx)
    {
        if (_directory == null || ctx.GetEndpoint() is not RouteEndpoint endpoint) return;
        var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        var status = (ctx.Response.StatusCode / 100).ToString(CultureInfo.InvariantCulture) + "xx";
        _hits.TryAdd(ctx.Request.Method + "\t" + template + "\t" + status, 0);
    }

    public void Flush()
    {
        if (_directory == null || _hits.IsEmpty) return;
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, $"routes-{HostName()}-{Environment.ProcessId}.tsv");
        lock (FileGate) File.AppendAllLines(file, _hits.Keys.OrderBy(k => k, StringComparer.Ordinal));
        _hits.Clear();
    }

    private static string HostName() =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "")
            .FirstOrDefault(n => n.EndsWith("Tests", StringComparison.Ordinal))
        ?? System.Diagnostics.Process.GetCurrentProcess().ProcessName;
}
