using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using CsCheck;
using FluentAssertions;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>
/// A scorecard recalculated after some systems' months changed (TranslationEngine.Recalculate) must be the scorecard a
/// full calculation gives, to the digit, with the same explanations: checked on many random portfolios and changes.
/// </summary>
public sealed class TranslationEngineRecalculateTests
{
    private static readonly TranslationEngine Engine = new();
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    [Fact]
    public void Recalculate_RandomMonthChanges_EqualsAFullCalculation() =>
        Gen.Select(Seeds, Gen.Int[0, int.MaxValue], Gen.Int[0, 4]).Sample((seed, changeSeed, periodPick) =>
        {
            var period = periodPick == 0 ? Period.Parse("2026-Q3") : Period.Month(new YearMonth(2026, 6 + periodPick));
            var portfolio = TranslationEnginePropertyTests.RandomPortfolio(seed);
            var previous = Engine.Calculate(portfolio, period);
            var (changed, systems) = ChangeMonths(portfolio, period, new Random(changeSeed));

            var recalculated = Engine.Recalculate(previous, changed, systems);

            AssertSame(recalculated, Engine.Calculate(changed, period));
        }, iter: 150);

    [Fact]
    public void Recalculate_AfterRecalculating_EqualsAFullCalculation()
    {
        // Scorecards built on one another, as each write builds on the last: nothing drifts.
        var period = Period.Parse("2026-Q3");
        var portfolio = TranslationEnginePropertyTests.RandomPortfolio(7);
        var scorecard = Engine.Calculate(portfolio, period);
        var random = new Random(11);
        for (var round = 0; round < 20; round++)
        {
            var (changed, systems) = ChangeMonths(portfolio, period, random);
            scorecard = Engine.Recalculate(scorecard, changed, systems);
            portfolio = changed;
        }

        AssertSame(scorecard, Engine.Calculate(portfolio, period));
    }

    [Fact]
    public void Recalculate_ChangedSystemsDowntime_ShowsInItsRevenueDisruptedAndTheTotal()
    {
        // 120 minutes down at 300 an hour of revenue (one process, 300/h, fully dependent) = 600 disrupted.
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP", annualCost: 120_000m);
        var crm = builder.System("CRM", annualCost: 60_000m);
        var process = builder.Process("Order to cash", annualRevenue: 300m * 40 * 52, operatingHoursPerWeek: 40);
        builder.DependsOn(process, erp, 1m).DependsOn(process, crm, 1m);
        var month = new YearMonth(2026, 7);
        builder.Metrics(new MonthlyMetrics(erp.Id, month) { DowntimeMinutes = 60m })
            .Metrics(new MonthlyMetrics(crm.Id, month) { DowntimeMinutes = 30m });
        var before = builder.Build() with { Metrics = [.. builder.Build().Metrics] };
        var period = Period.Month(month);
        var previous = Engine.Calculate(before, period);
        var after = before with
        {
            Metrics = [.. before.Metrics.Select(m => m.SystemId == erp.Id ? new MonthlyMetrics(erp.Id, month) { DowntimeMinutes = 120m } : m)],
        };

        var recalculated = Engine.Recalculate(previous, after, new HashSet<Guid> { erp.Id });

        recalculated.Systems[0].RevenueDisrupted.Value.Should().Be(600m);
        recalculated.Systems[0].RevenueDisrupted.Why.Inputs.Single(i => i.Symbol == "D").Value.Should().Be(120m);
        recalculated.Systems[1].RevenueDisrupted.Value.Should().Be(150m);
        recalculated.Portfolio.RevenueDisrupted.Value.Should().Be(750m);
    }

    [Fact]
    public void Recalculate_OtherSystems_CalculatesInFull()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP", annualCost: 120_000m);
        var before = builder.Build() with { Systems = [erp] };
        var period = Period.Parse("2026-Q3");
        var previous = Engine.Calculate(before, period);
        var crm = builder.System("CRM", annualCost: 60_000m);
        var after = builder.Build();

        var recalculated = Engine.Recalculate(previous, after, new HashSet<Guid>());

        recalculated.Systems.Select(s => s.SystemId).Should().Equal(erp.Id, crm.Id);
        recalculated.Portfolio.TechnologySpend.Value.Should().Be(45_000m);
    }

    /// <summary>Some months of the period changed, added or removed, for a few systems; and which systems those are.</summary>
    private static (Portfolio Changed, IReadOnlySet<Guid> Systems) ChangeMonths(Portfolio portfolio, Period period, Random random)
    {
        var systems = new HashSet<Guid>();
        var metrics = portfolio.Metrics.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var system = portfolio.Systems[random.Next(portfolio.Systems.Count)].Id;
            var months = period.EachMonth().ToList();
            var month = months[random.Next(months.Count)];
            var index = metrics.FindIndex(m => m.SystemId == system && m.Month == month);
            if (index >= 0 && random.Next(5) == 0)
            {
                metrics.RemoveAt(index);
                systems.Add(system);
                continue;
            }

            decimal? Maybe(int max) => random.Next(4) == 0 ? null : random.Next(0, max) + (random.Next(0, 100) / 100m);
            var row = new MonthlyMetrics(system, month)
            {
                UptimePercent = Maybe(5) + 95m,
                SlaUptimeTargetPercent = 99.9m,
                DowntimeMinutes = Maybe(600),
                PeakDegradedMinutes = Maybe(900),
                P2 = new TicketStats(random.Next(0, 5), random.Next(0, 30), random.Next(0, 40)),
                PatchCompliancePercent = Maybe(100),
                BlockedWorkHours = Maybe(80),
                ActiveUsers = random.Next(3) == 0 ? null : random.Next(0, 600),
                Satisfaction = random.Next(3) == 0 ? null : 1m + (random.Next(0, 41) / 10m),
            };
            if (index >= 0)
            {
                metrics[index] = row;
            }
            else
            {
                metrics.Add(row);
            }

            systems.Add(system);
        }

        return (portfolio with { Metrics = metrics }, systems);
    }

    /// <summary>Every value, coverage and explanation of every system, department and portfolio figure.</summary>
    internal static void AssertSame(Scorecard actual, Scorecard expected)
    {
        actual.Period.Should().Be(expected.Period);
        actual.Systems.Select(s => s.SystemId).Should().Equal(expected.Systems.Select(s => s.SystemId));
        foreach (var (a, e) in actual.Systems.Zip(expected.Systems))
        {
            a.Readiness.Should().Be(e.Readiness);
            a.Quadrant.Should().Be(e.Quadrant);
            foreach (var definition in FigureCatalogue.SystemFigures)
            {
                AssertSame(a.Of(definition), e.Of(definition), $"{e.Name}: {definition.Key}");
            }
        }

        actual.Departments.Should().HaveCount(expected.Departments.Count);
        foreach (var (a, e) in actual.Departments.Zip(expected.Departments))
        {
            AssertSame(a.WorkaroundCost, e.WorkaroundCost, $"{e.Name}: workaround cost");
            a.WorkaroundCostBySystem.Should().Equal(e.WorkaroundCostBySystem);
        }

        actual.Portfolio.ReadinessCounts.Should().Equal(expected.Portfolio.ReadinessCounts);
        foreach (var definition in FigureCatalogue.PortfolioFigures)
        {
            AssertSame(actual.Portfolio.Of(definition), expected.Portfolio.Of(definition), $"portfolio: {definition.Key}");
        }
    }

    private static void AssertSame(Figure actual, Figure expected, string what)
    {
        actual.Value.Should().Be(expected.Value, what);
        actual.Coverage.Should().Be(expected.Coverage, what);
        var (a, e) = (actual.Why, expected.Why);
        (a.Formula, a.Period, a.Coverage).Should().Be((e.Formula, e.Period, e.Coverage), what);
        a.Inputs.Should().Equal(e.Inputs, what);
        a.Missing.Should().Equal(e.Missing, what);
    }
}
