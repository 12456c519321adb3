namespace KalshiPS.Tools.Help;

/// <summary>One docs/help/&lt;Verb-Noun&gt;.md file, parsed. Text stays as paragraphs; the generator adds the metadata.</summary>
public sealed class CommandHelpSource
{
    public string Name { get; set; } = "";
    public string SourcePath { get; set; } = "";
    public string Synopsis { get; set; } = "";
    public List<string> Description { get; } = new();
    /// <summary>Parameter name (no dash) to its description paragraphs.</summary>
    public Dictionary<string, List<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<HelpExample> Examples { get; } = new();
    public List<string> Inputs { get; } = new();
    public List<string> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<HelpLink> RelatedLinks { get; } = new();
}

public sealed record HelpExample(string Title, string Code, List<string> Remarks);

public sealed record HelpLink(string Text, string Uri);
