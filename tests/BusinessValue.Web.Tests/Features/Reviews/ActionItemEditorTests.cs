using Bunit;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Features.Reviews;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ActionItemEditorTests : ReviewComponentTest
{
    private const string Joint = "Is required: an action item is owned jointly by IT and the business.";

    [Fact]
    public async Task Add_WithoutOwners_NamesBothOwnerFieldsAndStoresNothing()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var editor = await RenderAsync(review);

        editor.Find("#action-item-title").Change("Renegotiate the CRM licences");
        editor.Find("[data-testid=action-item-add]").Click();

        editor.WaitForAssertion(() => ErrorOf(editor, "action-item-it-owner").Should().Be(Joint));
        ErrorOf(editor, "action-item-business-owner").Should().Be(Joint);
        editor.FindAll(".mud-input-helper-text.mud-input-error").Should().HaveCount(2, "the title and the due date are given");
        (await Service<ActionItems>().ForReviewAsync(review)).Should().BeEmpty();
    }

    [Fact]
    public async Task Add_OnlyTheItOwner_RefusesForTheBusinessOwnerThenStoresWithBoth()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var editor = await RenderAsync(review);
        var owners = editor.FindComponents<MudSelect<Guid?>>();

        editor.Find("#action-item-title").Change("Renegotiate the CRM licences");
        await editor.InvokeAsync(() => owners[0].Instance.ValueChanged.InvokeAsync(scenario.ItOwner));
        editor.Find("[data-testid=action-item-add]").Click();

        editor.WaitForAssertion(() => ErrorOf(editor, "action-item-business-owner").Should().Be(Joint));
        ErrorOf(editor, "action-item-it-owner").Should().BeNull();
        (await Service<ActionItems>().ForReviewAsync(review)).Should().BeEmpty();

        await editor.InvokeAsync(() => owners[1].Instance.ValueChanged.InvokeAsync(scenario.BusinessOwner));
        editor.Find("[data-testid=action-item-add]").Click();

        editor.WaitForAssertion(() => editor.FindAll(".mud-input-helper-text.mud-input-error").Should().BeEmpty());
        var stored = (await Service<ActionItems>().ForReviewAsync(review)).Should().ContainSingle().Subject;
        stored.Title.Should().Be("Renegotiate the CRM licences");
        (stored.ItOwnerId, stored.BusinessOwnerId).Should().Be((scenario.ItOwner, scenario.BusinessOwner));
        stored.DueDate.Should().Be(scenario.Today.AddDays(35), "four weeks after the meeting, a week from today");
    }

    private async Task<IRenderedComponent<ActionItemEditor>> RenderAsync(Guid review)
    {
        var owners = await Service<ActionItems>().OwnersAsync();
        Context.Render<MudPopoverProvider>();
        return Context.Render<ActionItemEditor>(p => p.Add(c => c.ReviewId, review).Add(c => c.Owners, owners).Add(c => c.DefaultDue, DateOnly.FromDateTime(ReviewScenario.Start.UtcDateTime).AddDays(7 + 28)));
    }

    private static string? ErrorOf(IRenderedComponent<ActionItemEditor> editor, string testId) =>
        editor.FindAll(".mud-input-control").FirstOrDefault(f => f.QuerySelector($"[data-testid={testId}]") is not null || f.GetAttribute("data-testid") == testId)
            ?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent;
}
