using System.Xml.Linq;

namespace KalshiPS.Tools.Staging;

/// <summary>The one version source: &lt;KalshiPSVersion&gt; in Directory.Build.props.</summary>
public static class VersionSource
{
    public static string Read(RepoLayout layout)
    {
        var doc = XDocument.Load(layout.VersionProps);
        var value = doc.Descendants("KalshiPSVersion").Select(e => e.Value.Trim()).FirstOrDefault();
        if (string.IsNullOrEmpty(value) || !Version.TryParse(value.Split('-')[0], out _))
            throw new InvalidOperationException($"{layout.VersionProps}: <KalshiPSVersion> is missing or not a version ('{value}').");
        return value;
    }
}
