using System.Management.Automation;

namespace KalshiPS.Tools.Help;

/// <summary>What the engine knows about one parameter of a cmdlet, merged over its parameter sets.</summary>
public sealed class ParameterFacts
{
    public string Name { get; init; } = "";
    public Type Type { get; init; } = typeof(object);
    public bool Required { get; init; }
    public string Position { get; init; } = "named";
    public string PipelineInput { get; init; } = "False";
    public string Aliases { get; init; } = "none";
    public bool Globbing { get; init; }
    public IReadOnlyList<string> AllowedValues { get; init; } = Array.Empty<string>();
    public bool IsSwitch => Type == typeof(SwitchParameter);

    /// <summary>Common parameters (-Verbose, -ErrorAction, ...) are documented by about_CommonParameters, not per cmdlet.</summary>
    public static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name);

    public static ParameterFacts From(ParameterMetadata meta, IEnumerable<CommandParameterSetInfo> sets)
    {
        var uses = sets.SelectMany(s => s.Parameters.Where(p => p.Name == meta.Name)).ToList();
        var byValue = uses.Any(u => u.ValueFromPipeline);
        var byName = uses.Any(u => u.ValueFromPipelineByPropertyName);
        var position = uses.Select(u => u.Position).Where(p => p >= 0).DefaultIfEmpty(-1).Min();
        return new ParameterFacts
        {
            Name = meta.Name,
            Type = meta.ParameterType,
            Required = uses.Count > 0 && uses.All(u => u.IsMandatory),
            Position = position >= 0 ? position.ToString() : "named",
            PipelineInput = byValue || byName
                ? "True (" + string.Join(", ", new[] { byValue ? "ByValue" : null, byName ? "ByPropertyName" : null }.Where(x => x != null)) + ")"
                : "False",
            Aliases = meta.Aliases.Count > 0 ? string.Join(", ", meta.Aliases) : "none",
            Globbing = meta.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            AllowedValues = AllowedValuesOf(meta),
        };
    }

    /// <summary>One parameter as it appears in one parameter set (for the syntax block).</summary>
    public static ParameterFacts From(CommandParameterInfo p) => new()
    {
        Name = p.Name,
        Type = p.ParameterType,
        Required = p.IsMandatory,
        Position = p.Position >= 0 ? p.Position.ToString() : "named",
        PipelineInput = p.ValueFromPipeline || p.ValueFromPipelineByPropertyName ? "True" : "False",
        Aliases = p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none",
        AllowedValues = AllowedValuesOf(p.Attributes, p.ParameterType),
    };

    private static IReadOnlyList<string> AllowedValuesOf(ParameterMetadata meta) => AllowedValuesOf(meta.Attributes, meta.ParameterType);

    private static IReadOnlyList<string> AllowedValuesOf(IEnumerable<Attribute> attributes, Type type)
    {
        var set = attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
        if (set != null) return set.ValidValues.ToList();
        var element = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        return element.IsEnum ? Enum.GetNames(element) : Array.Empty<string>();
    }

    /// <summary>Short type name as Get-Help shows it: String[], DateTime, KalshiEnvironment.</summary>
    public static string ShortName(Type t)
    {
        var nullable = Nullable.GetUnderlyingType(t);
        if (nullable != null) return ShortName(nullable);
        if (t.IsArray) return ShortName(t.GetElementType()!) + "[]";
        return t.Name;
    }
}
