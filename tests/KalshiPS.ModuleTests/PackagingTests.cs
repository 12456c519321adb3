using System.Management.Automation;
using System.Text.RegularExpressions;
using KalshiPS.Tools;
using KalshiPS.Tools.Staging;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>The Gallery folder out/KalshiPS/&lt;version&gt;/ that `KalshiPS.Tools stage` produces, and the one version source.</summary>
public class PackagingTests
{
    private static RepoLayout Layout => RepoLayout.Find(PowerShellHost.RepoRoot);

    [Fact]
    public void Root_manifest_version_equals_the_version_source()
    {
        var manifest = File.ReadAllText(Layout.Manifest);
        var version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        Assert.Equal(VersionSource.Read(Layout).Split('-')[0], version);
    }

    [Fact]
    public void Staged_folder_has_the_Gallery_layout_and_imports()
    {
        var output = Directory.CreateTempSubdirectory("kalships-stage").FullName;
        try
        {
            // dotnet test builds Debug (or whatever -c says): the layout is the same, only `stage` insists on Release.
            var result = ModuleStager.Stage(Layout, output, requireRelease: false);
            var version = VersionSource.Read(Layout).Split('-')[0];
            Assert.Equal(Path.Combine(output, "KalshiPS", version), result.Folder);

            foreach (var required in new[] { "KalshiPS.psd1", "KalshiPS.dll", "KalshiPS.Format.ps1xml", "LICENSE", "en-US/KalshiPS.dll-Help.xml", "en-US/about_KalshiPS.help.txt" })
                Assert.Contains(required, result.Files);
            Assert.Equal(File.Exists(Path.Combine(Layout.Root, "README.md")), result.Files.Contains("README.md"));
            Assert.Contains(result.Files, f => f.StartsWith("Dependencies/") && f.EndsWith("Polly.Core.dll"));
            Assert.DoesNotContain(result.Files, f => f.EndsWith("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(result.Files, f => f.EndsWith(".pdb") || f.EndsWith(".deps.json"));
            Assert.All(Directory.GetFiles(Path.Combine(Layout.Root, "module", "en-US")), f => Assert.Contains("en-US/" + Path.GetFileName(f), result.Files));

            var manifest = File.ReadAllText(Path.Combine(result.Folder, "KalshiPS.psd1"));
            Assert.Contains("RootModule             = 'KalshiPS.dll'", manifest);
            Assert.Contains("'KalshiPS.Format.ps1xml'", manifest);
            Assert.DoesNotContain("module/", manifest);
            Assert.Contains($"ModuleVersion          = '{version}'", manifest);

            using var host = new PowerShellHost();
            var test = host.Run("param() Test-ModuleManifest -Path $p", new Dictionary<string, object?> { ["p"] = Path.Combine(result.Folder, "KalshiPS.psd1") });
            Assert.Empty(test.Errors);
            Assert.Equal(version, test.Output.Single().Properties["Version"].Value?.ToString());

            using var fresh = StagedRunspace(result.Folder);
            // As after Install-PSResource: the versioned folder under a PSModulePath entry, imported by name.
            var imported = Run(fresh, "$old = $env:PSModulePath; try { $env:PSModulePath = $args[0] + [IO.Path]::PathSeparator + $old; Import-Module KalshiPS -PassThru -ErrorAction Stop } finally { $env:PSModulePath = $old }", output).Single();
            Assert.Equal(Path.GetFullPath(result.Folder).TrimEnd('/'), imported.Properties["ModuleBase"].Value?.ToString()?.TrimEnd('/'));
            var commands = Run(fresh, "(Get-Command -Module KalshiPS).Count").Single();
            Assert.Equal(ModuleImportTests.ManifestCmdlets().Count(), (int)commands.BaseObject);
            Assert.Equal("Lists Kalshi markets, or gets markets by ticker.", Run(fresh, "(Get-Help Get-KalshiMarket).Synopsis").Single().ToString());
        }
        finally { Directory.Delete(output, true); }
    }

    [Theory]
    [InlineData("Debug")]
    [InlineData(null)]
    public void Staging_refuses_a_module_that_is_not_a_Release_build(string? configuration)
    {
        var root = Directory.CreateTempSubdirectory("kalships-stage-debug").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "module"));
            var dll = Path.Combine(root, "module", "KalshiPS.dll");
            WriteAssembly(dll, configuration);
            var layout = new RepoLayout(root);
            var e = Assert.Throws<InvalidOperationException>(() => ModuleStager.Stage(layout, Path.Combine(root, "out")));
            Assert.Contains(configuration ?? "unknown configuration", e.Message);
            Assert.Contains("Release", e.Message);
            Assert.Contains("KalshiPS.Tools -- stage", e.Message);
            Assert.False(Directory.Exists(Path.Combine(root, "out")), "nothing is staged from a refused build");
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void The_build_configuration_is_read_from_the_assembly()
    {
        var dll = Path.Combine(Directory.CreateTempSubdirectory("kalships-config").FullName, "KalshiPS.dll");
        try
        {
            WriteAssembly(dll, "Release");
            Assert.Equal("Release", ModuleStager.BuildConfigurationOf(dll));
            WriteAssembly(dll, "Debug");
            Assert.Equal("Debug", ModuleStager.BuildConfigurationOf(dll));
        }
        finally { Directory.Delete(Path.GetDirectoryName(dll)!, true); }
    }

    /// <summary>A minimal KalshiPS.dll stamped as `dotnet build -c configuration` stamps it (none when null).</summary>
    private static void WriteAssembly(string path, string? configuration)
    {
        var builder = new System.Reflection.Emit.PersistedAssemblyBuilder(new System.Reflection.AssemblyName("KalshiPS"), typeof(object).Assembly);
        if (configuration != null)
            builder.SetCustomAttribute(new System.Reflection.Emit.CustomAttributeBuilder(
                typeof(System.Reflection.AssemblyConfigurationAttribute).GetConstructor(new[] { typeof(string) })!, new object[] { configuration }));
        builder.DefineDynamicModule("KalshiPS").DefineType("Empty").CreateType();
        builder.Save(path);
    }

    [Fact]
    public void Flattening_rewrites_paths_and_stamps_the_version()
    {
        var text = "@{\n    # Development manifest: import from the repo root.\n    # second line\n    RootModule = 'module/KalshiPS.dll'\n    ModuleVersion = '0.0.1'\n    FormatsToProcess = @('module/KalshiPS.Format.ps1xml')\n    PrivateData = @{ PSData = @{ Tags = @('x') } }\n}";
        var flat = ModuleStager.FlattenManifest(text, "1.2.3-preview1");
        Assert.Contains("RootModule = 'KalshiPS.dll'", flat);
        Assert.Contains("@('KalshiPS.Format.ps1xml')", flat);
        Assert.Contains("ModuleVersion = '1.2.3'", flat);
        Assert.Contains("Prerelease   = 'preview1'", flat);
        Assert.DoesNotContain("Development manifest", flat);
        Assert.DoesNotContain("second line", flat);
    }

    private static System.Management.Automation.Runspaces.Runspace StagedRunspace(string _)
    {
        var rs = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
        rs.Open();
        return rs;
    }

    private static List<PSObject> Run(System.Management.Automation.Runspaces.Runspace rs, string script, params object[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = rs;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        var output = ps.Invoke().ToList();
        Assert.Empty(ps.Streams.Error);
        return output;
    }
}
