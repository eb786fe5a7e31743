using Bunit;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Features.Reviews;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class MeetingPageTests : ReviewComponentTest
{
    [Fact]
    public async Task KeyDown_ArrowsPagesHomeAndEnd_TurnToTheNextPreviousFirstAndLastItem()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var planning = Service<ReviewPlanning>();
        foreach (var title in new[] { "Budget for next year", "Vendor contracts", "Any other business" })
        {
            (await planning.AddCustomItemAsync(review, (await planning.GetAsync(review))!.Review.Version, title, null)).IsSaved.Should().BeTrue();
        }

        var agenda = (await planning.GetAsync(review))!.Agenda;
        var count = agenda.Count;
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<MeetingPage>(p => p.Add(m => m.Id, review));
        page.WaitForAssertion(() => page.Find("[data-testid=meeting-position]").TextContent.Should().Be($"Review of 2026-Q3 · item 1 of {count}"));
        page.Find("[data-testid=meeting-title]").TextContent.Should().Be(agenda[0].Title);
        page.Find("[data-testid=meeting-keys]").TextContent.Should().Contain("Page Down").And.Contain("Home");

        Press(page, "ArrowRight");
        Expect(page, 2, agenda[1].Title, count);
        Press(page, "PageDown");
        Expect(page, 3, agenda[2].Title, count);
        Press(page, "End");
        Expect(page, count, "Any other business", count);
        Press(page, "ArrowRight");
        Expect(page, count, "Any other business", count);
        Press(page, "PageUp");
        Expect(page, count - 1, "Vendor contracts", count);
        Press(page, "ArrowLeft");
        Expect(page, count - 2, "Budget for next year", count);
        Press(page, "Home");
        Expect(page, 1, agenda[0].Title, count);
    }

    [Fact]
    public async Task KeyDown_InTheDecisionsReason_DoesNotTurnThePage()
    {
        var scenario = await ScenarioAsync(Roles.ReviewFacilitator);
        var review = await scenario.DraftAsync("2026-Q3");
        var agenda = (await Service<ReviewPlanning>().GetAsync(review))!.Agenda;
        agenda.Should().Contain(i => i.SystemId != null, "the synthetic portfolio's quarter puts systems on the agenda");
        var first = agenda.Select((item, index) => (item, index)).First(x => x.item.SystemId is not null);
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<MeetingPage>(p => p.Add(m => m.Id, review));
        page.WaitForAssertion(() => page.FindAll("[data-testid=meeting-title]").Should().ContainSingle());
        for (var i = 0; i < first.index; i++)
        {
            Press(page, "ArrowRight");
        }

        page.WaitForAssertion(() => page.FindAll("[data-testid=decision-control]").Should().ContainSingle());
        // The decision stops the key's propagation: bUnit finds no handler on the way up to the stage.
        page.Invoking(p => p.Find("[data-testid=decision-control]").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" }))
            .Should().Throw<MissingEventHandlerException>();

        page.Find("[data-testid=meeting-position]").TextContent.Should().EndWith($"item {first.index + 1} of {agenda.Count}");
    }

    private static void Press(IRenderedComponent<MeetingPage> page, string key) =>
        page.Find("[data-testid=meeting]").KeyDown(new KeyboardEventArgs { Key = key });

    private static void Expect(IRenderedComponent<MeetingPage> page, int position, string title, int count) =>
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=meeting-position]").TextContent.Should().Be($"Review of 2026-Q3 · item {position} of {count}");
            page.Find("[data-testid=meeting-title]").TextContent.Should().Be(title);
        });
}
