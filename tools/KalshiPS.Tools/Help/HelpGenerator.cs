using System.Management.Automation;

namespace KalshiPS.Tools.Help;

/// <summary>The outcome of a help build: the MAML text and every problem found (a missing source, an undocumented parameter...).</summary>
public sealed record HelpBuild(string Maml, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>
/// docs/help/*.md + the real cmdlet metadata (names, types, sets, positions, pipeline input, aliases) -> MAML.
/// The text comes from the sources; everything the engine knows comes from the engine, so it can't drift.
/// </summary>
public static class HelpGenerator
{
    public const int MinimumExamples = 2;

    /// <summary>Imports the module from <paramref name="layout"/>'s manifest and builds the help for every exported cmdlet.</summary>
    public static HelpBuild Build(RepoLayout layout)
    {
        using var host = new ModuleHost(layout.Manifest);
        return Build(host.ExportedCmdlets(), layout.HelpSources);
    }

    public static HelpBuild Build(IReadOnlyList<CmdletInfo> cmdlets, string sourceFolder)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var sources = Directory.Exists(sourceFolder)
            ? Directory.GetFiles(sourceFolder, "*-*.md").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => HelpSourceParser.ParseFile(f, errors))
                .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, CommandHelpSource>(StringComparer.OrdinalIgnoreCase);

        foreach (var orphan in sources.Keys.Where(n => cmdlets.All(c => !c.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
            warnings.Add($"{orphan}.md documents a cmdlet the module does not export (yet).");

        var helps = new List<CommandHelp>();
        foreach (var cmdlet in cmdlets)
        {
            if (!sources.TryGetValue(cmdlet.Name, out var source))
            {
                errors.Add($"{cmdlet.Name}: no help source; add docs/help/{cmdlet.Name}.md (see docs/help/README.md).");
                continue;
            }
            helps.Add(Merge(cmdlet, source, errors));
        }
        return new HelpBuild(MamlWriter.Write(helps), errors, warnings);
    }

    private static CommandHelp Merge(CmdletInfo cmdlet, CommandHelpSource source, List<string> errors)
    {
        var where = $"{cmdlet.Name} ({Path.GetFileName(source.SourcePath)})";
        if (source.Examples.Count < MinimumExamples) errors.Add($"{where}: {source.Examples.Count} example(s); at least {MinimumExamples} are required.");
        foreach (var example in source.Examples.Where(e => string.IsNullOrWhiteSpace(e.Code)))
            errors.Add($"{where}: example '{example.Title}' has no code.");

        var sets = cmdlet.ParameterSets;
        var documented = cmdlet.Parameters.Values
            .Where(p => !ParameterFacts.IsCommon(p.Name))
            .Select(p => ParameterFacts.From(p, sets))
            .OrderBy(p => p.Position == "named" ? int.MaxValue : int.Parse(p.Position))
            .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var parameters = new List<(ParameterFacts, List<string>)>();
        foreach (var facts in documented)
        {
            var text = source.Parameters.TryGetValue(facts.Name, out var given) && given.Count > 0 ? given
                : StandardParameterText.For(facts.Name) is { } standard ? new List<string> { standard } : null;
            if (text == null) { errors.Add($"{where}: parameter -{facts.Name} has no description."); text = new List<string>(); }
            parameters.Add((facts, text));
        }
        foreach (var extra in source.Parameters.Keys.Where(k => documented.All(d => !d.Name.Equals(k, StringComparison.OrdinalIgnoreCase))))
            errors.Add($"{where}: documents -{extra}, which the cmdlet does not have.");

        var syntax = sets
            .OrderByDescending(s => s.IsDefault)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => (IReadOnlyList<ParameterFacts>)s.Parameters
                .Where(p => !ParameterFacts.IsCommon(p.Name))
                .OrderBy(p => p.Position < 0 ? int.MaxValue : p.Position)
                .ThenByDescending(p => p.IsMandatory)
                .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(ParameterFacts.From)
                .ToList())
            .ToList();

        // Get-Help -Online opens the first related link with a URI: the cmdlet's HelpUri, written here so the two agree.
        var helpUri = (cmdlet.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), false).FirstOrDefault() as CmdletAttribute)?.HelpUri;
        if (string.IsNullOrEmpty(helpUri))
            errors.Add($"{where}: the [Cmdlet] attribute has no HelpUri (HelpUri = HelpUris.Root + \"{cmdlet.Name}.md\"), so Get-Help -Online has no target.");
        else
        {
            source.RelatedLinks.RemoveAll(l => string.Equals(l.Uri, helpUri, StringComparison.OrdinalIgnoreCase));
            source.RelatedLinks.Insert(0, new HelpLink("Online Version:", helpUri));
        }

        var outputs = source.Outputs.Count > 0 ? source.Outputs
            : cmdlet.OutputType.Select(t => t.Name).Where(n => n != "System.Void").ToList();
        var inputs = source.Inputs.Count > 0 ? source.Inputs : PipelineInputTypes(documented);
        return new CommandHelp(cmdlet.Name, source, syntax, parameters, inputs, outputs);
    }

    /// <summary>Without an INPUTS section, the types of the parameters that take pipeline input.</summary>
    private static List<string> PipelineInputTypes(IEnumerable<ParameterFacts> parameters) =>
        parameters.Where(p => p.PipelineInput != "False")
            .Select(p => (Nullable.GetUnderlyingType(p.Type) ?? p.Type).FullName ?? p.Type.Name)
            .Distinct()
            .ToList();
}
