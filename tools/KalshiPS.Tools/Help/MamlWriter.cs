using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace KalshiPS.Tools.Help;

/// <summary>One cmdlet's help, merged from its source and the engine's metadata, ready to write as MAML.</summary>
public sealed record CommandHelp(
    string Name,
    CommandHelpSource Source,
    IReadOnlyList<IReadOnlyList<ParameterFacts>> Syntax,
    IReadOnlyList<(ParameterFacts Facts, List<string> Description)> Parameters,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs);

/// <summary>Writes the MAML command-help schema that Get-Help reads for binary modules (KalshiPS.dll-Help.xml).</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(IEnumerable<CommandHelp> commands)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            commands.Select(CommandElement));
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement CommandElement(CommandHelp help)
    {
        var dash = help.Name.IndexOf('-');
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Name.Substring(0, dash)),
                new XElement(Command + "noun", help.Name.Substring(dash + 1)),
                Description(new[] { help.Source.Synopsis })),
            Description(help.Source.Description),
            new XElement(Command + "syntax", help.Syntax.Select(set =>
                new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", help.Name),
                    set.Select(p => ParameterElement(p, DescriptionOf(help, p.Name), inSyntax: true))))),
            new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p.Facts, p.Description, inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeItem(Command + "inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeItem(Command + "returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Source.Notes))),
            new XElement(Command + "examples", help.Source.Examples.Select((e, i) =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {ExampleTitle(e.Title, i)} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
            new XElement(Maml + "relatedLinks", help.Source.RelatedLinks.Select(l =>
                new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri)))));
    }

    private static List<string> DescriptionOf(CommandHelp help, string parameter) =>
        help.Parameters.FirstOrDefault(p => p.Facts.Name == parameter).Description ?? new List<string>();

    private static XElement ParameterElement(ParameterFacts p, List<string> description, bool inSyntax)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", p.Required.ToString().ToLowerInvariant()),
            new XAttribute("variableLength", p.Type.IsArray.ToString().ToLowerInvariant()),
            new XAttribute("globbing", p.Globbing.ToString().ToLowerInvariant()),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", p.Position),
            new XAttribute("aliases", p.Aliases),
            new XElement(Maml + "name", p.Name),
            Description(description));
        if (p.AllowedValues.Count > 0)
            element.Add(new XElement(Command + "parameterValueGroup",
                p.AllowedValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        if (!(p.IsSwitch && inSyntax))
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", (!p.IsSwitch).ToString().ToLowerInvariant()),
                new XAttribute("variableLength", "false"), ParameterFacts.ShortName(p.Type)));
        if (!inSyntax)
        {
            element.Add(new XElement(Dev + "type", new XElement(Maml + "name", ParameterFacts.ShortName(p.Type)), new XElement(Maml + "uri")));
            element.Add(new XElement(Dev + "defaultValue", p.IsSwitch ? "False" : "None"));
        }
        return element;
    }

    private static string ExampleTitle(string title, int index) =>
        title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? title : $"Example {index + 1}: {title}";

    private static XElement TypeItem(XName name, string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var type = colon > 0 ? line.Substring(0, colon).Trim() : line.Trim();
        var text = colon > 0 ? line.Substring(colon + 2).Trim() : "";
        return new XElement(name,
            new XElement(Dev + "type", new XElement(Maml + "name", type)),
            Description(text.Length > 0 ? new[] { text } : Array.Empty<string>()));
    }

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs)
    {
        var list = paragraphs.ToList();
        return list.Count == 0 ? new[] { new XElement(Maml + "para") } : list.Select(p => new XElement(Maml + "para", p));
    }
}
