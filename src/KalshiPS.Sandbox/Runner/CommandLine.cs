namespace KalshiPS.Sandbox.Runner;

/// <summary>Entry point: server mode, script mode, or --new-key.</summary>
public static class CommandLine
{
    public static async Task<int> MainAsync(string[] args)
    {
        await Task.Yield();
        Console.WriteLine("not yet");
        return 0;
    }
}
