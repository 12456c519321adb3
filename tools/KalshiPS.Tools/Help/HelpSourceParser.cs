using System.Text;
using System.Text.RegularExpressions;

namespace KalshiPS.Tools.Help;

/// <summary>
/// Reads the fixed Markdown layout documented in docs/help/README.md: "# Name", then "## SYNOPSIS", "## DESCRIPTION",
/// "## PARAMETERS" (### -Name), "## EXAMPLES" (### title, a ```powershell fence, remarks), "## INPUTS", "## OUTPUTS",
/// "## NOTES", "## RELATED LINKS". Unknown sections are errors, so typos don't silently drop text.
/// </summary>
public static class HelpSourceParser
{
    private static readonly string[] Sections = { "SYNOPSIS", "DESCRIPTION", "PARAMETERS", "EXAMPLES", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };
    private static readonly Regex MarkdownLink = new(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$");

    public static CommandHelpSource ParseFile(string path, List<string> errors)
    {
        var source = Parse(File.ReadAllText(path), path, errors);
        source.SourcePath = path;
        return source;
    }

    public static CommandHelpSource Parse(string markdown, string origin, List<string> errors)
    {
        var help = new CommandHelpSource();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        string? section = null, sub = null;
        var buffer = new List<string>();
        var code = new StringBuilder();
        bool inFence = false;
        string? exampleCode = null;

        void Flush()
        {
            var paragraphs = Paragraphs(buffer);
            var lineItems = buffer.Select(l => l.Trim()).Where(l => l.Length > 0)
                .Select(l => l.StartsWith("- ") || l.StartsWith("* ") ? l.Substring(2).Trim() : l).ToList();
            buffer.Clear();
            switch (section)
            {
                case null: break;
                case "SYNOPSIS": help.Synopsis = string.Join(" ", paragraphs); break;
                case "DESCRIPTION": help.Description.AddRange(paragraphs); break;
                case "NOTES": help.Notes.AddRange(paragraphs); break;
                case "INPUTS": help.Inputs.AddRange(lineItems); break;
                case "OUTPUTS": help.Outputs.AddRange(lineItems); break;
                case "RELATED LINKS":
                    foreach (var item in lineItems) help.RelatedLinks.Add(Link(item));
                    break;
                case "PARAMETERS":
                    if (sub != null) help.Parameters[sub] = paragraphs;
                    else if (paragraphs.Count > 0) errors.Add($"{origin}: text under PARAMETERS before the first '### -Name'.");
                    break;
                case "EXAMPLES":
                    if (sub != null)
                    {
                        if (exampleCode == null) errors.Add($"{origin}: example '{sub}' has no ```powershell code block.");
                        help.Examples.Add(new HelpExample(sub, exampleCode ?? "", paragraphs));
                    }
                    else if (paragraphs.Count > 0) errors.Add($"{origin}: text under EXAMPLES before the first '### Example'.");
                    break;
            }
            exampleCode = null;
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (inFence)
            {
                if (line.TrimStart().StartsWith("```")) { inFence = false; exampleCode = code.ToString().TrimEnd('\n'); code.Clear(); }
                else code.Append(raw.TrimEnd()).Append('\n');
                continue;
            }
            if (line.TrimStart().StartsWith("```"))
            {
                if (section != "EXAMPLES" || sub == null) errors.Add($"{origin}: code blocks belong in an example.");
                else if (exampleCode != null) errors.Add($"{origin}: example '{sub}' has more than one code block.");
                inFence = true;
                continue;
            }
            if (line.StartsWith("# "))
            {
                if (help.Name.Length > 0) errors.Add($"{origin}: more than one '# Name' heading.");
                help.Name = line.Substring(2).Trim();
                continue;
            }
            if (line.StartsWith("## "))
            {
                Flush();
                section = line.Substring(3).Trim().ToUpperInvariant();
                sub = null;
                if (!Sections.Contains(section)) errors.Add($"{origin}: unknown section '## {line.Substring(3).Trim()}'.");
                continue;
            }
            if (line.StartsWith("### "))
            {
                Flush();
                var heading = line.Substring(4).Trim();
                if (section == "PARAMETERS")
                {
                    if (!heading.StartsWith('-')) errors.Add($"{origin}: parameter heading '{heading}' must start with '-'.");
                    sub = heading.TrimStart('-').Trim();
                }
                else if (section == "EXAMPLES") sub = heading;
                else errors.Add($"{origin}: '### {heading}' is only allowed under PARAMETERS or EXAMPLES.");
                continue;
            }
            buffer.Add(line);
        }
        if (inFence) errors.Add($"{origin}: unterminated code block.");
        Flush();

        if (help.Name.Length == 0) errors.Add($"{origin}: missing '# Verb-Noun' title.");
        if (string.IsNullOrWhiteSpace(help.Synopsis)) errors.Add($"{origin}: missing SYNOPSIS.");
        if (help.Description.Count == 0) errors.Add($"{origin}: missing DESCRIPTION.");
        return help;
    }

    /// <summary>Blank-line separated paragraphs, lines joined with spaces; list items ("- ") kept as their own lines.</summary>
    private static List<string> Paragraphs(List<string> lines)
    {
        var result = new List<string>();
        var current = new List<string>();
        void End() { if (current.Count > 0) result.Add(string.Join(" ", current)); current.Clear(); }
        foreach (var line in lines)
        {
            var t = line.Trim();
            if (t.Length == 0) { End(); continue; }
            if (t.StartsWith("- ") || t.StartsWith("* ")) { End(); current.Add(t); End(); continue; }
            current.Add(t);
        }
        End();
        return result;
    }

    private static HelpLink Link(string item)
    {
        var m = MarkdownLink.Match(item);
        if (m.Success) return new HelpLink(m.Groups["text"].Value, m.Groups["uri"].Value);
        return Uri.TryCreate(item, UriKind.Absolute, out _) ? new HelpLink("Online Version:", item) : new HelpLink(item, "");
    }
}
