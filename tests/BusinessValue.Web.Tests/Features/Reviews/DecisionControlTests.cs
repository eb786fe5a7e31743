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
        var (control, review, row, other) = await RenderAsync();
        var decisions = Service<ReviewDecisions>();
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
        var (control, review, row, other) = await RenderAsync();
        var decisions = Service<ReviewDecisions>();

        await control.InvokeAsync(() => control.FindComponent<MudSelect<TimeDecision>>().Instance.ValueChanged.InvokeAsync(other));
        control.Find($"#decision-reason-{row.SystemId}").Input("The vendor ends support next year");
        control.Find("[data-testid=decision-save]").Click();

        control.WaitForAssertion(() => control.Find("[data-testid=decision-saved]").TextContent.Should().Be($"Recorded: {other}."));
        ReasonField(control, row.SystemId).QuerySelector(".mud-input-helper-text.mud-input-error").Should().BeNull();
        var stored = (await decisions.ListAsync(review)).Single(d => d.SystemId == row.SystemId);
        stored.Decision.Should().Be(other);
        stored.Reason.Should().Be("The vendor ends support next year");
    }

    /// <summary>The control for the first system with a suggestion in a draft of 2026-Q3, and a decision other than its suggestion.</summary>
    private async Task<(IRenderedComponent<DecisionControl> Control, Guid Review, DecisionRow Row, TimeDecision Other)> RenderAsync()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var row = (await Service<ReviewDecisions>().ListAsync(review)).First(d => d.Suggested is not null);
        Context.Render<MudPopoverProvider>();
        var control = Context.Render<DecisionControl>(p => p.Add(c => c.ReviewId, review).Add(c => c.Row, row));
        return (control, review, row, Enum.GetValues<TimeDecision>().First(d => d != row.Suggested));
    }

    private static AngleSharp.Dom.IElement ReasonField(IRenderedComponent<DecisionControl> control, Guid systemId) =>
        control.FindAll(".mud-input-control").Single(f => f.QuerySelector($"#decision-reason-{systemId}") is not null);
}
