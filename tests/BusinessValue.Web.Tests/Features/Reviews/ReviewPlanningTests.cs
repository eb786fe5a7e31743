using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using BusinessValue.Web.Features.TranslationRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ReviewPlanningTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateDraftAsync_QuarterTakenNotAQuarterOrViewer_RefusedBesideTheQuarter(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        long portfolioVersion;
        await using (var db = scenario.Database.CreateContext())
        {
            portfolioVersion = await PortfolioStore.VersionAsync(db);
        }

        await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var planning = scope.ServiceProvider.GetRequiredService<ReviewPlanning>();

        var taken = await planning.CreateDraftAsync(new ReviewForm { Quarter = "2026-Q3", MeetingDate = scenario.Today });
        var month = await planning.CreateDraftAsync(new ReviewForm { Quarter = "2026-07", MeetingDate = scenario.Today });
        var nonsense = await planning.CreateDraftAsync(new ReviewForm { Quarter = "next quarter", MeetingDate = scenario.Today });
        using var viewer = scenario.As(Roles.Viewer);
        var byViewer = await viewer.ServiceProvider.GetRequiredService<ReviewPlanning>().CreateDraftAsync(new ReviewForm { Quarter = "2026-Q4", MeetingDate = scenario.Today });

        taken.Problems.For(nameof(ReviewForm.Quarter)).Should().Be("There is already a review of 2026-Q3: one review per quarter.");
        month.Problems.For(nameof(ReviewForm.Quarter)).Should().Contain("Must be a quarter such as 2026-Q3").And.Contain("is a month");
        nonsense.Problems.For(nameof(ReviewForm.Quarter)).Should().Contain("'next quarter' is none of these");
        byViewer.Problems.General.Should().StartWith("Only an administrator or a review facilitator");
        (await planning.ListAsync()).Select(r => r.Quarter).Should().Equal("2026-Q3");
        await using (var db = scenario.Database.CreateContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().Be(portfolioVersion, "a review is no change to the portfolio: the cached scorecards stay");
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task RemoveAsync_DemoWithAReviewAndAnActionItem_TakesTheReviewsWithItInTheOneAuditEntry(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.RaiseAsync(review, "Test the ERP restore", scenario.Today.AddDays(10));

        await using (var db = scenario.Database.CreateContext())
        {
            // The scenario's portfolio stands in for the demo's.
            await db.Organisation.ExecuteUpdateAsync(o => o.SetProperty(x => x.IsDemo, true));
            (await DemoRemoval.RemoveAsync(db, "Acme Manufacturing", DateTime.UtcNow)).Should().BeTrue();
        }

        await using var check = scenario.Database.CreateContext();
        (await check.Reviews.CountAsync(), await check.AgendaItems.CountAsync(), await check.ActionItems.CountAsync(), await check.ReviewDecisions.CountAsync())
            .Should().Be((0, 0, 0, 0), "reviews of the demo's made-up systems must not answer a real organisation's sixth question");
        (await check.AuditTrail.CountAsync(a => a.Action == AuditAction.PortfolioReplaced && a.Summary!.Contains("its reviews"))).Should().Be(1);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateDraftAsync_TranslationRequestMarkedReady_EntersTheAgendaAndADraftOneDoesNot(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        Guid ready;
        using (var itDirector = scenario.As(Roles.ItDirector))
        {
            var requests = itDirector.ServiceProvider.GetRequiredService<TranslationRequestEditing>();
            var draftOutcome = await requests.SaveAsync(new TranslationRequestForm { Title = "Archive old orders", TechnicalNeed = "Move orders older than five years to cold storage." });
            var readyOutcome = await requests.SaveAsync(new TranslationRequestForm
            {
                Title = "Upgrade the order database",
                TechnicalNeed = "Upgrade the database behind ERP.",
                BusinessTranslation = "The new product line needs 3× the order volume; without it peak orders slow down.",
                EstimatedImpact = 480_000m,
                Status = TranslationRequestStatus.Ready,
            });
            (draftOutcome.IsSaved, readyOutcome.IsSaved).Should().Be((true, true));
            ready = readyOutcome.Id!.Value;
        }

        var review = await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var agenda = (await scope.ServiceProvider.GetRequiredService<ReviewPlanning>().GetAsync(review))!.Agenda;

        agenda.Where(i => i.Kind == AgendaItemKind.TranslationRequestReady).Should().ContainSingle()
            .Which.Should().Match<AgendaRow>(i => i.TranslationRequestId == ready && i.Title == "Upgrade the order database");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateDraftAsync_Portfolio_AgendaBuiltThenReorderedExtendedAndTrimmedWhileDraft(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var q2 = await scenario.DraftAsync("2026-Q2");
        var overdue = await scenario.RaiseAsync(q2, "Test the ERP restore", scenario.Today.AddDays(-3));
        var review = await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var planning = scope.ServiceProvider.GetRequiredService<ReviewPlanning>();
        var figures = scope.ServiceProvider.GetRequiredService<ReviewFigures>();

        var draft = (await planning.GetAsync(review))!;
        // The same agenda the builder makes from this quarter's figures against the previous quarter's (no review was closed).
        var current = (await figures.ScorecardAsync(review))!;
        var previous = (await figures.ScorecardAsync(q2))!;
        var expected = AgendaBuilder.Build(current, previous, [new ActionItemState(overdue, q2, "Test the ERP restore", scenario.ItOwner, scenario.BusinessOwner,
            scenario.Today.AddDays(-3), ActionItemStatus.Open, null, null, null)], scenario.Today, []);
        draft.Agenda.Select(a => (a.Kind, a.Title, a.Reason)).Should().Equal(expected.Select(e => (e.Kind, e.Title, e.Reason)));
        draft.Agenda.Should().Contain(a => a.Kind == AgendaItemKind.OverdueActionItem && a.ActionItemId == overdue);
        draft.Agenda.Select(a => a.Position).Should().Equal(Enumerable.Range(0, draft.Agenda.Count));

        var last = draft.Agenda[^1];
        (await planning.MoveAgendaItemAsync(review, draft.Review.Version, last.Id, 0)).IsSaved.Should().BeTrue();
        var moved = (await planning.GetAsync(review))!;
        moved.Agenda[0].Id.Should().Be(last.Id);
        (await planning.AddCustomItemAsync(review, moved.Review.Version, "Budget for next year", "CFO asks for the 2027 envelope")).IsSaved.Should().BeTrue();
        var added = (await planning.GetAsync(review))!;
        added.Agenda[^1].Should().Match<AgendaRow>(a => a.Kind == AgendaItemKind.Custom && a.Title == "Budget for next year" && a.Note == "CFO asks for the 2027 envelope");
        (await planning.AddCustomItemAsync(review, added.Review.Version, " ", null)).Problem.Should().StartWith("Title: is required.");
        (await planning.RemoveAgendaItemAsync(review, added.Review.Version, last.Id)).IsSaved.Should().BeTrue();
        var trimmed = (await planning.GetAsync(review))!;
        trimmed.Agenda.Should().NotContain(a => a.Id == last.Id).And.HaveCount(draft.Agenda.Count);
        trimmed.Agenda.Select(a => a.Position).Should().Equal(Enumerable.Range(0, trimmed.Agenda.Count));

        // A second facilitator working from the first version is refused, not silently overwriting.
        (await planning.MoveAgendaItemAsync(review, draft.Review.Version, trimmed.Agenda[0].Id, 2)).Problem.Should().Contain("Someone else changed the review of 2026-Q3");
        (await planning.RebuildAgendaAsync(review, trimmed.Review.Version)).IsSaved.Should().BeTrue();
        (await planning.GetAsync(review))!.Agenda.Select(a => a.Title).Should().Equal(expected.Select(e => e.Title));

        await scenario.StartAsync(review);
        var started = (await planning.GetAsync(review))!;
        started.Review.Status.Should().Be(ReviewStatus.InProgress);
        (await planning.AddCustomItemAsync(review, started.Review.Version, "Late item", null)).Problem.Should().Be("Agenda: can only be changed while the review is a draft (it is in progress). Nothing was changed.");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CloseAsync_ClosedReview_RefusesAgendaDecisionsActionItemsAndPlanning(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.Administrator);
        var planning = scope.ServiceProvider.GetRequiredService<ReviewPlanning>();
        (await planning.CloseAsync(review, (await planning.GetAsync(review))!.Review.Version)).Problem.Should().Contain("only a review in progress can be closed (this one is a draft)");
        await scenario.StartAsync(review);
        await scenario.CloseAsync(review);
        var closed = (await planning.GetAsync(review))!.Review;
        var system = (await scope.ServiceProvider.GetRequiredService<ReviewDecisions>().ListAsync(review))[0];

        closed.Status.Should().Be(ReviewStatus.Closed);
        closed.ClosedBy.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.ReviewFacilitator));
        (await planning.RebuildAgendaAsync(review, closed.Version)).Problem.Should().Be("Review: 2026-Q3 is closed and read-only; an administrator can reopen it. Nothing was changed.");
        (await planning.PlanAsync(review, new ReviewForm { MeetingDate = scenario.Today, Attendees = "Everyone", Version = closed.Version })).Problems.General.Should().Contain("is closed and read-only");
        (await planning.CloseAsync(review, closed.Version)).Problem.Should().Contain("is closed and read-only");
        (await scope.ServiceProvider.GetRequiredService<ReviewDecisions>().SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = TimeDecision.Eliminate, Reason = "Too late" }))
            .Problems.General.Should().Be("The review of 2026-Q3 is closed and read-only: an administrator can reopen it. Nothing was changed.");
        (await scope.ServiceProvider.GetRequiredService<ActionItems>().CreateAsync(review, new ActionItemForm { Title = "Too late", ItOwnerId = scenario.ItOwner, BusinessOwnerId = scenario.BusinessOwner, DueDate = scenario.Today }))
            .Problems.General.Should().Contain("is closed and read-only");
        (await planning.GetAsync(review))!.Review.Version.Should().Be(closed.Version);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReopenAsync_FacilitatorRefusedAdministratorReopens_AuditedWithWhoWhenAndWhy(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(review);
        await scenario.CloseAsync(review);
        using var facilitator = scenario.As(Roles.ReviewFacilitator);
        using var administrator = scenario.As(Roles.Administrator);
        scenario.Clock.Advance(TimeSpan.FromHours(2));

        var refused = await facilitator.ServiceProvider.GetRequiredService<ReviewPlanning>().ReopenAsync(review, "A figure was wrong");
        var noReason = await administrator.ServiceProvider.GetRequiredService<ReviewPlanning>().ReopenAsync(review, "  ");
        var reopened = await administrator.ServiceProvider.GetRequiredService<ReviewPlanning>().ReopenAsync(review, "The ERP's August downtime was entered twice");

        refused.Problem.Should().Be("Only an administrator may reopen a closed review. Nothing was changed.");
        noReason.Problem.Should().StartWith("Reason: is required");
        reopened.IsSaved.Should().BeTrue(reopened.Problem);
        var summary = (await administrator.ServiceProvider.GetRequiredService<ReviewPlanning>().GetAsync(review))!.Review;
        summary.Status.Should().Be(ReviewStatus.InProgress);
        summary.ReopenedBy.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.Administrator));
        summary.ReopenedAtUtc.Should().Be(scenario.Clock.GetUtcNow().UtcDateTime);
        await using var db = scenario.Database.CreateContext();
        (await db.FrozenReviews.AnyAsync(f => f.ReviewId == review)).Should().BeFalse("a reopened review is live again until it is closed anew");
        var trail = await db.AuditTrail.AsNoTracking().Where(e => e.EntityId == review.ToString()).ToListAsync();
        var reopenEvent = trail.Should().ContainSingle(e => e.Action == AuditAction.ReviewReopened).Subject;
        reopenEvent.Actor.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.Administrator));
        reopenEvent.OccurredAtUtc.Should().Be(scenario.Clock.GetUtcNow().UtcDateTime);
        reopenEvent.Summary.Should().Be("Reopened the closed review of 2026-Q3: The ERP's August downtime was entered twice");
        // The review's own fields are audited like every other table's: the change to the reopen fields is on record.
        trail.Should().Contain(e => e.Action == AuditAction.Updated && e.EntityType == nameof(Review) && e.Changes!.Contains("ReopenReason"));
        // The frozen document is recorded by fingerprint, not copied into the trail.
        var frozen = (await db.AuditTrail.AsNoTracking().Where(e => e.EntityType == nameof(FrozenReview)).ToListAsync()).Select(e => e.Changes!).ToList();
        frozen.Should().HaveCount(2).And.OnlyContain(c => c.Contains("SHA-256") && c.Length < 4000);
    }
}
