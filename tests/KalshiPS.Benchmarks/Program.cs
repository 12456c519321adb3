using System.IO;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace KalshiPS.Benchmarks
{
    public static class Program
    {
        // dotnet run -c Release --project tests/KalshiPS.Benchmarks -- --filter '*'
        // Results go to tests/KalshiPS.Benchmarks/BenchmarkDotNet.Artifacts (git-ignored) unless --artifacts says otherwise.
        public static void Main(string[] args) =>
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run(args, DefaultConfig.Instance.WithArtifactsPath(Path.Combine(ProjectDir(), "BenchmarkDotNet.Artifacts")));

        private static string ProjectDir([CallerFilePath] string source = "") => Path.GetDirectoryName(source);
    }
}
