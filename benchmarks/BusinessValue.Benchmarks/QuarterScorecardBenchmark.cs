using BenchmarkDotNet.Attributes;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Benchmarks;

/// <summary>
/// The engine computing one quarter for 10,000 systems with their dependencies, workarounds, integrations
/// and a year of metrics, against a baseline measured in the same run: the least work any scorecard must
/// do (one pass over the quarter's metrics and dependencies for revenue disrupted by downtime).
/// Results: docs/performance.md.
/// </summary>
[MemoryDiagnoser]
// The engine runs inside the web app, which uses the server garbage collector (ASP.NET Core's default).
[GcServer(true)]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class QuarterScorecardBenchmark
{
    private static readonly Period Quarter = Period.Parse("2026-Q3");
    private readonly TranslationEngine _engine = new();
    private Portfolio _portfolio = null!;

    [Params(10_000)]
    public int Systems { get; set; }

    [GlobalSetup]
    public void Setup() => _portfolio = SyntheticPortfolio.Generate(Systems, months: 12, seed: 1, new YearMonth(2026, 9));

    [Benchmark(Baseline = true, Description = "Baseline: revenue disrupted, one pass")]
    public decimal RevenueDisruptedOnePass()
    {
        var revenuePerHour = new Dictionary<Guid, decimal>(Systems);
        var processes = _portfolio.Processes.ToDictionary(p => p.Id, p => p.RevenuePerOperatingHour);
        foreach (var dependency in _portfolio.Dependencies)
        {
            revenuePerHour[dependency.SystemId] = revenuePerHour.GetValueOrDefault(dependency.SystemId) + (processes[dependency.ProcessId] * dependency.RevenueShare);
        }

        var total = 0m;
        foreach (var month in _portfolio.Metrics)
        {
            if (Quarter.Contains(month.Month) && month.DowntimeMinutes is { } minutes)
            {
                total += minutes / 60m * revenuePerHour.GetValueOrDefault(month.SystemId);
            }
        }

        return total;
    }

    [Benchmark(Description = "Engine: full quarter scorecard")]
    public Scorecard FullScorecard() => _engine.Calculate(_portfolio, Quarter);
}
