using System.Text.RegularExpressions;
using Xunit;

namespace KalshiPS.ModuleTests;

public class TradingHelpTests
{
    public static TheoryData<string> Cmdlets => new() { "New-KalshiOrder", "Get-KalshiOrder", "Set-KalshiOrder", "Remove-KalshiOrder",
        "Get-KalshiBalance", "Get-KalshiPosition", "Get-KalshiFill", "Get-KalshiSettlement" };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Help_source_documents_every_parameter_and_has_two_examples(string name)
    {
        var path = Path.Combine(PowerShellHost.RepoRoot, "docs", "help", name + ".md");
        Assert.True(File.Exists(path), path);
        var text = File.ReadAllText(path);
        Assert.StartsWith("# " + name + "\n## SYNOPSIS\n", text);
        foreach (var h in new[] { "## DESCRIPTION", "## PARAMETERS", "## EXAMPLES", "## OUTPUTS" }) Assert.Contains("\n" + h + "\n", text);
        Assert.True(Regex.Matches(text, @"^### Example \d+: ", RegexOptions.Multiline).Count >= 2);
        using var host = new PowerShellHost();
        var common = new HashSet<string>(System.Management.Automation.Cmdlet.CommonParameters.Concat(System.Management.Automation.Cmdlet.OptionalCommonParameters));
        var names = host.Run($"(Get-Command {name}).Parameters.Keys").Output.Select(o => o.ToString()).Where(p => !common.Contains(p)).ToList();
        Assert.NotEmpty(names);
        foreach (var p in names) Assert.Contains("\n### -" + p + "\n", text);
    }
}
