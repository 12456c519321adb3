using System.IO;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using KalshiPS.Benchmarks.Floor;

namespace KalshiPS.Benchmarks
{
    public static class Program
    {
        // dotnet run -c Release --project tests/KalshiPS.Benchmarks -- --filter '*'
        // Results go to tests/KalshiPS.Benchmarks/BenchmarkDotNet.Artifacts (git-ignored) unless --artifacts says otherwise.
        // bench/run uses the other verbs: compare (the whole side-by-side run), floor and floor-stream (the floor's process).
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "parse-profile") { MarketPageBenchmarks.Profile(); MarketPageBenchmarks.ProfileKinds(); return 0; }
            if (args.Length > 0 && args[0] == "serve") return Compare.ServeAsync(args).GetAwaiter().GetResult();
            if (args.Length > 0 && args[0] == "compare") return Compare.RunAsync(args).GetAwaiter().GetResult();
            if (args.Length > 0 && (args[0] == "floor" || args[0] == "floor-stream" || args[0] == "floor-serve")) return FloorProgram.RunAsync(args).GetAwaiter().GetResult();
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run(args, DefaultConfig.Instance.WithArtifactsPath(Path.Combine(ProjectDir(), "BenchmarkDotNet.Artifacts")));
            return 0;
        }

        private static string ProjectDir([CallerFilePath] string source = "") => Path.GetDirectoryName(source);
    }
}
