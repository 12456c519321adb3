using System.Management.Automation;
using System.Xml.Linq;
using KalshiPS.Tools;
using KalshiPS.Tools.Help;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>The committed MAML matches the sources and the cmdlets; the generator refuses incomplete help.</summary>
public class HelpGenerationTests
{
    private static RepoLayout Layout => RepoLayout.Find(PowerShellHost.RepoRoot);

    [Fact]
    public void Committed_MAML_is_current_and_the_sources_are_complete()
    {
        var build = HelpGenerator.Build(Layout);
        Assert.True(build.Errors.Count == 0, "Help problems:\n" + string.Join("\n", build.Errors));
        var committed = File.ReadAllText(Layout.MamlFile).Replace("\r\n", "\n");
        Assert.True(committed == build.Maml,
            "module/en-US/KalshiPS.dll-Help.xml is stale: run `dotnet run --project tools/KalshiPS.Tools -- help` and commit it.");
    }

    [Fact]
    public void MAML_has_the_command_help_schema_elements()
    {
        var doc = XDocument.Load(Layout.MamlFile);
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10", maml = "http://schemas.microsoft.com/maml/2004/10";
        Assert.Equal("helpItems", doc.Root!.Name.LocalName);
        var commands = doc.Root.Elements(command + "command").ToList();
        Assert.Equal(ModuleImportTests.ManifestCmdlets().Count(), commands.Count);
        foreach (var c in commands)
        {
            foreach (var name in new[] { command + "details", maml + "description", command + "syntax", command + "parameters", command + "examples", command + "returnValues", maml + "relatedLinks" })
                Assert.NotNull(c.Element(name));
        }
    }

    [Fact]
    public void A_cmdlet_without_a_help_source_is_an_error()
    {
        using var host = new ModuleHost(PowerShellHost.ManifestPath);
        var cmdlets = host.ExportedCmdlets();
        var empty = Directory.CreateTempSubdirectory("kalships-help").FullName;
        try
        {
            File.Copy(Path.Combine(Layout.HelpSources, "Get-KalshiMarket.md"), Path.Combine(empty, "Get-KalshiMarket.md"));
            var build = HelpGenerator.Build(cmdlets, empty);
            Assert.Contains(build.Errors, e => e.StartsWith("Get-KalshiEvent: no help source"));
            Assert.DoesNotContain(build.Errors, e => e.StartsWith("Get-KalshiMarket"));
        }
        finally { Directory.Delete(empty, true); }
    }

    [Fact]
    public void Undocumented_parameters_and_missing_examples_are_errors()
    {
        using var host = new ModuleHost(PowerShellHost.ManifestPath);
        var cmdlets = host.ExportedCmdlets().Where(c => c.Name == "Get-KalshiOrderbook").ToList();
        var folder = Directory.CreateTempSubdirectory("kalships-help").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Get-KalshiOrderbook.md"),
                "# Get-KalshiOrderbook\n## SYNOPSIS\nGets books.\n## DESCRIPTION\nBooks.\n## PARAMETERS\n### -Ticker\nThe ticker.\n### -Bogus\nNo such thing.\n## EXAMPLES\n### One\n```powershell\nGet-KalshiOrderbook X\n```\nText.\n");
            var errors = HelpGenerator.Build(cmdlets, folder).Errors;
            Assert.Contains(errors, e => e.Contains("-Depth has no description"));
            Assert.Contains(errors, e => e.Contains("-Bogus, which the cmdlet does not have"));
            Assert.Contains(errors, e => e.Contains("1 example(s)"));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Parser_reads_every_section_of_the_documented_layout()
    {
        var errors = new List<string>();
        var src = HelpSourceParser.Parse(
            "# Get-Thing\n## SYNOPSIS\nOne line.\n## DESCRIPTION\nFirst\nparagraph.\n\nSecond.\n## PARAMETERS\n### -Name\nThe name.\n" +
            "## EXAMPLES\n### Example 1: Do it\n```powershell\nGet-Thing -Name x\n```\nWhat it does.\n## OUTPUTS\nA.B\nC.D: text\n## NOTES\nNote.\n## RELATED LINKS\nGet-Other\nhttps://example.com/x\n",
            "test", errors);
        Assert.Empty(errors);
        Assert.Equal("Get-Thing", src.Name);
        Assert.Equal(new[] { "First paragraph.", "Second." }, src.Description);
        Assert.Equal(new[] { "The name." }, src.Parameters["Name"]);
        Assert.Equal("Get-Thing -Name x", src.Examples.Single().Code);
        Assert.Equal(new[] { "A.B", "C.D: text" }, src.Outputs);
        Assert.Equal("https://example.com/x", src.RelatedLinks[1].Uri);

        HelpSourceParser.Parse("# X-Y\n## SYNOPSYS\nTypo.\n", "typo", errors);
        Assert.Contains(errors, e => e.Contains("unknown section"));
    }
}
