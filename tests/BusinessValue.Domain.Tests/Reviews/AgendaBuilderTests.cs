using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;

namespace BusinessValue.Domain.Tests.Reviews;

public sealed class AgendaBuilderTests
{
    private static readonly DateOnly Today = new(2026, 10, 15);

    private static SystemFigures System(string name, Quadrant? quadrant = Quadrant.Delivering, decimal? leaks = 0m, RecoveryReadiness readiness = RecoveryReadiness.Verified) =>
        new(IdOf(name), name, quadrant, readiness, 80m, 80m, 1_000m, 5_000m, leaks, 4_000m);

    private static Guid IdOf(string name) => new(global::System.Text.Encoding.ASCII.GetBytes(name.PadRight(16)[..16]));

    private static QuarterFigures Quarter(string label, params SystemFigures[] systems) =>
        new(label, "EUR", new CompanyFigures(null, null, null, null, null, null, null), systems);

    [Fact]
    public void Build_SystemChangedQuadrant_ListsTheMoveInTheProductsWords()
    {
        var previous = Quarter("2026-Q2", System("ERP", Quadrant.Delivering), System("CRM", Quadrant.Rethink));
        var current = Quarter("2026-Q3", System("ERP", Quadrant.GreenDashboardRedBusiness), System("CRM", Quadrant.Rethink));

        var agenda = AgendaBuilder.Build(current, previous, [], Today, []);

        var item = agenda.Should().ContainSingle().Subject;
        item.Kind.Should().Be(AgendaItemKind.QuadrantChange);
        item.SystemId.Should().Be(IdOf("ERP"));
        item.Reason.Should().Be("moved from Delivering to Green dashboard, red business");
    }

    [Fact]
    public void Build_LeakChanges_TopFiveByAbsoluteChangeIgnoringZero()
    {
        // Changes: A +42,000, B -50,000, C +10, D 0, E +3,000, F +2,000, G -1,000.
        var previous = Quarter("2026-Q2", System("A", leaks: 8_000m), System("B", leaks: 60_000m), System("C", leaks: 0m), System("D", leaks: 7m),
            System("E", leaks: 1_000m), System("F", leaks: 0m), System("G", leaks: 1_000m));
        var current = Quarter("2026-Q3", System("A", leaks: 50_000m), System("B", leaks: 10_000m), System("C", leaks: 10m), System("D", leaks: 7m),
            System("E", leaks: 4_000m), System("F", leaks: 2_000m), System("G", leaks: 0m));

        var agenda = AgendaBuilder.Build(current, previous, [], Today, []);

        agenda.Select(i => i.Title).Should().Equal("B", "A", "E", "F", "G");
        agenda.Should().OnlyContain(i => i.Kind == AgendaItemKind.ValueLeakChange);
        agenda[1].Reason.Should().Be("value leaks up 42,000 since 2026-Q2");
        agenda[0].Reason.Should().Be("value leaks down 50,000 since 2026-Q2");
    }

    [Fact]
    public void Build_NoPreviousFigures_NoQuadrantOrLeakChanges()
    {
        var current = Quarter("2026-Q3", System("ERP", leaks: 9_000m));

        AgendaBuilder.Build(current, null, [], Today, []).Should().BeEmpty();
    }

    [Fact]
    public void Build_FailingAndUnverifiedRecovery_FailingFirstVerifiedLeftOut()
    {
        var current = Quarter("2026-Q3", System("Alpha", readiness: RecoveryReadiness.Unverified), System("Beta", readiness: RecoveryReadiness.Failing),
            System("Gamma", readiness: RecoveryReadiness.Verified));

        var agenda = AgendaBuilder.Build(current, current, [], Today, []);

        agenda.Select(i => (i.Kind, i.Title)).Should().Equal((AgendaItemKind.RecoveryAtRisk, "Beta"), (AgendaItemKind.RecoveryAtRisk, "Alpha"));
        agenda[0].Reason.Should().StartWith("recovery failing");
        agenda[1].Reason.Should().Be("recovery unverified: no passing restore test in the 90 days to the end of 2026-Q3");
    }

    [Fact]
    public void Build_ActionItems_OnlyThoseDueBeforeTodayAndNotDoneAreOverdue()
    {
        var erp = System("ERP");
        ActionItemState Item(string title, DateOnly due, ActionItemStatus status = ActionItemStatus.Open) =>
            new(Guid.NewGuid(), Guid.NewGuid(), title, Guid.NewGuid(), Guid.NewGuid(), due, status, erp.SystemId, null, null);
        var overdue = Item("Test the ERP restore", Today.AddDays(-12));
        var items = new[] { overdue, Item("Due today", Today), Item("Done late", Today.AddDays(-30), ActionItemStatus.Done), Item("Next month", Today.AddDays(30)) };

        var agenda = AgendaBuilder.Build(Quarter("2026-Q3", erp), null, items, Today, []);

        var item = agenda.Should().ContainSingle().Subject;
        item.Kind.Should().Be(AgendaItemKind.OverdueActionItem);
        item.ActionItemId.Should().Be(overdue.Id);
        item.Reason.Should().Be("action item overdue (ERP): due 2026-10-03, 12 days late");
    }

    [Fact]
    public void Build_EveryKind_InTheAgreedOrder()
    {
        var previous = Quarter("2026-Q2", System("ERP", Quadrant.Delivering, leaks: 0m), System("CRM", leaks: 100m, readiness: RecoveryReadiness.Failing));
        var current = Quarter("2026-Q3", System("ERP", Quadrant.Rethink, leaks: 0m), System("CRM", leaks: 500m, readiness: RecoveryReadiness.Failing));
        var overdue = new ActionItemState(Guid.NewGuid(), Guid.NewGuid(), "Retire the fax server", Guid.NewGuid(), Guid.NewGuid(), Today.AddDays(-1), ActionItemStatus.InProgress, null, null, null);
        var request = new ReadyTranslationRequest(Guid.NewGuid(), "Upgrade the database", [], 250_000m);

        var agenda = AgendaBuilder.Build(current, previous, [overdue], Today, [request]);

        agenda.Select(i => i.Kind).Should().Equal(AgendaItemKind.QuadrantChange, AgendaItemKind.ValueLeakChange, AgendaItemKind.RecoveryAtRisk,
            AgendaItemKind.OverdueActionItem, AgendaItemKind.TranslationRequestReady);
        agenda[3].Reason.Should().Be("action item overdue: due 2026-10-14, 1 day late");
        agenda[4].TranslationRequestId.Should().Be(request.Id);
        agenda[4].Title.Should().Be("Upgrade the database");
    }
}
