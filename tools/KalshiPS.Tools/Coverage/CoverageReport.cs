using System.Text;
using KalshiPS.Sandbox;

namespace KalshiPS.Tools.Coverage;

/// <summary>One spec operation with the cmdlets that type it and whether the sandbox serves its method and path.</summary>
public sealed record CoverageRow(SpecOperation Operation, IReadOnlyList<string> Cmdlets, bool Served);

/// <summary>One WebSocket channel with the Watch-* cmdlets that stream it and whether the sandbox accepts a subscription.</summary>
public sealed record ChannelRow(SpecChannel Channel, IReadOnlyList<string> Cmdlets, bool Served);

/// <summary>
/// docs/api-coverage.md: every operation of the spec → KalshiPS cmdlet → sandbox. Cmdlets come from the module's
/// [KalshiOperation] attributes, "served" from the routes a started sandbox registered (method + template, parameter
/// names ignored, so /markets/{ticker} does not count as serving /markets/orderbooks). The same for the WebSocket
/// channels: [KalshiChannel] attributes, and a subscribe per channel on a sandbox connection.
/// </summary>
public sealed class CoverageReport
{
    public const string RestPrefix = "/trade-api/v2";

    private CoverageReport(IReadOnlyList<CoverageRow> rows, IReadOnlyList<SandboxRoute> extraRoutes, IReadOnlyList<string> unknownIds, string source,
        IReadOnlyList<ChannelRow> channels)
    {
        Rows = rows; ExtraRoutes = extraRoutes; UnknownOperationIds = unknownIds; Source = source; Channels = channels;
    }

    public IReadOnlyList<CoverageRow> Rows { get; }
    public IReadOnlyList<ChannelRow> Channels { get; }
    /// <summary>Sandbox REST routes that are no spec operation (legacy answers, spelling variants).</summary>
    public IReadOnlyList<SandboxRoute> ExtraRoutes { get; }
    /// <summary>"Cmdlet: id" for every [KalshiOperation] id that is not in the spec, "Cmdlet: channel x" for every unknown [KalshiChannel].</summary>
    public IReadOnlyList<string> UnknownOperationIds { get; }
    public string Source { get; }
    public int Typed => Rows.Count(r => r.Cmdlets.Count > 0);
    public int Served => Rows.Count(r => r.Served);
    public int TypedAndServed => Rows.Count(r => r.Served && r.Cmdlets.Count > 0);

    public static string PathIn(RepoLayout layout) => Path.Combine(layout.Root, "docs", "api-coverage.md");

    /// <summary>The report for this checkout: reads the fixture, imports the module, starts (and stops) a sandbox.</summary>
    public static async Task<CoverageReport> BuildAsync(RepoLayout layout)
    {
        var operations = OperationsFixture.Read(OperationsFixture.PathIn(layout));
        var source = File.ReadLines(OperationsFixture.PathIn(layout)).FirstOrDefault(l => l.StartsWith('#')) ?? "";
        var channels = ChannelsFixture.Read(ChannelsFixture.PathIn(layout));
        SortedDictionary<string, string[]> cmdlets, watchers;
        using (var host = new ModuleHost(layout.Manifest))
        {
            var exported = host.ExportedCmdlets();
            cmdlets = ModuleOperations.Read(exported);
            watchers = ModuleOperations.ReadChannels(exported);
        }
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 1 });
        var servedChannels = await SandboxChannelProbe.ServedAsync(sandbox, channels.Select(c => c.Name));
        return Build(operations, cmdlets, sandbox.Routes, SourceName(source), channels, watchers, servedChannels);
    }

    public static CoverageReport Build(IReadOnlyList<SpecOperation> operations, IReadOnlyDictionary<string, string[]> cmdletOperations,
        IReadOnlyList<SandboxRoute> routes, string source,
        IReadOnlyList<SpecChannel>? channels = null, IReadOnlyDictionary<string, string[]>? channelCmdlets = null, ISet<string>? servedChannels = null)
    {
        channels ??= Array.Empty<SpecChannel>();
        channelCmdlets ??= new Dictionary<string, string[]>();
        var known = operations.Select(o => o.OperationId).ToHashSet(StringComparer.Ordinal);
        var knownChannels = channels.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = cmdletOperations.SelectMany(c => c.Value.Where(id => !known.Contains(id)).Select(id => $"{c.Key}: {id}"))
            .Concat(channelCmdlets.SelectMany(c => c.Value.Where(ch => !knownChannels.Contains(ch)).Select(ch => $"{c.Key}: channel {ch}"))).ToList();
        var served = routes.Where(r => r.Template.StartsWith(RestPrefix + "/", StringComparison.Ordinal))
            .Select(r => Key(r.Method, r.Template[RestPrefix.Length..])).ToHashSet();
        var rows = operations.Select(o => new CoverageRow(o,
                cmdletOperations.Where(c => c.Value.Contains(o.OperationId, StringComparer.Ordinal)).Select(c => c.Key).ToList(),
                served.Contains(Key(o.Method, o.Path)) || served.Contains(Key("*", o.Path))))
            .ToList();
        var specKeys = operations.Select(o => Key(o.Method, o.Path)).ToHashSet();
        var extra = routes.Where(r => r.Template.StartsWith(RestPrefix + "/", StringComparison.Ordinal)
            && !specKeys.Contains(Key(r.Method, r.Template[RestPrefix.Length..]))).ToList();
        var channelRows = channels.Select(c => new ChannelRow(c,
                channelCmdlets.Where(w => w.Value.Contains(c.Name, StringComparer.Ordinal)).Select(w => w.Key).ToList(),
                servedChannels?.Contains(c.Name) == true))
            .ToList();
        return new CoverageReport(rows, extra, unknown, source, channelRows);
    }

    /// <summary>Method and template with every {parameter} (name, constraint) reduced to {}.</summary>
    internal static string Key(string method, string template)
    {
        var sb = new StringBuilder(method.ToUpperInvariant()).Append(' ');
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] != '{') { sb.Append(template[i]); continue; }
            int close = template.IndexOf('}', i);
            sb.Append("{}");
            i = close < 0 ? template.Length : close;
        }
        return sb.ToString().TrimEnd('/');
    }

    private static string SourceName(string commentLine)
    {
        int at = commentLine.IndexOf("generated into ", StringComparison.Ordinal);
        if (at < 0) return "the spec";
        var rest = commentLine[(at + "generated into ".Length)..];
        int space = rest.IndexOf(' ');
        return space < 0 ? rest : rest[..space];
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        int total = Rows.Count;
        string Pct(int n) => total == 0 ? "0%" : $"{Math.Round(100.0 * n / total)}%";
        sb.Append("# Kalshi API coverage (REST and WebSocket)\n\n");
        sb.Append("Generated by `dotnet run --project tools/KalshiPS.Tools -- coverage`; do not edit (a module test fails when it is stale).\n");
        sb.Append($"Operations: `tests/fixtures/kalshi-openapi-operations.tsv` ({Source}). Cmdlet: the module's `[KalshiOperation]` attributes.\n");
        sb.Append("Sandbox: the routes a started KalshiPS Sandbox registers (method and path template).\n\n");
        sb.Append($"**{total} operations · {Typed} typed by a cmdlet ({Pct(Typed)}) · {Served} served by the sandbox ({Pct(Served)}) · {TypedAndServed} both**\n\n");
        if (Channels.Count > 0)
            sb.Append($"**{Channels.Count} WebSocket channels · {Channels.Count(c => c.Cmdlets.Count > 0)} streamed by a Watch-* cmdlet · {Channels.Count(c => c.Served)} served by the sandbox**\n\n");
        foreach (var group in Rows.GroupBy(r => r.Operation.Tag))
        {
            var rows = group.ToList();
            sb.Append($"## {group.Key} ({rows.Count(r => r.Cmdlets.Count > 0)}/{rows.Count} typed, {rows.Count(r => r.Served)}/{rows.Count} served)\n\n");
            sb.Append("| Operation | Method | Path | Cmdlet | Sandbox |\n|---|---|---|---|---|\n");
            foreach (var r in rows)
                sb.Append($"| {r.Operation.OperationId} | {r.Operation.Method} | `{r.Operation.Path}` | {(r.Cmdlets.Count == 0 ? "—" : string.Join(", ", r.Cmdlets))} | {(r.Served ? "yes" : "no")} |\n");
            sb.Append('\n');
        }
        if (Channels.Count > 0)
        {
            sb.Append("## WebSocket channels\n\n");
            sb.Append("From `tests/fixtures/kalshi-websocket-channels.tsv` (kalshi-api.md §8; the npm SDK has no WebSocket). Cmdlet: `[KalshiChannel]`; ");
            sb.Append("sandbox: a subscribe on a sandbox connection is answered `subscribed`.\n\n");
            sb.Append("| Channel | Auth | Messages | Cmdlet | Sandbox |\n|---|---|---|---|---|\n");
            foreach (var c in Channels)
                sb.Append($"| {c.Channel.Name} | {c.Channel.Auth} | {c.Channel.Messages.Replace(",", ", ")} | {(c.Cmdlets.Count == 0 ? "—" : string.Join(", ", c.Cmdlets))} | {(c.Served ? "yes" : "no")} |\n");
            sb.Append('\n');
        }
        if (ExtraRoutes.Count > 0)
        {
            sb.Append("## Sandbox routes that are no spec operation\n\n| Method | Path |\n|---|---|\n");
            foreach (var r in ExtraRoutes) sb.Append($"| {r.Method} | `{r.Template[RestPrefix.Length..]}` |\n");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
