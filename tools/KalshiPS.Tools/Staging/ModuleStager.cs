using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace KalshiPS.Tools.Staging;

/// <summary>
/// Builds the Gallery layout out/KalshiPS/&lt;version&gt;/ from what `dotnet build` staged under module/:
/// a flattened manifest stamped with the version, the module DLL, Dependencies/, the format file, en-US help,
/// LICENSE and README.md. System.Management.Automation.dll is never shipped. Only a Release build is staged: the
/// module DLL's AssemblyConfiguration must say so (the `stage` command builds Release first).
/// </summary>
public static class ModuleStager
{
    public sealed record Result(string Folder, string Version, IReadOnlyList<string> Files, IReadOnlyList<string> Warnings);

    public const string ReleaseConfiguration = "Release";

    /// <param name="requireRelease">false only for tests that stage whatever configuration they were built in.</param>
    public static Result Stage(RepoLayout layout, string outputRoot, bool requireRelease = true)
    {
        var dll = Required(Path.Combine(layout.ModuleFolder, "KalshiPS.dll"), "run `dotnet build src/KalshiPS -c Release` first");
        if (requireRelease && BuildConfigurationOf(dll) is var configuration && configuration != ReleaseConfiguration)
            throw new InvalidOperationException(
                $"{dll} is a {configuration ?? "build of unknown configuration"}{(configuration != null ? " build" : "")}; the Gallery folder is staged " +
                "from Release builds only. Run `dotnet run --project tools/KalshiPS.Tools -- stage`, which builds Release first " +
                "(with --no-build, run the tool itself in Release so it does not rebuild Debug: `dotnet run -c Release --project tools/KalshiPS.Tools -- stage --no-build`).");
        var version = VersionSource.Read(layout);
        var numeric = version.Split('-')[0];
        var target = Path.Combine(Path.GetFullPath(outputRoot), "KalshiPS", numeric);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        var warnings = new List<string>();

        Copy(dll, target);
        Copy(Required(layout.FormatFile, null), target);
        var deps = Directory.Exists(Path.Combine(layout.ModuleFolder, "Dependencies"))
            ? Directory.GetFiles(Path.Combine(layout.ModuleFolder, "Dependencies"), "*.dll")
            : Array.Empty<string>();
        if (deps.Length == 0) throw new InvalidOperationException("module/Dependencies/ is empty: run `dotnet build src/KalshiPS` first.");
        foreach (var dependency in deps.Where(d => !IsEngine(d))) Copy(dependency, Path.Combine(target, "Dependencies"));

        Required(layout.MamlFile, "run `dotnet run --project tools/KalshiPS.Tools -- help`");
        foreach (var file in Directory.GetFiles(layout.HelpFolder)) Copy(file, Path.Combine(target, "en-US"));

        Copy(Required(Path.Combine(layout.Root, "LICENSE"), null), target);
        var readme = Path.Combine(layout.Root, "README.md");
        if (File.Exists(readme)) Copy(readme, target);
        else warnings.Add("README.md is missing at the repository root; the staged module has none.");

        File.WriteAllText(Path.Combine(target, "KalshiPS.psd1"), FlattenManifest(File.ReadAllText(layout.Manifest), version));

        var files = Directory.GetFiles(target, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(target, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return new Result(target, version, files, warnings);
    }

    /// <summary>The development manifest points into module/; the Gallery folder is flat. Stamps ModuleVersion (and Prerelease).</summary>
    public static string FlattenManifest(string text, string version)
    {
        var parts = version.Split('-', 2);
        text = Regex.Replace(text, @"(['""])module/", "$1");
        text = Regex.Replace(text, @"ModuleVersion(\s*)=(\s*)'[^']*'", $"ModuleVersion$1=$2'{parts[0]}'");
        text = Regex.Replace(text, @"^([ \t]*)#.*Development manifest.*(\r?\n\1#.*)*", "$1# KalshiPS module manifest (staged by tools/KalshiPS.Tools).", RegexOptions.Multiline);
        if (parts.Length == 2 && !text.Contains("Prerelease"))
            text = Regex.Replace(text, @"(PSData\s*=\s*@\{)", $"$1\n            Prerelease   = '{parts[1]}'");
        return text;
    }

    /// <summary>The configuration `dotnet build -c X` stamped into the assembly (AssemblyConfigurationAttribute); null when none.</summary>
    public static string? BuildConfigurationOf(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var parent = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind != HandleKind.TypeReference) continue;
            if (md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name) != "AssemblyConfigurationAttribute") continue;
            var blob = md.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1) return null; // custom attribute prolog
            return blob.ReadSerializedString();
        }
        return null;
    }

    private static bool IsEngine(string path) =>
        Path.GetFileName(path).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase);

    private static string Required(string path, string? hint)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Missing {path}" + (hint != null ? $": {hint}." : "."), path);
        return path;
    }

    private static void Copy(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
    }
}
