using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using FluentAssertions;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>Alone, not beside other tests: it weighs the process's heap.</summary>
[CollectionDefinition(nameof(HeapWeighing), DisableParallelization = true)]
public sealed class HeapWeighing;

/// <summary>
/// Scorecards built on one another under a stream of writes (PortfolioSnapshots, ScorecardLane) must not keep the
/// calculations before them alive: at 50 writes a second the app's heap grew by about a gigabyte a minute when they did.
/// </summary>
[Collection(nameof(HeapWeighing))]
public sealed class TranslationEngineRecalculateMemoryTests
{
    private static readonly TranslationEngine Engine = new();
    private static readonly YearMonth Month = new(2026, 9);

    [Fact]
    public void Recalculate_ManyWritesEachExplained_HoldsNoMoreMemory()
    {
        var builder = new PortfolioBuilder();
        var process = builder.Process("Order to cash", annualRevenue: 5_000_000m, operatingHoursPerWeek: 50);
        var api = new InputSource(SourceKind.Api, "API key 'Monitoring'", PortfolioBuilder.Now);
        var systems = Enumerable.Range(0, 2_000).Select(i => builder.System($"System {i}", annualCost: 10_000m + i)).ToList();
        foreach (var system in systems)
        {
            builder.DependsOn(process, system, 0.01m);
            foreach (var back in new[] { 2, 1, 0 })
            {
                builder.Metrics(new MonthlyMetrics(system.Id, Month.AddMonths(-back)) { DowntimeMinutes = 10m, UptimePercent = 99.9m }.RecordedBy(api));
            }
        }

        var portfolio = builder.Build();
        var period = Period.QuarterContaining(Month);
        var scorecard = Engine.Calculate(portfolio, period);
        var random = new Random(5);
        WeakReference? early = null;
        var heapEarly = 0L;
        for (var write = 1; write <= 200; write++)
        {
            // One month of one system, as a monitoring tool's PUT; its figure read with its explanation, as the API does.
            var changed = systems[random.Next(systems.Count)].Id;
            var downtime = (decimal)write;
            portfolio = portfolio with
            {
                Metrics = [.. portfolio.Metrics.Select(m => m.SystemId == changed && m.Month == Month
                    ? new MonthlyMetrics(changed, Month) { DowntimeMinutes = downtime, UptimePercent = 99.9m }.RecordedBy(api)
                    : m)],
            };
            scorecard = Engine.Recalculate(scorecard, portfolio, new HashSet<Guid> { changed });
            scorecard.Systems.Single(s => s.SystemId == changed).RevenueDisrupted.Why.Inputs.Should().Contain(i => i.Symbol == "D" && i.Value == 20m + downtime, "the quarter adds two months of 10 minutes to the one written");
            if (write == 20)
            {
                early = new WeakReference(portfolio);
                heapEarly = HeapAfterFullCollection();
            }
        }

        var heapLate = HeapAfterFullCollection();

        early!.IsAlive.Should().BeFalse("the portfolio of an early write is not held by the scorecards built after it");
        (heapLate - heapEarly).Should().BeLessThan(2 * 1024 * 1024, "180 more writes hold no more memory than the latest scorecard needs");
        GC.KeepAlive(scorecard);
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
