using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Objects that export cleanly: every output type of the module through Export-Csv/Import-Csv and ConvertTo-Json in
/// the full engine (Microsoft.PowerShell.Utility), with no .NET type name in any cell and no property lost.
/// </summary>
public class ExportTests : IClassFixture<SandboxFixture>
{
    private static readonly Regex TypeName = new(@"KalshiPS\.|System\.", RegexOptions.Compiled);
    private readonly SandboxFixture _sandbox;
    public ExportTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private PowerShellHost Connected()
    {
        var host = new PowerShellHost();
        var r = host.Run(_sandbox.ConnectLine());
        Assert.Empty(r.Errors);
        return host;
    }

    /// <summary>Every type a cmdlet declares with [OutputType], plus every public class of KalshiPS.Models.</summary>
    private static List<Type> OutputTypes(PowerShellHost host)
    {
        var assembly = host.Run("[KalshiPS.Models.KalshiMarket].Assembly").Single<Assembly>();
        var declared = assembly.GetExportedTypes()
            .Where(t => typeof(Cmdlet).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>())
            .SelectMany(a => a.Type).Select(n => n.Type).Where(t => t != null && t.Assembly == assembly); // PSObject (Invoke-KalshiRequest) is JSON as given
        var models = assembly.GetExportedTypes()
            .Where(t => t.Namespace == "KalshiPS.Models" && t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition && !typeof(Exception).IsAssignableFrom(t));
        return declared.Concat(models).Distinct().OrderBy(t => t.FullName).ToList();
    }

    [Fact]
    public void Every_output_type_round_trips_through_Export_Csv_Import_Csv_and_ConvertTo_Json()
    {
        using var host = Connected();
        var session = host.Run("Get-KalshiSession").Output.Single().BaseObject;
        var types = OutputTypes(host);
        Assert.Contains(types, t => t.Name == "KalshiOrderbook");
        Assert.Contains(types, t => t.Name == "KalshiSession");
        var failures = new List<string>();
        foreach (var type in types)
        {
            var item = type == session.GetType() ? session : Sample.Of(type);
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
            var filled = properties.Where(p => p.GetValue(item) != null).Select(p => p.Name).ToList();

            var path = Path.Combine(Path.GetTempPath(), $"kalships-export-{Guid.NewGuid():N}.csv");
            try
            {
                var csv = host.Run("$item | Export-Csv -Path $path -NoTypeInformation; Import-Csv -Path $path", new Dictionary<string, object?> { ["item"] = item, ["path"] = path });
                if (csv.Errors.Count > 0) { failures.Add($"{type.Name}: Export-Csv error {csv.Errors[0]}"); continue; }
                if (csv.Output.Count != 1) { failures.Add($"{type.Name}: Import-Csv gave {csv.Output.Count} rows"); continue; }
                var row = csv.Output[0];
                var columns = row.Properties.Select(p => p.Name).ToList();
                foreach (var name in properties.Select(p => p.Name).Except(columns)) failures.Add($"{type.Name}.{name}: no CSV column");
                foreach (var name in filled)
                {
                    var cell = row.Properties[name]?.Value as string;
                    if (string.IsNullOrEmpty(cell)) failures.Add($"{type.Name}.{name}: empty CSV cell for a value");
                    else if (TypeName.IsMatch(cell)) failures.Add($"{type.Name}.{name}: CSV cell '{cell}'");
                }
            }
            finally { File.Delete(path); }

            var json = host.Run("ConvertTo-Json -InputObject $item -WarningAction Continue", new Dictionary<string, object?> { ["item"] = item });
            if (json.Errors.Count > 0 || json.Warnings.Count > 0) { failures.Add($"{type.Name}: ConvertTo-Json {string.Join(" ", json.Errors.Concat<object>(json.Warnings))}"); continue; }
            using var doc = JsonDocument.Parse((string)json.Output.Single().BaseObject);
            foreach (var name in properties.Select(p => p.Name))
            {
                if (!doc.RootElement.TryGetProperty(name, out var value)) { failures.Add($"{type.Name}.{name}: missing from JSON"); continue; }
                if (filled.Contains(name) && value.ValueKind == JsonValueKind.Null) failures.Add($"{type.Name}.{name}: null in JSON");
                foreach (var text in Strings(value).Where(t => TypeName.IsMatch(t))) failures.Add($"{type.Name}.{name}: JSON text '{text}'");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => new[] { e.GetString()! },
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => Array.Empty<string>(),
    };

    [Fact]
    public void Order_books_export_their_levels_as_text_and_AsLevel_gives_one_row_per_level()
    {
        using var host = Connected();
        var ticker = _sandbox.OpenTicker(2);
        var path = Path.Combine(Path.GetTempPath(), $"kalships-book-{Guid.NewGuid():N}.csv");
        try
        {
            var r = host.Run("$book = Get-KalshiOrderbook -Ticker $t -Depth 3; $book | Export-Csv $path -NoTypeInformation; $book; Import-Csv $path",
                new Dictionary<string, object?> { ["t"] = ticker, ["path"] = path });
            Assert.Empty(r.Errors);
            var book = r.Output[0];
            var row = r.Output[1];
            var yesBids = ((IEnumerable)book.Properties["YesBids"].Value).Cast<object>().ToList();
            Assert.NotEmpty(yesBids);
            // "0.56x10; 0.55x3": each level's price x size, best first, still typed levels for scripts.
            Assert.Equal(string.Join("; ", yesBids.Select(l => l.ToString())), row.Properties["YesBids"].Value);
            Assert.Matches(@"^\d\.\d{2,4}x\d+(\.\d+)?(; \d\.\d{2,4}x\d+(\.\d+)?)*$", (string)row.Properties["YesBids"].Value);
            Assert.Equal(book.Properties["BestYesBid"].Value, host.Run("$book.YesBids[0].Price").Output.Single().BaseObject);

            var levels = host.Run("Get-KalshiOrderbook -Ticker $t -Depth 3 -AsLevel", new Dictionary<string, object?> { ["t"] = ticker });
            Assert.Empty(levels.Errors);
            var noBids = ((IEnumerable)book.Properties["NoBids"].Value).Cast<object>().Count();
            Assert.Equal(yesBids.Count + noBids, levels.Output.Count);
            Assert.All(levels.Output, l => Assert.Equal("KalshiPS.Models.KalshiOrderbookLevel", l.BaseObject.GetType().FullName));
            var first = levels.Output[0];
            Assert.Equal(ticker, first.Properties["Ticker"].Value);
            Assert.Equal("Yes", first.Properties["Side"].Value);
            Assert.Equal(1, first.Properties["Level"].Value);
            Assert.Equal(book.Properties["BestYesBid"].Value, first.Properties["Price"].Value);
            Assert.Equal(1m - (decimal)first.Properties["Price"].Value, first.Properties["OppositeAsk"].Value);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Events_with_markets_export_the_market_tickers_as_text()
    {
        using var host = Connected();
        var path = Path.Combine(Path.GetTempPath(), $"kalships-events-{Guid.NewGuid():N}.csv");
        try
        {
            // One event at the default depth keeps its markets as objects; a list of events (one level deeper) shows
            // them by their tickers, never by a type name.
            var r = host.Run("$e = Get-KalshiEvent -IncludeMarkets -First 2; $e | Export-Csv $path -NoTypeInformation; $e; Import-Csv $path; $e[0] | ConvertTo-Json -Compress; $e | ConvertTo-Json -Compress -WarningAction SilentlyContinue",
                new Dictionary<string, object?> { ["path"] = path });
            Assert.Empty(r.Errors);
            for (int i = 0; i < 2; i++)
            {
                var ev = r.Output[i];
                var tickers = ((IEnumerable)ev.Properties["Markets"].Value).Cast<object>().Select(m => PSObject.AsPSObject(m).Properties["Ticker"].Value).ToList();
                Assert.NotEmpty(tickers);
                Assert.Equal(string.Join("; ", tickers), r.Output[2 + i].Properties["Markets"].Value);
            }
            var json = (string)r.Output[4].BaseObject;
            Assert.DoesNotMatch(TypeName, json);
            Assert.Contains("\"Markets\":[{\"Ticker\":", json);
            var list = (string)r.Output[5].BaseObject;
            Assert.DoesNotMatch(TypeName, list);
            var firstMarket = PSObject.AsPSObject(((IEnumerable)r.Output[0].Properties["Markets"].Value).Cast<object>().First()).Properties["Ticker"].Value;
            Assert.Contains($"\"Markets\":[\"{firstMarket}\"", list);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Outputs_use_enum_style_names_not_wire_strings()
    {
        using var host = Connected();
        var ticker = _sandbox.OpenTicker(3);
        var r = host.Run("Get-KalshiMarket -Ticker $t; Get-KalshiTrade -First 5; Get-KalshiSeries | Select-Object -First 3; Get-KalshiEvent -First 3",
            new Dictionary<string, object?> { ["t"] = ticker });
        Assert.Empty(r.Errors);
        var market = r.Output[0];
        Assert.Equal("Active", market.Properties["Status"].Value);
        var enumerated = new[] { "Status", "MarketType", "Result", "StrikeType", "PriceLevelStructure", "TakerSide", "Frequency", "FeeType", "CollateralReturnType", "Type", "BookSide", "SelfTradePrevention", "EventType", "Kind" };
        foreach (var o in r.Output)
            foreach (var name in enumerated)
                if (o.Properties[name]?.Value is string value)
                    Assert.Matches("^[A-Z][A-Za-z0-9]*$", value);
    }
}

/// <summary>Instances of output types with every property set, for export round trips (what a full object exports as).</summary>
internal static class Sample
{
    public static object Of(Type type, int depth = 0)
    {
        var ctor = type.GetConstructor(Type.EmptyTypes);
        object item;
        if (ctor != null) item = ctor.Invoke(null);
        else
        {
            var best = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            item = best.Invoke(best.GetParameters().Select(p => Value(p.ParameterType, depth)).ToArray());
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0)
                p.SetValue(item, Value(p.PropertyType, depth));
        return item;
    }

    private static object? Value(Type t, int depth)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(string)) return "Sample";
        if (t == typeof(decimal)) return 0.4567m;
        if (t == typeof(int)) return 3;
        if (t == typeof(long)) return 42L;
        if (t == typeof(double)) return 2.5;
        if (t == typeof(bool)) return true;
        if (t == typeof(DateTime)) return new DateTime(2026, 11, 24, 15, 30, 0, DateTimeKind.Utc);
        if (t == typeof(TimeSpan)) return TimeSpan.FromSeconds(1.5);
        if (t == typeof(Uri)) return new Uri("http://127.0.0.1:5000/trade-api/v2");
        if (t.IsEnum) return Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1);
        if (depth > 1) return null;
        if (t.IsArray) return Items(t.GetElementType()!, depth);
        if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.GetGenericArguments()[0];
            var items = Items(element, depth);
            var ctor = t.GetConstructors().First(c => c.GetParameters().Length == 1);
            return ctor.Invoke(new object[] { items });
        }
        return Of(t, depth + 1);
    }

    private static Array Items(Type element, int depth)
    {
        var array = Array.CreateInstance(element, 2);
        for (int i = 0; i < 2; i++) array.SetValue(Value(element, depth + 1), i);
        return array;
    }
}
