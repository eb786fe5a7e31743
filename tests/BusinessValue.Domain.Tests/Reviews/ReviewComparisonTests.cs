using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;

namespace BusinessValue.Domain.Tests.Reviews;

public sealed class ReviewComparisonTests
{
    private static readonly Guid Erp = Guid.NewGuid();
    private static readonly Guid Crm = Guid.NewGuid();

    private static ActionItemState Item(string title, ActionItemStatus status) =>
        new(Guid.NewGuid(), Guid.NewGuid(), title, Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 9, 30), status, null, null, null);

    [Fact]
    public void Between_TwoQuarters_DeltasMovesDecisionsAndCarriedItems()
    {
        var previous = new QuarterFigures("2026-Q2", "EUR", new CompanyFigures(100_000m, 50_000m, 20_000m, 30_000m, 0.2m, null, 900m),
            [new SystemFigures(Erp, "ERP", Quadrant.Delivering, RecoveryReadiness.Verified, 90m, 75m, 60_000m, 40_000m, 5_000m, 35_000m),
             new SystemFigures(Crm, "CRM", Quadrant.Rethink, RecoveryReadiness.Verified, 40m, 30m, 40_000m, 10_000m, 15_000m, -5_000m)]);
        var current = new QuarterFigures("2026-Q3", "EUR", new CompanyFigures(110_000m, 52_000m, 26_000m, 26_000m, null, 7_000m, 900m),
            [new SystemFigures(Erp, "ERP", Quadrant.GreenDashboardRedBusiness, RecoveryReadiness.Verified, 92m, 60m, 66_000m, 41_000m, 12_000m, 29_000m),
             new SystemFigures(Crm, "CRM", Quadrant.Rethink, RecoveryReadiness.Failing, 45m, 30m, 44_000m, 11_000m, 14_000m, -3_000m)]);
        var done = Item("Test the ERP restore", ActionItemStatus.Open);
        var notDone = Item("Retire the fax server", ActionItemStatus.InProgress);
        var alreadyDone = Item("Done before", ActionItemStatus.Done);

        var comparison = ReviewComparison.Between(current, previous,
            [new DecisionRecord(Erp, TimeDecision.Tolerate, null), new DecisionRecord(Crm, TimeDecision.Eliminate, null)],
            [new DecisionRecord(Erp, TimeDecision.Invest, null), new DecisionRecord(Crm, TimeDecision.Eliminate, null)],
            [done with { Status = ActionItemStatus.Done }, notDone],
            [done, notDone, alreadyDone]);

        var leaks = comparison.Company.Single(f => f.Label == "Value leaks");
        leaks.Change.Should().Be(26_000m - 20_000m);
        comparison.Company.Single(f => f.Label == "Waste ratio").Change.Should().BeNull("a missing figure has no change, never a change from zero");
        var erp = comparison.Systems.Single(s => s.SystemId == Erp);
        erp.TechnicalHealth.Change.Should().Be(92m - 90m);
        erp.BusinessValue.Change.Should().Be(60m - 75m);
        erp.ValueLeaks.Change.Should().Be(12_000m - 5_000m);
        comparison.QuadrantMoves.Should().ContainSingle().Which.SystemId.Should().Be(Erp);
        comparison.DecisionsChanged.Should().ContainSingle().Which.Should().Be(new DecisionChange(Erp, "ERP", TimeDecision.Invest, TimeDecision.Tolerate, null));
        comparison.ActionItemsDone.Select(i => i.Title).Should().Equal("Test the ERP restore");
        comparison.ActionItemsNotDone.Select(i => i.Title).Should().Equal("Retire the fax server");
    }
}
