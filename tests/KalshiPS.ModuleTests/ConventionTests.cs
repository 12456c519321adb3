using System.Reflection;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Conventions a PowerShell user expects: the web cmdlets' retry names, public enums in the models' namespace.</summary>
public class ConventionTests
{
    [Fact]
    public void Retry_parameters_answer_to_the_web_cmdlets_names_in_the_same_units()
    {
        using var host = new PowerShellHost();
        var r = host.Run("Connect-Kalshi -BaseUri http://127.0.0.1:9/trade-api/v2 -MaximumRetryCount 5 -RetryIntervalSec 2 -PassThru");
        Ps.Assert(r);
        var session = r.One();
        Assert.Equal(5, (int)session.Properties["MaxRetries"].Value);
        Assert.Equal(TimeSpan.FromSeconds(2), (TimeSpan)session.Properties["RetryDelay"].Value);
        var aliases = host.Run("(Get-Command Connect-Kalshi).Parameters['MaxRetries'].Aliases + (Get-Command Connect-Kalshi).Parameters['RetryDelay'].Aliases")
            .Output.Select(o => o.ToString()).ToList();
        Assert.Contains("MaximumRetryCount", aliases);
        Assert.Contains("RetryIntervalSec", aliases);
    }

    /// <summary>Every endpoint reads its answer one way (Wire/README.md): a Utf8JsonReader over the bytes, never a DOM or reflection.</summary>
    [Fact]
    public void Endpoints_and_wire_readers_parse_with_Utf8JsonReader_only()
    {
        var src = Path.Combine(PowerShellHost.RepoRoot, "src", "KalshiPS");
        var files = new[] { "Api", "Wire" }.SelectMany(d => Directory.GetFiles(Path.Combine(src, d), "*.cs", SearchOption.AllDirectories)).ToList();
        Assert.True(files.Count > 20, "the Api/ and Wire/ folders were not found");
        var offenders = files.Where(f => File.ReadAllLines(f).Any(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)
                && (l.Contains("JsonDocument") || l.Contains("JsonSerializer.Deserialize") || l.Contains("JsonNode"))))
            .Select(f => Path.GetRelativePath(src, f)).ToList();
        Assert.True(offenders.Count == 0, "parse with the Wire/ reader pattern instead of a DOM: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_public_enum_lives_in_the_models_namespace()
    {
        using var host = new PowerShellHost();
        var assembly = host.Run("[KalshiPS.Models.KalshiMarket].Assembly").Single<Assembly>();
        var enums = assembly.GetExportedTypes().Where(t => t.IsEnum).ToList();
        Assert.Contains(enums, t => t.Name == "KalshiEnvironment");
        Assert.All(enums, t => Assert.True(t.Namespace == "KalshiPS.Models", $"{t.FullName} should be KalshiPS.Models.{t.Name}"));
        // Users name them in scripts by the short path.
        Assert.Equal("Demo", host.Run("[KalshiPS.Models.KalshiEnvironment]::Demo").Output.Single().ToString());
        Assert.Equal("Prime", host.Run("[KalshiPS.Models.KalshiTier]::Prime").Output.Single().ToString());
    }

    /// <summary>Word-valued properties speak the enum style (GoodTillCanceled, QuadraticWithMakerFees), never Kalshi's wire words.</summary>
    [Fact]
    public async Task Outputs_use_one_vocabulary_of_enum_style_names()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        var r = s.Run($@"
            New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.03
            Get-KalshiOrder -Ticker {t}
            Get-KalshiMarket -Ticker {t}
            Get-KalshiSeries
            Get-KalshiFeeChange -IncludeHistorical");
        Ps.Assert(r);
        var words = new[] { "Status", "MarketType", "PriceLevelStructure", "StrikeType", "Frequency", "FeeType", "Type",
            "SelfTradePrevention", "TimeInForce", "Side", "Action", "Scope" };
        var seen = 0;
        foreach (var o in r.Output)
            foreach (var name in words)
                if (o.Properties[name]?.Value?.ToString() is { Length: > 0 } value)
                {
                    seen++;
                    Assert.True(System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Z][A-Za-z0-9]*$"),
                        $"{o.BaseObject.GetType().Name}.{name} is '{value}', not an enum-style name");
                }
        Assert.True(seen > 20, $"only {seen} word values checked");
    }
}
