using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

/// <summary>
/// The scorecards of a lineage of snapshots that differ only in months (PortfolioSnapshots applies them one by one):
/// pure logic over portfolios in memory, no database involved.
/// </summary>
public sealed class ScorecardLaneTests
{
    private static readonly YearMonth Last = new(2026, 9);
    private static readonly Period Quarter = Period.Parse("2026-Q3");
    private static readonly TranslationEngine Engine = new();

    [Fact]
    public async Task ScorecardOfAsync_ReadersOfOlderAndNewerVersions_ShareOneScorecardOfTheNewest()
    {
        var first = new PortfolioSnapshot(1, SyntheticPortfolio.Generate(30, 6, seed: 11, Last));
        await first.ScorecardOfAsync(Quarter, Engine);
        var second = Written(first, system: 0, downtime: 321m);
        var third = Written(second, system: 1, downtime: 654m);

        var readers = await Task.WhenAll(second.ScorecardOfAsync(Quarter, Engine), third.ScorecardOfAsync(Quarter, Engine), second.ScorecardOfAsync(Quarter, Engine));

        readers[1].Should().BeSameAs(readers[0], "readers of the lineage share one calculation, of the newest version");
        readers[2].Should().BeSameAs(readers[0]);
        Figures(readers[0]).Should().Equal(Figures(Engine.Calculate(third.Portfolio!, Quarter)), "it folds in both writes");
    }

    [Fact]
    public async Task ScorecardOfAsync_AWriteOutsideThePeriod_KeepsTheSameScorecard()
    {
        var first = new PortfolioSnapshot(1, SyntheticPortfolio.Generate(30, 6, seed: 12, Last));
        var before = await first.ScorecardOfAsync(Quarter, Engine);
        var inside = Written(first, system: 2, downtime: 10m);
        var insideCard = await inside.ScorecardOfAsync(Quarter, Engine);
        var outside = Written(inside, system: 3, downtime: 20m, month: new YearMonth(2026, 4));

        (await outside.ScorecardOfAsync(Quarter, Engine)).Should().BeSameAs(insideCard, "nothing of the quarter changed since");
        insideCard.Should().NotBeSameAs(before);
        Figures(insideCard).Should().Equal(Figures(Engine.Calculate(outside.Portfolio!, Quarter)));
    }

    [Fact]
    public async Task CarryOver_ManyPeriodsReadAcrossVersions_KeepsAtMostMaxLanes()
    {
        var months = Enumerable.Range(0, 60).Select(back => Last.AddMonths(-back)).ToList();
        var snapshot = new PortfolioSnapshot(1, SyntheticPortfolio.Generate(5, 60, seed: 13, Last));
        // Each version: a write in every month, then a reader of every month: more periods than a lane set holds.
        for (var version = 2; version <= 4; version++)
        {
            foreach (var month in months)
            {
                await snapshot.ScorecardOfAsync(Period.Month(month), Engine);
            }

            snapshot = Written(snapshot, system: version % 5, downtime: version, month: null, months);
        }

        snapshot.Lanes.Count.Should().BeLessThanOrEqualTo(ScorecardLane.MaxLanes);
        snapshot.Lanes.Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task StillRead_LanesNotReadForLong_AreNotCarriedOn()
    {
        var first = new PortfolioSnapshot(1, SyntheticPortfolio.Generate(10, 6, seed: 14, Last));
        await first.ScorecardOfAsync(Quarter, Engine);
        var second = Written(first, system: 0, downtime: 5m);
        await second.ScorecardOfAsync(Quarter, Engine);

        var later = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(ScorecardLane.IdleAfter.TotalSeconds * System.Diagnostics.Stopwatch.Frequency) + 1;

        ScorecardLane.StillRead(second.Lanes, now: System.Diagnostics.Stopwatch.GetTimestamp()).Should().HaveCount(1);
        ScorecardLane.StillRead(second.Lanes, now: later).Should().BeEmpty("nobody read it for longer than IdleAfter");
    }

    /// <summary>The next version: <paramref name="system"/>'s downtime changed in <paramref name="month"/> (the last month by default), or in each of <paramref name="months"/>.</summary>
    private static PortfolioSnapshot Written(PortfolioSnapshot previous, int system, decimal downtime, YearMonth? month = null, IReadOnlyList<YearMonth>? months = null)
    {
        var portfolio = previous.Portfolio!;
        var id = portfolio.Systems[system].Id;
        var changed = (months ?? [month ?? Last]).Select(m => (id, m)).ToHashSet();
        var metrics = portfolio.Metrics
            .Where(m => !changed.Contains((m.SystemId, m.Month)))
            .Concat(changed.Select(c => new MonthlyMetrics(c.id, c.m, measure => measure == Measures.Downtime ? downtime : measure == Measures.Uptime ? 99m : null)))
            .ToList();
        var next = new PortfolioSnapshot(previous.Version + 1, portfolio with { Metrics = metrics });
        next.CarryOver(previous, changed);
        return next;
    }

    private static List<string> Figures(Scorecard scorecard) =>
    [
        .. scorecard.Portfolio.Figures.Select(f => $"portfolio {f.Key} {f.Value}"),
        .. scorecard.Systems.OrderBy(s => s.SystemId).SelectMany(s => s.Figures.Select(f => $"{s.SystemId} {f.Key} {f.Value}")),
    ];
}
