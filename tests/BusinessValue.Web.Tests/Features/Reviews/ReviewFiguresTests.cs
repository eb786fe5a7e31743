using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ReviewFiguresTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task ScorecardAsync_ClosedThenCostsMetricsAndAssumptionChanged_ClosedFiguresUnchangedLiveChanged(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(review);
        using var scope = scenario.As(Roles.Executive);
        var figures = scope.ServiceProvider.GetRequiredService<ReviewFigures>();
        var live0 = (await figures.ScorecardAsync(review))!;
        await scenario.CloseAsync(review);
        // Frozen figures are worked out from the frozen document as read back (equal to the live ones at closing).
        var atClosing = (await figures.FiguresAsync(review))!;
        atClosing.Company.TechnologySpend.Should().Be(live0.Portfolio.TechnologySpend.Value);
        atClosing.Systems.Select(s => (s.SystemId, s.Quadrant, s.Readiness)).Should().BeEquivalentTo(live0.Systems.Select(s => (s.SystemId, s.Quadrant, s.Readiness)));
        string frozenJson;
        await using (var db = scenario.Database.CreateContext())
        {
            frozenJson = (await db.FrozenReviews.SingleAsync(f => f.ReviewId == review)).PortfolioDocument;
        }

        // After closing: a system's costs, a month of its metrics and an assumption change.
        Guid changed;
        decimal labourRate;
        await using (var db = scenario.Database.CreateContext())
        {
            var system = await db.Systems.OrderBy(s => s.Name).FirstAsync();
            changed = system.Id;
            system.WithBusinessCase(system.Costs with { Licences = system.Costs.Licences + 120_000m }, system.ExpectedAnnualBenefit, system.IntendedUsers, system.RequiredRecoveryHours);
            var august = await db.Metrics.SingleAsync(m => m.SystemId == system.Id && m.Month == new YearMonth(2026, 8));
            august[Measures.Downtime.Key] = (august.DowntimeMinutes ?? 0m) + 600m;
            var organisation = await db.Organisation.SingleAsync();
            labourRate = organisation.Assumptions.LabourRatePerHour + 25m;
            organisation.ChangeAssumptions(organisation.Assumptions with { LabourRatePerHour = labourRate }, scenario.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        Domain.Engine.Scorecard live;
        await using (var db = scenario.Database.CreateContext())
        {
            live = new TranslationEngine().Calculate((await PortfolioStore.LoadAsync(db))!, Period.Quarter(2026, 3));
            (await db.FrozenReviews.SingleAsync(f => f.ReviewId == review)).PortfolioDocument.Should().Be(frozenJson);
        }

        // The live quarter moved: 120,000 more licences a year is 30,000 more in a quarter.
        live.Portfolio.TechnologySpend.Value.Should().Be(atClosing.Company.TechnologySpend + 30_000m);
        live.Systems.Single(s => s.SystemId == changed).PeriodCost.Value.Should().Be(atClosing.Of(changed)!.TechnologySpend + 30_000m);
        QuarterFigures.From(live).Should().NotBeEquivalentTo(atClosing);
        // The closed review did not: worked out afresh from its frozen inputs, and as frozen.
        var closed = (await figures.ScorecardAsync(review))!;
        QuarterFigures.From(closed).Should().BeEquivalentTo(atClosing);
        (await figures.FiguresAsync(review)).Should().BeEquivalentTo(atClosing);
        closed.Systems.Single(s => s.SystemId == changed).ProductivityLoss.Why.Inputs.Single(i => i.Symbol == "R").Value.Should().Be(labourRate - 25m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ComparisonAsync_TwoClosedReviews_DeltasDecisionsAndActionItemsFromTheInputs(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        decimal annualSpendBefore;
        Guid erp;
        await using (var db = scenario.Database.CreateContext())
        {
            var systems = await db.Systems.AsNoTracking().ToListAsync();
            annualSpendBefore = systems.Sum(s => s.TotalCostOfOwnership);
            erp = systems.OrderBy(s => s.Name).First().Id;
        }

        var q2 = await scenario.DraftAsync("2026-Q2");
        await scenario.StartAsync(q2);
        using var facilitator = scenario.As(Roles.ReviewFacilitator);
        var decisions = facilitator.ServiceProvider.GetRequiredService<ReviewDecisions>();
        var items = facilitator.ServiceProvider.GetRequiredService<ActionItems>();
        (await decisions.SaveAsync(q2, new DecisionForm { SystemId = erp, Decision = TimeDecision.Invest, Reason = "Strategic platform" })).IsSaved.Should().BeTrue();
        var done = await scenario.RaiseAsync(q2, "Test the ERP restore", new DateOnly(2026, 9, 1));
        var notDone = await scenario.RaiseAsync(q2, "Retire the fax server", new DateOnly(2026, 12, 1));
        await scenario.CloseAsync(q2);

        scenario.Clock.Advance(TimeSpan.FromDays(1));
        (await items.ChangeStatusAsync(done, ActionItemStatus.Done, (await items.GetAsync(done))!.Version)).IsSaved.Should().BeTrue();
        scenario.Clock.Advance(TimeSpan.FromDays(1));
        await using (var db = scenario.Database.CreateContext())
        {
            var system = await db.Systems.SingleAsync(s => s.Id == erp);
            system.WithBusinessCase(system.Costs with { Licences = system.Costs.Licences + 40_000m }, system.ExpectedAnnualBenefit, system.IntendedUsers, system.RequiredRecoveryHours);
            await db.SaveChangesAsync();
        }

        var q3 = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(q3);
        (await decisions.SaveAsync(q3, new DecisionForm { SystemId = erp, Decision = TimeDecision.Migrate, Reason = "The vendor ends support" })).IsSaved.Should().BeTrue();
        await scenario.CloseAsync(q3);

        var comparison = (await facilitator.ServiceProvider.GetRequiredService<ReviewFigures>().ComparisonAsync(q3))!;

        comparison.PreviousQuarter.Should().Be("2026-Q2");
        // Spend of a quarter = TCO × 3/12; 40,000 more licences a year is 10,000 more in Q3.
        var spend = comparison.Company.Single(f => f.Label == "Technology spend");
        spend.Before.Should().Be(annualSpendBefore * 3m / 12m);
        spend.Now.Should().Be((annualSpendBefore + 40_000m) * 3m / 12m);
        spend.Change.Should().Be(10_000m);
        comparison.DecisionsChanged.Should().ContainSingle().Which.Should().Be(new DecisionChange(erp, comparison.Systems.Single(s => s.SystemId == erp).Name, TimeDecision.Invest, TimeDecision.Migrate, "The vendor ends support"));
        comparison.ActionItemsDone.Select(i => i.Id).Should().Equal(done);
        comparison.ActionItemsNotDone.Select(i => i.Id).Should().Equal(notDone);
    }
}
