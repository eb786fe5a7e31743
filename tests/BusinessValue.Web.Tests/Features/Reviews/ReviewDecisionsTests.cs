using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ReviewDecisionsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_DiffersFromSuggestionWithoutReason_RefusedBesideReasonWithReasonSaved(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var decisions = scope.ServiceProvider.GetRequiredService<ReviewDecisions>();
        var system = (await decisions.ListAsync(review)).First(d => d.Suggested is not null);
        system.Decision.Should().BeNull("nothing is decided yet; the suggestion pre-fills the form");
        var other = Enum.GetValues<TimeDecision>().First(d => d != system.Suggested);

        var refused = await decisions.SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = other });

        refused.IsSaved.Should().BeFalse();
        refused.Problems.For(nameof(DecisionForm.Reason)).Should().Be($"Is required when the decision ({other}) differs from the suggestion ({system.Suggested}): say why the review decided otherwise.");
        (await decisions.ListAsync(review)).Single(d => d.SystemId == system.SystemId).Decision.Should().BeNull();

        var saved = await decisions.SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = other, Reason = "The vendor ends support next year", Notes = "Plan with procurement" });

        saved.IsSaved.Should().BeTrue();
        var row = (await decisions.ListAsync(review)).Single(d => d.SystemId == system.SystemId);
        row.Decision.Should().Be(other);
        row.Suggested.Should().Be(system.Suggested);
        row.Reason.Should().Be("The vendor ends support next year");
        row.DecidedBy.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.ReviewFacilitator));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_StaleVersionOrViewer_RefusedAndTheFirstDecisionKept(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var decisions = scope.ServiceProvider.GetRequiredService<ReviewDecisions>();
        var system = (await decisions.ListAsync(review))[0];
        (await decisions.SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = TimeDecision.Invest, Reason = "First" })).IsSaved.Should().BeTrue();
        var version = (await decisions.ListAsync(review)).Single(d => d.SystemId == system.SystemId).Version;
        (await decisions.SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = TimeDecision.Tolerate, Reason = "Second", Version = version })).IsSaved.Should().BeTrue();

        var stale = await decisions.SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = TimeDecision.Eliminate, Reason = "Third", Version = version });
        using var viewer = scenario.As(Roles.Viewer);
        var byViewer = await viewer.ServiceProvider.GetRequiredService<ReviewDecisions>().SaveAsync(review, new DecisionForm { SystemId = system.SystemId, Decision = TimeDecision.Eliminate, Reason = "Mine" });

        stale.IsConflict.Should().BeTrue();
        stale.Theirs!.Decision.Should().Be(TimeDecision.Tolerate);
        byViewer.Problems.General.Should().Contain("Only an administrator or a review facilitator");
        (await decisions.ListAsync(review)).Single(d => d.SystemId == system.SystemId).Decision.Should().Be(TimeDecision.Tolerate);
    }
}
