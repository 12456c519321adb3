namespace KalshiPS.Tools;

/// <summary>Where things live in a KalshiPS checkout. Found by walking up to the folder holding KalshiPS.psd1.</summary>
public sealed class RepoLayout
{
    public RepoLayout(string root) { Root = root; }

    public string Root { get; }
    public string Manifest => Path.Combine(Root, "KalshiPS.psd1");
    public string ModuleFolder => Path.Combine(Root, "module");
    public string HelpSources => Path.Combine(Root, "docs", "help");
    public string HelpFolder => Path.Combine(ModuleFolder, "en-US");
    public string MamlFile => Path.Combine(HelpFolder, "KalshiPS.dll-Help.xml");
    public string FormatFile => Path.Combine(ModuleFolder, "KalshiPS.Format.ps1xml");
    /// <summary>Get-Help searches the module base (the repo root for the development manifest): the build mirrors en-US here.</summary>
    public string DevHelpMirror => Path.Combine(Root, "en-US");
    public string VersionProps => Path.Combine(Root, "Directory.Build.props");

    /// <summary>The checkout above <paramref name="start"/> (default: the working directory, then the tool's own folder).</summary>
    public static RepoLayout Find(string? start = null)
    {
        foreach (var candidate in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = candidate == null ? null : new DirectoryInfo(candidate); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "KalshiPS.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                    return new RepoLayout(dir.FullName);
        }
        throw new InvalidOperationException("No KalshiPS checkout (KalshiPS.psd1 next to src/) above " + (start ?? Directory.GetCurrentDirectory()));
    }
}
