using System.Collections;
using System.Management.Automation;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Get-Help -Online has a target: each cmdlet's help source in the project's repository (ProjectUri + docs/help).</summary>
public class OnlineHelpTests
{
    public static IEnumerable<object[]> ExportedCmdlets() => ModuleImportTests.ManifestCmdlets().Select(c => new object[] { c });

    private static string ProjectUri(PowerShellHost host) =>
        host.Run($"(Import-PowerShellDataFile '{PowerShellHost.ManifestPath}').PrivateData.PSData.ProjectUri").Output.Single().ToString()!;

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Cmdlet_help_uri_and_first_help_link_point_at_its_docs_page(string cmdlet)
    {
        using var host = new PowerShellHost();
        var expected = $"{ProjectUri(host)}/blob/main/docs/help/{cmdlet}.md";
        Assert.Equal(expected, host.Run($"(Get-Command {cmdlet}).HelpUri").Output.Single().ToString());

        // Get-Help -Online opens the first related link that has a URI.
        var help = host.Run($"Get-Help {cmdlet} -Full").Output.Single();
        var links = ((help.Properties["relatedLinks"]?.Value as PSObject)?.Properties["navigationLink"]?.Value) switch
        {
            IEnumerable many when many is not string => many.Cast<object>().Select(o => PSObject.AsPSObject(o)).ToList(),
            object one => new List<PSObject> { PSObject.AsPSObject(one) },
            _ => new List<PSObject>(),
        };
        var first = links.Select(l => l.Properties["uri"]?.Value?.ToString()).FirstOrDefault(u => !string.IsNullOrEmpty(u));
        Assert.Equal(expected, first);
    }

    [Fact]
    public void Manifest_help_info_uri_is_the_docs_folder_of_the_project()
    {
        using var host = new PowerShellHost();
        var helpInfo = host.Run($"(Import-PowerShellDataFile '{PowerShellHost.ManifestPath}').HelpInfoURI").Output.Single().ToString();
        Assert.Equal($"{ProjectUri(host)}/tree/main/docs/help", helpInfo);
        Assert.Equal(helpInfo, host.Run("(Get-Module KalshiPS).HelpInfoUri").Output.Single().ToString());
    }
}
