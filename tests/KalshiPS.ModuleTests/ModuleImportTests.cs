using System.Management.Automation;
using Xunit;

namespace KalshiPS.ModuleTests;

public class ModuleImportTests
{
    [Fact]
    public void Manifest_passes_TestModuleManifest()
    {
        using var host = new PowerShellHost();
        var result = host.Run($"Test-ModuleManifest -Path '{PowerShellHost.ManifestPath}'");
        Assert.Empty(result.Errors);
        var module = result.Output.Single();
        Assert.Equal("KalshiPS", module.Properties["Name"].Value);
    }

    [Fact]
    public void Every_exported_cmdlet_exists_and_every_cmdlet_is_exported()
    {
        using var host = new PowerShellHost();
        var exported = host.Run("(Get-Module KalshiPS).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).OrderBy(x => x).ToList();
        var manifest = ManifestCmdlets().OrderBy(x => x).ToList();
        Assert.Equal(manifest, exported);
        Assert.Contains("Get-KalshiMarket", exported);
        var implemented = host.Run("Get-Command -Module KalshiPS -CommandType Cmdlet | ForEach-Object Name").Output.Select(o => o.ToString()).ToList();
        Assert.Equal(manifest.Count, implemented.Count);
    }

    internal static IEnumerable<string> ManifestCmdlets()
    {
        var text = File.ReadAllText(PowerShellHost.ManifestPath);
        var block = System.Text.RegularExpressions.Regex.Match(text, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        return System.Text.RegularExpressions.Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value);
    }

    [Fact]
    public void Dependencies_load_into_the_private_KalshiPS_load_context()
    {
        using var host = new PowerShellHost();
        // Building a session touches Polly.Core, which only the module's resolver can find (module/Dependencies).
        host.Run("Connect-Kalshi -BaseUri http://127.0.0.1:9/trade-api/v2");
        var polly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Polly.Core");
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(polly);
        Assert.Equal("KalshiPS", context?.Name);
        Assert.StartsWith(Path.Combine(PowerShellHost.RepoRoot, "module", "Dependencies"), polly.Location);
    }

    [Fact]
    public void System_Management_Automation_is_never_staged_with_the_module()
    {
        var staged = Directory.GetFiles(Path.Combine(PowerShellHost.RepoRoot, "module"), "*.dll", SearchOption.AllDirectories);
        Assert.Contains(staged, f => Path.GetFileName(f) == "KalshiPS.dll");
        Assert.DoesNotContain(staged, f => Path.GetFileName(f).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase));
    }
}
