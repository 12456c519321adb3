using KalshiPS.Tools;
using KalshiPS.Tools.Coverage;
using KalshiPS.Tools.Help;
using KalshiPS.Tools.Staging;

// dotnet run --project tools/KalshiPS.Tools -- help [--check]
// dotnet run --project tools/KalshiPS.Tools -- stage [--output out] [--no-build]   (builds the module in Release first)
// dotnet run --project tools/KalshiPS.Tools -- operations <unpacked kalshi-typescript package> [--output file]
// dotnet run --project tools/KalshiPS.Tools -- coverage [--check]
// dotnet run --project tools/KalshiPS.Tools -- exercised <dir> [--host KalshiPS.ModuleTests]   (KALSHIPS_ROUTE_LOG of a test run; a report, exit 0)
var command = args.FirstOrDefault()?.ToLowerInvariant();
string? Option(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }

try
{
    var layout = RepoLayout.Find();
    switch (command)
    {
        case "help":
            return HelpCommand(layout, check: args.Contains("--check"));
        case "stage":
            if (!args.Contains("--no-build") && BuildRelease(layout) is var code && code != 0) return code;
            var result = ModuleStager.Stage(layout, Option("--output") ?? Path.Combine(layout.Root, "out"));
            foreach (var w in result.Warnings) Console.Error.WriteLine("warning: " + w);
            Console.WriteLine($"Staged KalshiPS {result.Version} in {result.Folder} ({result.Files.Count} files)");
            foreach (var f in result.Files) Console.WriteLine("  " + f);
            return 0;
        case "operations":
            return OperationsCommand(layout, args.ElementAtOrDefault(1), Option("--output"));
        case "coverage":
            return await CoverageCommand(layout, check: args.Contains("--check"));
        case "exercised":
            return ExercisedCommand(layout, args.ElementAtOrDefault(1), Option("--host"));
        default:
            Console.Error.WriteLine("usage: KalshiPS.Tools help [--check] | stage [--output <folder>] [--no-build] | operations <package folder> [--output <file>] | coverage [--check] | exercised <route log folder> [--host <test assembly>]");
            return 2;
    }
}
catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or IOException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

// The Gallery gets Release builds only: build (and so stage under module/) the Release module before staging it.
static int BuildRelease(RepoLayout layout)
{
    var project = Path.Combine(layout.Root, "src", "KalshiPS", "KalshiPS.csproj");
    var arguments = new[] { "build", project, "-c", ModuleStager.ReleaseConfiguration, "-nologo", "-v", "q", "-clp:NoSummary", "-nodeReuse:false" };
    Console.Error.WriteLine("dotnet " + string.Join(' ', arguments));
    var start = new System.Diagnostics.ProcessStartInfo("dotnet", arguments) { UseShellExecute = false };
    using var build = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    build.WaitForExit();
    if (build.ExitCode != 0) Console.Error.WriteLine($"error: the Release build failed (exit {build.ExitCode}); nothing was staged.");
    return build.ExitCode;
}

static int HelpCommand(RepoLayout layout, bool check)
{
    var build = HelpGenerator.Build(layout);
    foreach (var w in build.Warnings) Console.Error.WriteLine("warning: " + w);
    foreach (var e in build.Errors) Console.Error.WriteLine("error: " + e);
    var current = File.Exists(layout.MamlFile) ? File.ReadAllText(layout.MamlFile) : null;
    if (check)
    {
        var fresh = current == build.Maml;
        Console.WriteLine(fresh ? "Help is up to date." : $"{layout.MamlFile} is stale: run `dotnet run --project tools/KalshiPS.Tools -- help`.");
        return fresh && build.Errors.Count == 0 ? 0 : 1;
    }
    Directory.CreateDirectory(layout.HelpFolder);
    if (current != build.Maml) File.WriteAllText(layout.MamlFile, build.Maml);
    Directory.CreateDirectory(layout.DevHelpMirror);
    foreach (var file in Directory.GetFiles(layout.HelpFolder))
        File.Copy(file, Path.Combine(layout.DevHelpMirror, Path.GetFileName(file)), overwrite: true);
    Console.WriteLine($"Wrote {layout.MamlFile}" + (build.Errors.Count > 0 ? $" with {build.Errors.Count} problem(s)." : "."));
    return build.Errors.Count == 0 ? 0 : 1;
}

static int OperationsCommand(RepoLayout layout, string? folder, string? output)
{
    if (string.IsNullOrEmpty(folder) || folder.StartsWith("--")) throw new InvalidOperationException("operations needs the folder of the unpacked npm package (e.g. /tmp/kts/package).");
    var operations = TypeScriptSpecReader.ReadFolder(folder);
    var packageJson = Path.Combine(folder, "package.json");
    var source = "the TypeScript SDK in " + folder;
    if (File.Exists(packageJson))
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(packageJson));
        source = doc.RootElement.GetProperty("name").GetString() + "@" + doc.RootElement.GetProperty("version").GetString();
    }
    var file = output ?? OperationsFixture.PathIn(layout);
    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
    File.WriteAllText(file, OperationsFixture.Write(operations, source));
    Console.WriteLine($"Wrote {file}: {operations.Count} operations from {source}.");
    return 0;
}

static int ExercisedCommand(RepoLayout layout, string? folder, string? host)
{
    if (string.IsNullOrEmpty(folder) || folder.StartsWith("--")) throw new InvalidOperationException("exercised needs the folder KALSHIPS_ROUTE_LOG named during the test run.");
    var operations = OperationsFixture.Read(OperationsFixture.PathIn(layout));
    var report = ExercisedReport.Build(operations, folder, host);
    if (report.Files == 0) Console.Error.WriteLine($"warning: no routes-{host ?? "*"}-*.tsv in {folder} (was KALSHIPS_ROUTE_LOG set for the tests?)");
    Console.WriteLine($"exercised: {report.Exercised.Count} of {operations.Count} operations");
    foreach (var o in report.Missing) Console.WriteLine($"  not exercised (no 2xx): {o.OperationId}\t{o.Method} {o.Path}");
    return 0;
}

static async Task<int> CoverageCommand(RepoLayout layout, bool check)
{
    var report = await CoverageReport.BuildAsync(layout);
    foreach (var u in report.UnknownOperationIds) Console.Error.WriteLine("error: [KalshiOperation] names no spec operation: " + u);
    var file = CoverageReport.PathIn(layout);
    var markdown = report.ToMarkdown();
    var current = File.Exists(file) ? File.ReadAllText(file).Replace("\r\n", "\n") : null;
    var summary = $"{report.Rows.Count} operations, {report.Typed} typed, {report.Served} served by the sandbox, {report.TypedAndServed} both; "
        + $"{report.Channels.Count} channels, {report.Channels.Count(c => c.Cmdlets.Count > 0)} streamed, {report.Channels.Count(c => c.Served)} served.";
    if (check)
    {
        Console.WriteLine(current == markdown ? "Coverage table is up to date: " + summary : $"{file} is stale: run `dotnet run --project tools/KalshiPS.Tools -- coverage`.");
        return current == markdown && report.UnknownOperationIds.Count == 0 ? 0 : 1;
    }
    if (current != markdown) File.WriteAllText(file, markdown);
    Console.WriteLine($"Wrote {file}: {summary}");
    return report.UnknownOperationIds.Count == 0 ? 0 : 1;
}
