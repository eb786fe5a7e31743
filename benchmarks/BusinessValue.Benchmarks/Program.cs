using System.Diagnostics;
using BenchmarkDotNet.Running;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.PortfolioDocuments;

// dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --circuits [count] [interacting] [seconds]  (open circuits: memory each, interaction latency)
if (args is ["--circuits", ..])
{
    static int Arg(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    if (args is ["--circuits", "driver", var url, var user, var password, ..])
    {
        Environment.ExitCode = await BusinessValue.Benchmarks.CircuitLoadDriver.RunAsync(new Uri(url), user, password, Arg(args, 5, 1000), Arg(args, 6, 100), Arg(args, 7, 60));
        return;
    }

    await BusinessValue.Benchmarks.CircuitLoadBenchmark.RunAsync(Arg(args, 1, 1000), Arg(args, 2, 100), Arg(args, 3, 60));
    return;
}

// dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --split   (CPU and GC time apart, for profiling)
// dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --import [rounds]  (100,000 metric rows from CSV against psql \copy)
if (args is ["--import", ..])
{
    await BusinessValue.Benchmarks.MetricsImportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

// The Stopwatch modes of scripts/bench.sh, each printing its rows as BENCH|… lines (BenchLine).
if (args is ["--engine", ..])
{
    BusinessValue.Benchmarks.EngineRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}

if (args is ["--scorecard-page", ..])
{
    await BusinessValue.Benchmarks.ScorecardPageRun.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40,
        (args.Length > 2 ? args[2] : "1000,10000").Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList());
    return;
}

if (args is ["--cold-start", var runs, var appDll, var emptyDll])
{
    await BusinessValue.Benchmarks.ColdStartRun.RunAsync(int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture), appDll, emptyDll);
    return;
}

// dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --systems-list  (the systems list at 10,000 systems against its raw SQL)
if (args is ["--systems-list"])
{
    await BusinessValue.Benchmarks.SystemsListBenchmark.RunAsync();
    return;
}

// dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --freshness [systems] [seconds per rate] [rates…]  (single-month API writes against scorecard freshness, PostgreSQL)
if (args is ["--freshness", ..])
{
    await BusinessValue.Benchmarks.FreshnessBenchmark.RunAsync(args[1..]);
    return;
}

if (args is ["--split"])
{
    var portfolio = SyntheticPortfolio.Generate(10_000, 12, 1, new YearMonth(2026, 9));
    var engine = new TranslationEngine();
    var quarter = Period.Parse("2026-Q3");
    for (var i = 0; i < 5; i++)
    {
        engine.Calculate(portfolio, quarter);
    }

    var clock = Stopwatch.StartNew();
    var gcBefore = GC.GetTotalPauseDuration();
    for (var i = 0; i < 20; i++)
    {
        engine.Calculate(portfolio, quarter);
    }

    Console.WriteLine($"with GC: {clock.Elapsed.TotalMilliseconds / 20:0.0} ms per quarter, GC pauses {(GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds / 20:0.0} ms");
    GC.Collect();
    if (GC.TryStartNoGCRegion(240_000_000))
    {
        clock.Restart();
        engine.Calculate(portfolio, quarter);
        Console.WriteLine($"without GC: {clock.Elapsed.TotalMilliseconds:0.0} ms per quarter");
        GC.EndNoGCRegion();
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BusinessValue.Benchmarks.QuarterScorecardBenchmark).Assembly).Run(args);
