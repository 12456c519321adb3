using System.Text.RegularExpressions;

namespace KalshiPS.Tools.Coverage;

/// <summary>
/// Reads the REST operations out of the official openapi-generator (typescript-axios) SDK, e.g. kalshi-typescript:
/// each api/*-api.ts file is one OpenAPI tag, and its AxiosParamCreator holds one function per operation with the
/// path template and the HTTP method. The later sections of the file (Fp, Factory, class) repeat the names, so only
/// the param creator is read.
/// </summary>
public static class TypeScriptSpecReader
{
    private static readonly Regex ParamCreatorStart = new(@"^export const (\w+)ApiAxiosParamCreator = function", RegexOptions.Multiline);
    private static readonly Regex ParamCreatorEnd = new(@"^export const \w+ApiFp = function", RegexOptions.Multiline);
    private static readonly Regex Function = new(@"^\s+(\w+): async \(", RegexOptions.Multiline);
    private static readonly Regex PathLiteral = new(@"const localVarPath = `([^`]+)`");
    private static readonly Regex MethodLiteral = new(@"method: '([A-Z]+)'");

    /// <summary>Every operation in <paramref name="folder"/> (the package root or its api/ folder), sorted by tag then id.</summary>
    public static List<SpecOperation> ReadFolder(string folder)
    {
        var api = Directory.Exists(Path.Combine(folder, "api")) ? Path.Combine(folder, "api") : folder;
        var files = Directory.GetFiles(api, "*-api.ts");
        if (files.Length == 0) throw new FileNotFoundException($"No *-api.ts files in {api} (expected the kalshi-typescript package or its api/ folder).");
        return files.SelectMany(f => Read(File.ReadAllText(f), f)).OrderBy(o => o.Tag, StringComparer.Ordinal)
            .ThenBy(o => o.OperationId, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The operations of one api file's text. The SDK camel-cases operation ids; the spec's are Pascal case.</summary>
    public static IEnumerable<SpecOperation> Read(string text, string fileName = "api file")
    {
        var start = ParamCreatorStart.Match(text);
        if (!start.Success) throw new InvalidOperationException($"{fileName}: no ...ApiAxiosParamCreator section.");
        var end = ParamCreatorEnd.Match(text, start.Index);
        var section = text[start.Index..(end.Success ? end.Index : text.Length)];
        var tag = start.Groups[1].Value;
        var functions = Function.Matches(section).ToList();
        for (int i = 0; i < functions.Count; i++)
        {
            var from = functions[i].Index;
            var body = section[from..(i + 1 < functions.Count ? functions[i + 1].Index : section.Length)];
            var name = functions[i].Groups[1].Value;
            var path = PathLiteral.Match(body);
            var method = MethodLiteral.Match(body);
            if (!path.Success || !method.Success) throw new InvalidOperationException($"{fileName}: operation {name} has no path or method.");
            yield return new SpecOperation(char.ToUpperInvariant(name[0]) + name[1..], method.Groups[1].Value, path.Groups[1].Value, tag);
        }
    }
}
