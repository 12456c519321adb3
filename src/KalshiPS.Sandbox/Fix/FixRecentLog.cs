using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// The last lines a gateway session logged (messages in and out as FixMessage prints them, secrets redacted; gaps;
/// closes), for diagnosis and for tests that wait for something the server did instead of sleeping.
/// </summary>
internal sealed class FixRecentLog
{
    private const int Capacity = 256;
    private readonly Queue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waits = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Capacity) _lines.Dequeue();
            for (var i = _waits.Count - 1; i >= 0; i--)
                if (_waits[i].Match(line)) { _waits[i].Done.TrySetResult(); _waits.RemoveAt(i); }
        }
    }

    public string[] Lines { get { lock (_lines) return _lines.ToArray(); } }

    /// <summary>Completes when a line matching the predicate has been (or is) logged.</summary>
    public Task WhenLogged(Func<string, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Any(match)) done.TrySetResult();
            else _waits.Add((match, done));
        }
        return done.Task;
    }
}
