using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace KalshiPS.Benchmarks.Floor
{
    /// <summary>The floor's own process (bench/run starts it): prints "RESULT name wall cpu [extra]" like bench/module.ps1.</summary>
    internal static class FloorProgram
    {
        public static async Task<int> RunAsync(string[] args)
        {
            string Arg(string name, string fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
            var url = new Uri(Arg("--url", "http://127.0.0.1:5000/trade-api/v2"));
            var runs = int.Parse(Arg("--runs", "7"), CultureInfo.InvariantCulture);
            var warmup = int.Parse(Arg("--warmup", "2"), CultureInfo.InvariantCulture);
            var process = Process.GetCurrentProcess();

            if (args[0] == "floor-stream")
            {
                var markets = int.Parse(Arg("--markets", "1"), CultureInfo.InvariantCulture);
                var deltas = int.Parse(Arg("--deltas", "1000000"), CultureInfo.InvariantCulture);
                var tickers = Enumerable.Range(0, markets).Select(BenchServer.Ticker).ToArray();
                var heap = GC.GetTotalMemory(true);
                process.Refresh();
                var before = process.WorkingSet64;
                decimal size = 0;
                // The first stream of the process (tiered JIT at work) is reported on its own; the judged runs follow it.
                var cold = Enumerable.Range(0, warmup).Select(_ => Measure(process, async () => size = await FloorClient.StreamAsync(url, tickers, markets + deltas))).ToArray();
                if (cold.Length > 0) Print($"stream-{markets}-cold", cold.Take(1).ToArray(), "");
                var samples = Enumerable.Range(0, runs).Select(_ => Measure(process, async () => size = await FloorClient.StreamAsync(url, tickers, markets + deltas))).ToArray();
                var retained = (GC.GetTotalMemory(true) - heap) / 1048576.0;
                process.Refresh();
                Print($"stream-{markets}", samples, string.Format(CultureInfo.InvariantCulture, "heap {0:+0.0;-0.0} MB, peak working set {1:+0.0} MB, best Yes bid size {2}",
                    retained, (process.PeakWorkingSet64 - before) / 1048576.0, size));
                return 0;
            }

            if (args[0] == "floor-serve")
            {
                // bench/run's lockstep mode: one listing per line on stdin ("fills"), one RESULT line each; stops at end of input.
                string kind;
                while ((kind = Console.ReadLine()) != null)
                {
                    kind = kind.Trim();
                    if (kind.Length == 0) continue;
                    var count = 0;
                    var sample = Measure(process, async () => count = await FloorClient.ListAsync(url, kind, 1000));
                    Print("list-" + kind, new[] { sample }, "items=" + count);
                    Console.Out.Flush();
                }
                return 0;
            }

            foreach (var kind in BenchData.Kinds)
            {
                var count = 0;
                for (var i = 0; i < warmup; i++) Measure(process, async () => count = await FloorClient.ListAsync(url, kind, 1000));
                var samples = Enumerable.Range(0, runs).Select(_ => Measure(process, async () => count = await FloorClient.ListAsync(url, kind, 1000))).ToArray();
                Print("list-" + kind, samples, "items=" + count);
            }
            return 0;
        }

        private static (double Wall, double Cpu) Measure(Process process, Func<Task> work)
        {
            GC.Collect(); GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            work().GetAwaiter().GetResult();
            sw.Stop();
            process.Refresh();
            return (sw.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        private static void Print(string name, (double Wall, double Cpu)[] samples, string extra)
        {
            // Best of the runs (as bench/module.ps1): on a shared machine noise only ever adds time.
            var wall = samples.Min(s => s.Wall);
            var cpu = samples.Min(s => s.Cpu);
            Console.WriteLine(FormattableString.Invariant($"RESULT {name} {wall:0.0} {cpu:0.0} {extra}"));
        }
    }
}
