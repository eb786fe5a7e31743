using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ActionItemsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateAsync_WithoutBusinessOwner_RefusedBesideTheFieldAndNothingSaved(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var items = scope.ServiceProvider.GetRequiredService<ActionItems>();

        var outcome = await items.CreateAsync(review, new ActionItemForm { Title = "Test the ERP restore", ItOwnerId = scenario.ItOwner, DueDate = scenario.Today });
        var noItOwner = await items.CreateAsync(review, new ActionItemForm { Title = "Test the ERP restore", BusinessOwnerId = scenario.BusinessOwner, DueDate = scenario.Today });
        var unknown = await items.CreateAsync(review, new ActionItemForm { Title = "Test the ERP restore", ItOwnerId = Guid.NewGuid(), BusinessOwnerId = scenario.BusinessOwner, DueDate = scenario.Today });

        outcome.IsSaved.Should().BeFalse();
        outcome.Problems.For(nameof(ActionItemForm.BusinessOwnerId)).Should().StartWith("Is required").And.Contain("jointly");
        noItOwner.Problems.For(nameof(ActionItemForm.ItOwnerId)).Should().StartWith("Is required");
        unknown.Problems.For(nameof(ActionItemForm.ItOwnerId)).Should().Contain("does not exist");
        (await items.ForReviewAsync(review)).Should().BeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ForReviewAsync_NextReview_OpenItemCarriedDoneItemNot(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var q2 = await scenario.DraftAsync("2026-Q2");
        var open = await scenario.RaiseAsync(q2, "Retire the fax server", new DateOnly(2026, 12, 1));
        var done = await scenario.RaiseAsync(q2, "Test the ERP restore", new DateOnly(2026, 12, 1));
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var items = scope.ServiceProvider.GetRequiredService<ActionItems>();
        (await items.ChangeStatusAsync(done, ActionItemStatus.Done, (await items.GetAsync(done))!.Version)).IsSaved.Should().BeTrue();
        scenario.Clock.Advance(TimeSpan.FromDays(1));

        var q3 = await scenario.DraftAsync("2026-Q3");
        var own = await scenario.RaiseAsync(q3, "Renegotiate CRM licences", new DateOnly(2026, 12, 15));

        var shown = await items.ForReviewAsync(q3);
        shown.Select(i => i.Id).Should().BeEquivalentTo([open, own]);
        shown.Single(i => i.Id == open).IsCarried.Should().BeTrue();
        shown.Single(i => i.Id == open).RaisedInQuarter.Should().Be("2026-Q2");
        shown.Single(i => i.Id == own).IsCarried.Should().BeFalse();
        (await items.ForReviewAsync(q2)).Select(i => i.Id).Should().BeEquivalentTo([open, done]);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ForReviewAsync_DueBeforeToday_OverdueUntilDone(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        var late = await scenario.RaiseAsync(review, "Test the ERP restore", scenario.Today.AddDays(-1));
        var dueToday = await scenario.RaiseAsync(review, "Retire the fax server", scenario.Today);
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var items = scope.ServiceProvider.GetRequiredService<ActionItems>();

        var rows = await items.ForReviewAsync(review);
        rows.Single(i => i.Id == late).IsOverdue.Should().BeTrue();
        rows.Single(i => i.Id == dueToday).IsOverdue.Should().BeFalse();

        (await items.ChangeStatusAsync(late, ActionItemStatus.Done, rows.Single(i => i.Id == late).Version)).IsSaved.Should().BeTrue();
        (await items.ForReviewAsync(review)).Single(i => i.Id == late).IsOverdue.Should().BeFalse();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task MineAsync_ItemsOfSeveralOwners_ExactlyTheUsersOwn(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        var mine = await scenario.RaiseAsync(review, "Test the ERP restore", scenario.Today.AddDays(10));
        var theirs = await scenario.RaiseAsync(review, "Retire the fax server", scenario.Today.AddDays(10), businessOwner: scenario.OtherBusinessOwner);

        using var owner = scenario.AsUser(scenario.BusinessOwner, Roles.BusinessOwner);
        using var other = scenario.AsUser(scenario.OtherBusinessOwner, Roles.BusinessOwner);
        using var it = scenario.AsUser(scenario.ItOwner, Roles.ItDirector);

        (await owner.ServiceProvider.GetRequiredService<ActionItems>().MineAsync()).Select(i => i.Id).Should().Equal(mine);
        (await other.ServiceProvider.GetRequiredService<ActionItems>().MineAsync()).Select(i => i.Id).Should().Equal(theirs);
        (await it.ServiceProvider.GetRequiredService<ActionItems>().MineAsync()).Select(i => i.Id).Should().BeEquivalentTo([mine, theirs]);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ChangeStatusAsync_OwnerMayAnotherBusinessOwnerMayNot(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        var item = await scenario.RaiseAsync(review, "Test the ERP restore", scenario.Today.AddDays(10));
        using var owner = scenario.AsUser(scenario.BusinessOwner, Roles.BusinessOwner);
        using var other = scenario.AsUser(scenario.OtherBusinessOwner, Roles.BusinessOwner);
        var ownersView = owner.ServiceProvider.GetRequiredService<ActionItems>();
        var othersView = other.ServiceProvider.GetRequiredService<ActionItems>();
        var version = (await ownersView.GetAsync(item))!.Version;

        var refused = await othersView.ChangeStatusAsync(item, ActionItemStatus.Done, version);
        refused.IsSaved.Should().BeFalse();
        refused.Problem.Should().Contain("Only the item's IT owner, its business owner").And.EndWith("Nothing was changed.");
        (await othersView.CreateAsync(review, new ActionItemForm { Title = "Mine now", ItOwnerId = scenario.ItOwner, BusinessOwnerId = scenario.OtherBusinessOwner, DueDate = scenario.Today }))
            .Problems.General.Should().Contain("Only an administrator or a review facilitator");

        var saved = await ownersView.ChangeStatusAsync(item, ActionItemStatus.Done, version);
        saved.IsSaved.Should().BeTrue(saved.Problem);
        var row = (await ownersView.MineAsync()).Single();
        row.Status.Should().Be(ActionItemStatus.Done);
        row.DoneBy.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.BusinessOwner));
        row.DoneAtUtc.Should().Be(ReviewScenario.Start.UtcDateTime);
    }
}
