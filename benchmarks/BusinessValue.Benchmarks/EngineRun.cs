using System.Diagnostics;
using System.Globalization;

namespace BusinessValue.Benchmarks;

/// <summary>
/// The engine's quarter at 10,000 systems as a Stopwatch loop for scripts/bench.sh (BenchmarkDotNet's
/// <see cref="QuarterScorecardBenchmark"/> takes minutes): the same data, the same engine call and the same one-pass
/// baseline, alternating so both see the same moments of a shared machine; the median of each.
/// bench.sh pins the process to one core (taskset -c 0) and asks for the server GC, as the web app runs; with one
/// visible core the runtime takes the workstation GC anyway, and the output line says which ran.
/// </summary>
/// <remarks>dotnet benchmarks/.../BusinessValue.Benchmarks.dll --engine [iterations]</remarks>
internal static class EngineRun
{
    public static void Run(int iterations)
    {
        var benchmark = new QuarterScorecardBenchmark { Systems = 10_000 };
        benchmark.Setup();
        // Warm up until tiered compilation has settled (BenchmarkDotNet's own warm-up is of this order): with three
        // rounds the first measured runs were still partly unoptimised code and the median came out at 2-3x the
        // steady state on one core, where the background JIT competes with the benchmark for the only core.
        for (var i = 0; i < 30; i++)
        {
            benchmark.RevenueDisruptedOnePass();
            benchmark.FullScorecard();
        }

        Thread.Sleep(1000);

        // Allocations do not depend on the machine's load, so they compare runs that timings cannot.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        benchmark.FullScorecard();
        var allocatedPerQuarter = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var baseline = new List<double>();
        var engine = new List<double>();
        var collectionsBefore = GC.CollectionCount(0);
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            benchmark.RevenueDisruptedOnePass();
            baseline.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            benchmark.FullScorecard();
            engine.Add(clock.Elapsed.TotalMilliseconds);
        }

        var collections = GC.CollectionCount(0) - collectionsBefore;

        var ours = BenchLine.Median(engine);
        var theirs = BenchLine.Median(baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine: {iterations} runs, median {ours:0.0} ms (min {engine.Min():0.0}, max {engine.Max():0.0}); baseline median {theirs:0.0} ms (min {baseline.Min():0.0}); allocated {allocatedPerQuarter / 1e6:0.00} MB per quarter; {collections} gen0+ collections in the timed runs; server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} core(s) visible; load {BenchLine.LoadAverage()}"));
        BenchLine.Print("engine: a quarter, one core", "10,000 systems, 12 months", $"{BenchLine.Ms(ours)} (median of {iterations})",
            $"one-pass revenue disrupted: {BenchLine.Ms(theirs)}", BenchLine.Ratio(ours / theirs), "< 100 ms", ours < 100);
    }
}
