namespace KalshiPS.Tools.Coverage;

/// <summary>
/// Which spec operations a test run drove through the sandbox with a 2xx answer, from the routes-{host}-{pid}.tsv files
/// sandboxes write when KALSHIPS_ROUTE_LOG names a directory (lines: method, route template from the host root, status
/// class); host (e.g. KalshiPS.ModuleTests) restricts the count to the servers one test assembly ran.
/// Operations and templates are matched with the coverage table's key (method + template, parameter names ignored).
/// </summary>
public sealed class ExercisedReport
{
    private ExercisedReport(IReadOnlyList<SpecOperation> exercised, IReadOnlyList<SpecOperation> missing, int files)
    {
        Exercised = exercised; Missing = missing; Files = files;
    }

    public IReadOnlyList<SpecOperation> Exercised { get; }
    /// <summary>Operations no logged request reached with a 2xx answer.</summary>
    public IReadOnlyList<SpecOperation> Missing { get; }
    public int Files { get; }

    public static ExercisedReport Build(IReadOnlyList<SpecOperation> operations, string directory, string? host = null)
    {
        var pattern = host == null ? "routes-*.tsv" : $"routes-{host}-*.tsv";
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, pattern) : Array.Empty<string>();
        var ok = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length != 3 || cells[2] != "2xx" || !cells[1].StartsWith(CoverageReport.RestPrefix + "/", StringComparison.Ordinal)) continue;
            ok.Add(CoverageReport.Key(cells[0], cells[1][CoverageReport.RestPrefix.Length..]));
        }
        var hit = operations.ToLookup(o => ok.Contains(CoverageReport.Key(o.Method, o.Path)));
        return new ExercisedReport(hit[true].ToList(), hit[false].ToList(), files.Length);
    }
}
