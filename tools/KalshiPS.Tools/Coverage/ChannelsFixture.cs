namespace KalshiPS.Tools.Coverage;

/// <summary>One WebSocket channel: its subscribe name, whether it needs a signed connection, the message types it sends.</summary>
public sealed record SpecChannel(string Name, string Auth, string Messages);

/// <summary>tests/fixtures/kalshi-websocket-channels.tsv: '#' comments, a header row, then channel, auth, messages.</summary>
public static class ChannelsFixture
{
    public static string PathIn(RepoLayout layout) => Path.Combine(layout.Root, "tests", "fixtures", "kalshi-websocket-channels.tsv");

    public static List<SpecChannel> Read(string file) =>
        File.ReadAllLines(file).Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("channel\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Select(c => c.Length == 3 ? new SpecChannel(c[0], c[1], c[2]) : throw new InvalidOperationException($"{file}: expected 3 tab-separated cells: {string.Join("\\t", c)}"))
            .ToList();
}
