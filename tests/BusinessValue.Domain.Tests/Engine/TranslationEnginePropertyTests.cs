using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using CsCheck;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>Invariants that must hold for any portfolio, checked on many random ones (CsCheck).</summary>
public sealed class TranslationEnginePropertyTests
{
    private static readonly TranslationEngine Engine = new();
    private static readonly Period Quarter = Period.Parse("2026-Q3");
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    [Fact]
    public void Calculate_AnyPortfolio_LeaksAndCostsAreNeverNegative() =>
        Seeds.Sample(seed =>
        {
            var scorecard = Engine.Calculate(RandomPortfolio(seed), Quarter);
            var costs = scorecard.Systems.SelectMany(s => new[] { s.ValueLeaks, s.UnusedSpend, s.WorkaroundCost, s.ManualIntegrationCost, s.ProductivityLoss, s.BlockedWorkCost })
                .Append(scorecard.Portfolio.ValueLeaks).Append(scorecard.Portfolio.WorkaroundCost).Append(scorecard.Portfolio.ManualIntegrationCost);
            return costs.All(f => f.Value is null or >= 0m);
        }, iter: 300);

    [Fact]
    public void Calculate_RemovingAWorkaround_NeverRaisesAnyCost() =>
        Gen.Select(Seeds, Gen.Int[0, 40], Gen.Int[0, 120]).Sample((seed, pick, day) =>
        {
            var before = Engine.Calculate(RandomPortfolio(seed), Quarter);
            var portfolio = RandomPortfolio(seed);
            var open = portfolio.Workarounds.Where(w => w.Status != WorkaroundStatus.Removed).ToList();
            if (open.Count == 0)
            {
                return true;
            }

            open[pick % open.Count].RemovedFrom(new DateOnly(2026, 6, 1).AddDays(day));
            var after = Engine.Calculate(portfolio, Quarter);

            return after.Portfolio.WorkaroundCost.Value <= before.Portfolio.WorkaroundCost.Value
                && after.Portfolio.ValueLeaks.Value <= before.Portfolio.ValueLeaks.Value
                && after.Systems.Zip(before.Systems).All(p => p.First.WorkaroundCost.Value <= p.Second.WorkaroundCost.Value
                                                            && (p.First.ValueLeaks.Value ?? 0m) <= (p.Second.ValueLeaks.Value ?? 0m));
        }, iter: 300);

    [Fact]
    public void Calculate_Quarter_AddsUpItsMonthsForEveryFigureThatIsASum() =>
        Seeds.Sample(seed =>
        {
            var portfolio = RandomPortfolio(seed);
            var quarter = Engine.Calculate(portfolio, Quarter);
            var months = Quarter.EachMonth().Select(m => Engine.Calculate(portfolio, Period.Month(m))).ToList();

            Func<Scorecard, Figure>[] sums =
            [
                s => s.Portfolio.TechnologySpend, s => s.Portfolio.RevenueDisrupted, s => s.Portfolio.RevenueLostToSlowPeaks,
                s => s.Portfolio.ProductivityLostHours, s => s.Portfolio.BlockedWorkCost, s => s.Portfolio.WorkaroundCost,
                s => s.Portfolio.ManualIntegrationCost,
            ];
            return sums.All(pick => Close(pick(quarter).Value, SumOf(months.Select(m => pick(m).Value))));
        }, iter: 200);

    [Fact]
    public void Calculate_Quarter_AveragesPercentagesOverTheMonthsThatHaveThem() =>
        Seeds.Sample(seed =>
        {
            var portfolio = RandomPortfolio(seed);
            var quarter = Engine.Calculate(portfolio, Quarter);
            return portfolio.Systems.All(system =>
            {
                var patches = portfolio.Metrics.Where(m => m.SystemId == system.Id && Quarter.Contains(m.Month) && m.PatchCompliancePercent is not null)
                    .Select(m => m.PatchCompliancePercent!.Value).ToList();
                var card = quarter.Systems.Single(s => s.SystemId == system.Id);
                var input = card.RevenuePerHourUnpatched.Why.Inputs.Single(i => i.Symbol == "patch%").Value;
                return patches.Count == 0 ? input is null : input == patches.Sum() / patches.Count;
            });
        }, iter: 200);

    [Fact]
    public void Calculate_SharedItems_SplitWithoutChangingPortfolioTotals() =>
        Seeds.Sample(seed =>
        {
            var portfolio = RandomPortfolio(seed);
            var scorecard = Engine.Calculate(portfolio, Quarter);
            var unlinked = portfolio.Workarounds.Where(w => w.Systems.Count == 0).ToList();
            var unlinkedCost = Engine.Calculate(portfolio with { Workarounds = unlinked }, Quarter).Portfolio.WorkaroundCost.Value;

            return Close(scorecard.Portfolio.WorkaroundCost.Value, scorecard.Systems.Sum(s => s.WorkaroundCost.Value) + unlinkedCost)
                && Close(scorecard.Portfolio.ManualIntegrationCost.Value, scorecard.Systems.Sum(s => s.ManualIntegrationCost.Value));
        }, iter: 300);

    private static decimal? SumOf(IEnumerable<decimal?> values)
    {
        decimal? total = null;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                total = (total ?? 0m) + v;
            }
        }

        return total;
    }

    // Decimal division by 12 and by a month's days rounds in the 28th significant digit; nothing a person sees.
    private static bool Close(decimal? a, decimal? b) =>
        (a is null && b is null) || (a is { } x && b is { } y && Math.Abs(x - y) <= 0.000000001m * Math.Max(1m, Math.Abs(x)));

    /// <summary>A small random portfolio, the same for the same seed: systems, processes, links, metrics with gaps.</summary>
    internal static Portfolio RandomPortfolio(int seed)
    {
        var random = new Random(seed);
        Guid NewId()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }

        decimal Amount(int max) => random.Next(0, max) + (random.Next(0, 100) / 100m);
        decimal? Maybe(decimal value) => random.Next(4) == 0 ? null : value;
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var departments = Enumerable.Range(0, random.Next(0, 3))
            .Select(i => new Department(NewId(), $"Department {i}", 10, random.Next(2) == 0 ? null : Amount(90))).ToList();
        var systems = Enumerable.Range(0, random.Next(1, 7)).Select(i =>
            new ItSystem(NewId(), $"System {i}", "Test", null, Lifecycle.Active, (StrategicFit)random.Next(3), now)
                .WithBusinessCase(new AnnualCosts(Amount(500_000), Amount(50_000), 0m, 0m), Maybe(Amount(900_000)), random.Next(3) == 0 ? null : random.Next(0, 500), Maybe(Amount(48)))).ToList();
        var processes = Enumerable.Range(0, random.Next(0, 4))
            .Select(i => new BusinessProcess(NewId(), $"Process {i}", null, Amount(10_000_000), random.Next(1, 169), StrategicImportance.High)).ToList();
        var dependencies = processes.SelectMany(p => systems.Where(_ => random.Next(2) == 0).Select(s => new Dependency(p.Id, s.Id, random.Next(0, 101) / 100m))).ToList();
        var integrations = Enumerable.Range(0, random.Next(0, 5)).Select(i =>
            new Integration(NewId(), $"Integration {i}", systems[random.Next(systems.Count)].Id, systems[random.Next(systems.Count)].Id,
                (IntegrationMode)random.Next(3), (IntegrationMode)random.Next(3), Amount(5_000), Amount(30))).ToList();
        var workarounds = Enumerable.Range(0, random.Next(0, 5)).Select(i =>
        {
            var linked = systems.Where(_ => random.Next(3) == 0).Select(s => s.Id);
            var department = departments.Count > 0 && random.Next(2) == 0 ? departments[random.Next(departments.Count)].Id : (Guid?)null;
            var workaround = new Workaround(NewId(), $"Workaround {i}", department, WorkaroundKind.Other, random.Next(0, 20), Amount(40), Amount(100_000), linked);
            return random.Next(4) == 0 ? workaround.RemovedFrom(new DateOnly(2026, 6, 1).AddDays(random.Next(0, 120))) : workaround;
        }).ToList();
        var metrics = systems.SelectMany(s => Quarter.EachMonth().Where(_ => random.Next(5) != 0).Select(month => new MonthlyMetrics(s.Id, month)
        {
            UptimePercent = Maybe(95m + Amount(5)),
            SlaUptimeTargetPercent = Maybe(99.9m),
            DowntimeMinutes = Maybe(Amount(600)),
            PeakDegradedMinutes = Maybe(Amount(900)),
            P1 = new TicketStats(random.Next(0, 3), Amount(20), Amount(50)),
            P3 = random.Next(2) == 0 ? TicketStats.None : new TicketStats(random.Next(0, 30), Amount(60), Amount(5)),
            PatchCompliancePercent = Maybe(Amount(100)),
            BlockedWorkHours = Maybe(Amount(80)),
            ActiveUsers = random.Next(3) == 0 ? null : random.Next(0, 600),
            Satisfaction = Maybe(1m + (random.Next(0, 41) / 10m)),
        })).ToList();
        var tests = systems.Where(_ => random.Next(2) == 0)
            .Select(s => new RestoreTest(NewId(), s.Id, new DateOnly(2026, 3, 1).AddDays(random.Next(0, 250)), random.Next(4) != 0, Maybe(Amount(30)))).ToList();

        return new Portfolio(new OrganisationSettings("Random", now), departments, processes, systems, dependencies, integrations, workarounds, metrics, tests);
    }
}
