using Bunit;
using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Features.Reviews;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class DecisionControlTests : ReviewComponentTest
{
    [Fact]
    public async Task Save_DecisionDiffersFromSuggestionWithoutReason_SaysSoBesideTheReasonAndRecordsNothing()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var decisions = Service<ReviewDecisions>();
        var row = (await decisions.ListAsync(review)).First(d => d.Suggested is not null);
        var other = Enum.GetValues<TimeDecision>().First(d => d != row.Suggested);
        Context.Render<MudPopoverProvider>();
        var control = Context.Render<DecisionControl>(p => p.Add(c => c.ReviewId, review).Add(c => c.Row, row));
        control.Find("[data-testid=decision-suggestion]").TextContent.Should().Contain($"Suggested: {row.Suggested}");

        await control.InvokeAsync(() => control.FindComponent<MudSelect<TimeDecision>>().Instance.ValueChanged.InvokeAsync(other));
        control.Find("[data-testid=decision-save]").Click();

        control.WaitForAssertion(() => ReasonField(control, row.SystemId).QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent
            .Should().Be($"Is required when the decision ({other}) differs from the suggestion ({row.Suggested}): say why the review decided otherwise."));
        (await decisions.ListAsync(review)).Single(d => d.SystemId == row.SystemId).Decision.Should().BeNull();
    }

    [Fact]
    public async Task Save_DifferentDecisionWithReason_RecordsItAndClearsTheMessage()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var decisions = Service<ReviewDecisions>();
        var row = (await decisions.ListAsync(review)).First(d => d.Suggested is not null);
        var other = Enum.GetValues<TimeDecision>().First(d => d != row.Suggested);
        Context.Render<MudPopoverProvider>();
        var control = Context.Render<DecisionControl>(p => p.Add(c => c.ReviewId, review).Add(c => c.Row, row));

        await control.InvokeAsync(() => control.FindComponent<MudSelect<TimeDecision>>().Instance.ValueChanged.InvokeAsync(other));
        control.Find($"#decision-reason-{row.SystemId}").Input("The vendor ends support next year");
        control.Find("[data-testid=decision-save]").Click();

        control.WaitForAssertion(() => control.Find("[data-testid=decision-saved]").TextContent.Should().Be($"Recorded: {other}."));
        ReasonField(control, row.SystemId).QuerySelector(".mud-input-helper-text.mud-input-error").Should().BeNull();
        var stored = (await decisions.ListAsync(review)).Single(d => d.SystemId == row.SystemId);
        stored.Decision.Should().Be(other);
        stored.Reason.Should().Be("The vendor ends support next year");
    }

    private static AngleSharp.Dom.IElement ReasonField(IRenderedComponent<DecisionControl> control, Guid systemId) =>
        control.FindAll(".mud-input-control").Single(f => f.QuerySelector($"#decision-reason-{systemId}") is not null);
}
