using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// module/KalshiPS.Format.ps1xml: a view for every output type, views that only name real properties, script blocks
/// that parse, and output that renders through the engine's own formatter (Out-Host into a capturing host).
/// </summary>
public class FormatViewTests
{
    private static readonly string FormatPath = Path.Combine(PowerShellHost.RepoRoot, "module", "KalshiPS.Format.ps1xml");

    /// <summary>Output types other branches are adding, with the properties their views may use (the agreed contract).</summary>
    public static readonly Dictionary<string, string[]> UpcomingTypes = new()
    {
        ["KalshiPS.Models.KalshiOrder"] = new[] { "OrderId", "Ticker", "Side", "Action", "Price", "Count", "FilledCount", "RemainingCount", "Status", "TimeInForce", "CreatedTime", "ClientOrderId" },
        ["KalshiPS.Models.KalshiOrderResult"] = new[] { "OrderId", "ClientOrderId", "Ticker", "Side", "Action", "Price", "Count", "FilledCount", "RemainingCount", "Status" },
        ["KalshiPS.Models.KalshiPosition"] = new[] { "Ticker", "Side", "Contracts", "Exposure", "RealizedPnl", "TotalTradedDollars" },
        ["KalshiPS.Models.KalshiEventPosition"] = new[] { "EventTicker", "TotalCost", "Exposure", "RealizedPnl", "FeesPaid" },
        ["KalshiPS.Models.KalshiFill"] = new[] { "FillId", "Ticker", "Side", "Action", "Price", "Count", "IsTaker", "Fee", "CreatedTime" },
        ["KalshiPS.Models.KalshiBalance"] = new[] { "Balance", "PortfolioValue", "UpdatedTime" },
        ["KalshiPS.Models.KalshiSettlement"] = new[] { "Ticker", "Result", "YesCount", "NoCount", "Revenue", "SettledTime" },
        ["KalshiPS.Models.KalshiTickerUpdate"] = new[] { "Ticker", "LastPrice", "YesBid", "YesAsk", "Volume", "OpenInterest", "Timestamp" },
        ["KalshiPS.Models.KalshiLifecycleEvent"] = new[] { "Ticker", "EventType", "Result", "Timestamp" },
    };

    private sealed record ViewInfo(string Name, string TypeName, string Kind, List<string> Labels, List<string> Properties, List<string> ScriptBlocks);

    private static List<ViewInfo> Views()
    {
        var doc = XDocument.Load(FormatPath);
        return doc.Descendants("View").Select(v =>
        {
            var control = v.Elements().First(e => e.Name.LocalName.EndsWith("Control"));
            var properties = control.Descendants("PropertyName").Select(p => p.Value.Trim()).ToList();
            var labels = control.Descendants("Label").Select(l => l.Value.Trim()).ToList();
            if (labels.Count == 0 && control.Name.LocalName == "ListControl") labels = properties;
            return new ViewInfo(v.Element("Name")!.Value, v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim(),
                control.Name.LocalName, labels, properties, control.Descendants("ScriptBlock").Select(s => s.Value).ToList());
        }).ToList();
    }

    /// <summary>The public output types of the module as the engine loaded it.</summary>
    private static List<Type> ModelTypes(PowerShellHost host)
    {
        var assembly = host.Run("[KalshiPS.Models.KalshiMarket].Assembly").Single<Assembly>();
        return assembly.GetExportedTypes()
            .Where(t => t.Namespace == "KalshiPS.Models" && t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition && !typeof(Exception).IsAssignableFrom(t))
            .Append(assembly.GetType("KalshiPS.Session.KalshiSession", throwOnError: true)!)
            .ToList();
    }

    /// <summary>A view of a variant ("Type#Variant": objects a cmdlet tags with a second type name) shows the base type's properties.</summary>
    private static string BaseTypeName(string viewType) => viewType.Split('#')[0];

    private static object Tagged(object sample, string viewType)
    {
        if (!viewType.Contains('#')) return sample;
        var tagged = new PSObject(sample);
        tagged.TypeNames.Insert(0, viewType);
        return tagged;
    }

    [Fact]
    public void Every_public_output_type_has_exactly_one_view()
    {
        using var host = new PowerShellHost();
        var views = Views();
        var expected = ModelTypes(host).Select(t => t.FullName!).Concat(UpcomingTypes.Keys).Distinct().ToList();
        foreach (var type in expected)
            Assert.True(views.Count(v => v.TypeName == type) == 1, $"{type} needs exactly one view in module/KalshiPS.Format.ps1xml");
        Assert.Equal(views.Count, views.Select(v => v.Name).Distinct().Count());
    }

    [Fact]
    public void Every_view_names_only_properties_its_type_has()
    {
        using var host = new PowerShellHost();
        var types = ModelTypes(host).ToDictionary(t => t.FullName!);
        foreach (var view in Views())
        {
            IEnumerable<string> known = types.TryGetValue(BaseTypeName(view.TypeName), out var type)
                ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
                : UpcomingTypes.TryGetValue(view.TypeName, out var contract) ? contract
                : throw new Xunit.Sdk.XunitException($"View {view.Name} selects {view.TypeName}, which is neither a module type nor an agreed upcoming type.");
            foreach (var property in view.Properties)
                Assert.True(known.Contains(property), $"View {view.Name}: {view.TypeName} has no property {property}");
            if (view.Kind == "TableControl")
                Assert.Equal(view.Labels.Count, view.Properties.Count + view.ScriptBlocks.Count);
        }
    }

    [Fact]
    public void Every_script_block_parses()
    {
        foreach (var view in Views())
            foreach (var script in view.ScriptBlocks)
            {
                Parser.ParseInput(script, out _, out var errors);
                Assert.True(errors.Length == 0, $"View {view.Name}: {string.Join("; ", errors.Select(e => e.Message))}");
            }
    }

    [Fact]
    public void Each_view_renders_its_columns_through_the_engine_formatter()
    {
        using var host = new PowerShellHost();
        var types = ModelTypes(host).ToDictionary(t => t.FullName!);
        using var console = new FormatCapturingHost();
        // The order book (custom ladder) and the session (no public constructor) have tests of their own.
        foreach (var view in Views().Where(v => v.Kind != "CustomControl" && v.TypeName != "KalshiPS.Session.KalshiSession"))
        {
            object sample = types.TryGetValue(BaseTypeName(view.TypeName), out var type) ? Tagged(Sample(type), view.TypeName) : SampleOf(view.TypeName, UpcomingTypes[view.TypeName]);
            var text = console.Render("$sample", new Dictionary<string, object?> { ["sample"] = sample });
            foreach (var label in view.Labels)
                Assert.True(text.Contains(label), $"View {view.Name} did not render column {label}:\n{text}");
            // Enum-like words go through the models' vocabulary ("SAMPLE-Level" shows as "SampleLevel"); computed text has no sample.
            if (type == null || view.Properties.Any(p => IsStringProperty(type, p) && type.GetProperty(p)!.CanWrite))
                Assert.True(text.Contains("SAMPLE-") || text.Contains("Sample"), $"View {view.Name} rendered no values:\n{text}");
        }
    }

    [Fact]
    public void Orderbook_renders_as_a_price_ladder_asks_above_bids()
    {
        using var console = new FormatCapturingHost();
        var text = console.Render(@"
            $bids = [KalshiPS.Models.KalshiPriceLevel[]]@([KalshiPS.Models.KalshiPriceLevel]::new(0.42, 300), [KalshiPS.Models.KalshiPriceLevel]::new(0.41, 20))
            $noBids = [KalshiPS.Models.KalshiPriceLevel[]]@([KalshiPS.Models.KalshiPriceLevel]::new(0.55, 50), [KalshiPS.Models.KalshiPriceLevel]::new(0.50, 70))
            [KalshiPS.Models.KalshiOrderbook]::FromBids('KXTEST-1', $bids, $noBids, 0)");
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("KXTEST-1  Yes bid 0.42 / ask 0.45  spread 0.03", lines[0]);
        var ladder = lines.Where(l => l.StartsWith("ask") || l.StartsWith("bid")).ToList();
        Assert.Equal(new[] { "ask 0.50 70", "ask 0.45 50", "bid 0.42 300", "bid 0.41 20" },
            ladder.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public void Empty_orderbook_renders_without_errors()
    {
        using var console = new FormatCapturingHost();
        var text = console.Render("[KalshiPS.Models.KalshiOrderbook]@{ Ticker = 'KXEMPTY' }");
        Assert.Contains("KXEMPTY", text);
        Assert.DoesNotContain("ERROR", text);
    }

    [Fact]
    public void Session_view_shows_settings_and_never_key_material()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        using var console = new FormatCapturingHost();
        var text = console.Render("Connect-Kalshi -ApiKeyId 'key-1234' -PrivateKey $pem -BaseUri http://127.0.0.1:9/trade-api/v2 -SkipValidation -PassThru",
            new Dictionary<string, object?> { ["pem"] = pem });
        Assert.Contains("key-1234", text);
        Assert.Contains("ReadRate", text);
        Assert.DoesNotContain("PRIVATE KEY", text);
        var body = pem.Split('\n')[1].Trim();
        Assert.DoesNotContain(body.Substring(0, 20), text);
    }

    private static bool IsStringProperty(Type? type, string property) =>
        type?.GetProperty(property)?.PropertyType == typeof(string);

    /// <summary>An instance with every settable property filled: strings "SAMPLE-Name", numbers, a fixed time.</summary>
    private static object Sample(Type type)
    {
        var ctor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var instance = ctor.Invoke(ctor.GetParameters().Select(p => SampleValue(p.ParameterType, p.Name!)).ToArray());
        foreach (var p in type.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var value = SampleValue(p.PropertyType, p.Name);
            if (value != null) p.SetValue(instance, value);
        }
        return instance;
    }

    private static object? SampleValue(Type t, string name)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string)) return "SAMPLE-" + name;
        if (u == typeof(decimal)) return 0.42m;
        if (u == typeof(int)) return 7;
        if (u == typeof(long)) return 7L;
        if (u == typeof(double)) return 7.5;
        if (u == typeof(bool)) return true;
        if (u == typeof(DateTime)) return new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);
        if (u.IsEnum) return Enum.GetValues(u).GetValue(0);
        return null;
    }

    private static PSObject SampleOf(string typeName, string[] properties)
    {
        var o = new PSObject();
        foreach (var p in properties) o.Properties.Add(new PSNoteProperty(p, "SAMPLE-" + p));
        o.TypeNames.Insert(0, typeName);
        return o;
    }
}
