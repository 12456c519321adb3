using System.Management.Automation;
using KalshiPS.Tools;
using KalshiPS.Tools.Help;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>What a user sees with Get-Help in the hosted engine, for every exported cmdlet.</summary>
public class HelpContentTests
{
    public static IEnumerable<object[]> ExportedCmdlets() => ModuleImportTests.ManifestCmdlets().Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_cmdlet_has_a_help_source(string cmdlet)
    {
        var layout = RepoLayout.Find(PowerShellHost.RepoRoot);
        Assert.True(File.Exists(Path.Combine(layout.HelpSources, cmdlet + ".md")),
            $"{cmdlet} has no help source: add docs/help/{cmdlet}.md (format: docs/help/README.md) and run `dotnet run --project tools/KalshiPS.Tools -- help`.");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void GetHelp_shows_synopsis_description_parameters_and_examples(string cmdlet)
    {
        using var host = new PowerShellHost();
        var help = host.Run($"Get-Help {cmdlet} -Full").Output.Single();
        var source = HelpSourceParser.ParseFile(Path.Combine(PowerShellHost.RepoRoot, "docs", "help", cmdlet + ".md"), new List<string>());

        // Without MAML, Get-Help invents a synopsis from the syntax ("Get-KalshiMarket [[-Ticker] <string[]>] ...").
        var synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim();
        Assert.Equal(source.Synopsis, synopsis);
        Assert.NotEmpty(Texts(help.Properties["description"]?.Value));

        var parameterNames = host.Run($"(Get-Command {cmdlet}).Parameters.Keys").Output.Select(o => o.ToString()!)
            .Where(n => !ParameterFacts.IsCommon(n)).ToList();
        var helpParameters = Items(Prop(help, "parameters"), "parameter").ToList();
        foreach (var name in parameterNames)
        {
            var p = helpParameters.SingleOrDefault(x => string.Equals(x.Properties["name"].Value?.ToString(), name, StringComparison.OrdinalIgnoreCase));
            Assert.True(p != null, $"{cmdlet} -{name} is missing from Get-Help");
            Assert.True(Texts(p!.Properties["description"]?.Value).Any(t => t.Length > 10), $"{cmdlet} -{name} has no description in Get-Help");
        }

        var examples = Items(Prop(help, "examples"), "example").ToList();
        Assert.True(examples.Count >= HelpGenerator.MinimumExamples, $"{cmdlet} has {examples.Count} example(s) in Get-Help");
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Properties["code"].Value?.ToString())));
    }

    /// <summary>
    /// Get-Help looks for KalshiPS.dll-Help.xml in culture folders under the module base only (not next to the dll).
    /// For the root manifest that is the repo root, so the build mirrors module/en-US to en-US/; the staged Gallery
    /// folder has en-US/ next to its manifest (PackagingTests checks Get-Help there).
    /// </summary>
    [Fact]
    public void GetHelp_finds_the_MAML_in_module_en_US()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(PowerShellHost.RepoRoot, "module", "en-US")))
        {
            var mirror = Path.Combine(PowerShellHost.RepoRoot, "en-US", Path.GetFileName(file));
            Assert.True(File.Exists(mirror) && File.ReadAllText(mirror) == File.ReadAllText(file),
                $"{mirror} is missing or differs from module/en-US: run `dotnet build src/KalshiPS`.");
        }
        using var host = new PowerShellHost();
        var info = host.Run("Get-Command Get-KalshiMarket").Single<CmdletInfo>();
        Assert.Equal("KalshiPS.dll-Help.xml", info.HelpFile == null ? null : Path.GetFileName(info.HelpFile));
        var help = host.Run("Get-Help Get-KalshiMarket -Examples").Output.Single();
        Assert.Equal("Cmdlet", help.Properties["Category"].Value?.ToString());
        Assert.True(File.Exists(Path.Combine(PowerShellHost.RepoRoot, "module", "en-US", "KalshiPS.dll-Help.xml")));
    }

    [Fact]
    public void GetHelp_Parameter_shows_metadata_from_the_cmdlet()
    {
        using var host = new PowerShellHost();
        var p = host.Run("Get-Help Get-KalshiOrderbook -Parameter Ticker").Output.Single();
        Assert.Equal("true", p.Properties["required"].Value?.ToString());
        Assert.Equal("0", p.Properties["position"].Value?.ToString());
        Assert.Equal("True (ByValue, ByPropertyName)", p.Properties["pipelineInput"].Value?.ToString());
        Assert.Equal("MarketTicker", p.Properties["aliases"].Value?.ToString());
    }

    [Theory]
    [InlineData("about_KalshiPS")]
    [InlineData("about_KalshiPS_Authentication")]
    [InlineData("about_KalshiPS_Sessions")]
    [InlineData("about_KalshiPS_RateLimits")]
    [InlineData("about_KalshiPS_Streaming")]
    [InlineData("about_KalshiPS_Sandbox")]
    public void About_topics_are_found_by_GetHelp(string topic)
    {
        using var host = new PowerShellHost();
        var result = host.Run($"Get-Help {topic}");
        Assert.Empty(result.Errors);
        var text = string.Join("\n", result.Output.Select(o => o.ToString()));
        Assert.Contains(topic, text);
        Assert.True(text.Length > 800, $"{topic} is too short to help anyone ({text.Length} characters)");
    }

    private static object? Prop(PSObject o, string name) => o.Properties[name]?.Value;

    private static IEnumerable<PSObject> Items(object? container, string name)
    {
        if (container is not PSObject pso) yield break;
        var value = pso.Properties[name]?.Value;
        foreach (var item in LanguagePrimitives.GetEnumerable(value) ?? new[] { value })
            if (item is PSObject p) yield return p;
    }

    /// <summary>The text of a MAML description: an array of objects with a Text property.</summary>
    private static List<string> Texts(object? value)
    {
        var list = new List<string>();
        foreach (var item in LanguagePrimitives.GetEnumerable(value) ?? (value == null ? Array.Empty<object>() : new[] { value }))
        {
            var text = item is PSObject p ? p.Properties["Text"]?.Value?.ToString() ?? p.ToString() : item?.ToString();
            if (!string.IsNullOrWhiteSpace(text)) list.Add(text.Trim());
        }
        return list;
    }
}
