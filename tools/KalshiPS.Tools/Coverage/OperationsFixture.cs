namespace KalshiPS.Tools.Coverage;

/// <summary>
/// The committed operation list, tests/fixtures/kalshi-openapi-operations.tsv: '#' comment lines (the source), a header
/// row, then operationId, method, path, tag separated by tabs.
/// </summary>
public static class OperationsFixture
{
    public const string Header = "operationId\tmethod\tpath\ttag";

    public static string PathIn(RepoLayout layout) => Path.Combine(layout.Root, "tests", "fixtures", "kalshi-openapi-operations.tsv");

    public static string Write(IReadOnlyList<SpecOperation> operations, string source)
    {
        var lines = new List<string>
        {
            $"# REST operations of Kalshi's OpenAPI spec as generated into {source} (api/*-api.ts, AxiosParamCreator).",
            "# Regenerate: dotnet run --project tools/KalshiPS.Tools -- operations <folder of the unpacked npm package>",
            "# operationId: the SDK's function name with its first letter upper-cased; path: relative to /trade-api/v2;",
            "# tag: the SDK's api class without 'Api' (one class per OpenAPI tag).",
            $"# {operations.Count} operations.",
            Header,
        };
        lines.AddRange(operations.Select(o => string.Join('\t', o.OperationId, o.Method, o.Path, o.Tag)));
        return string.Join("\n", lines) + "\n";
    }

    public static List<SpecOperation> Read(string file)
    {
        var rows = new List<SpecOperation>();
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || line == Header) continue;
            var cells = line.Split('\t');
            if (cells.Length != 4) throw new InvalidOperationException($"{file}: expected 4 tab-separated cells: {line}");
            rows.Add(new SpecOperation(cells[0], cells[1], cells[2], cells[3]));
        }
        return rows;
    }
}
