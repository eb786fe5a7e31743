using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>A review facilitator runs a short quarterly review on the demo in a real browser.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReviewMeetingBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    [Fact]
    public async Task Facilitator_RunsAShortMeeting_DecisionAndActionItemRecordedClosedReviewShowsFrozenAndItsPackOpens()
    {
        await App.EnsureUserAsync(Roles.ItDirector);
        await App.EnsureUserAsync(Roles.BusinessOwner);
        var page = await SignedInPageAsync(Roles.ReviewFacilitator, 1280, 720);

        // A draft for the quarter just ended: its agenda builds itself from the demo's figures.
        await page.GotoAsync(At("reviews"));
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.GetByTestId("new-review").ClickAsync();
        await page.GetByTestId("create-review").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/reviews/", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Draft");
        var reviewUrl = page.Url;
        var agendaCount = await page.GetByTestId("agenda-item").CountAsync();
        agendaCount.Should().BeGreaterThanOrEqualTo(3, "the demo's quarter has quadrant moves, leak changes and recovery risks to talk about");
        await Screenshots.SaveAsync(page, "review-draft");

        await page.GetByTestId("start-meeting").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Meeting in progress");
        await page.GetByTestId("open-meeting").ClickAsync();
        await Assertions.Expect(page.GetByTestId("meeting-position")).ToContainTextAsync($"item 1 of {agendaCount}", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("meeting-keys")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "review-meeting-1280x720-item-1");

        // Two items on with the keyboard, and one back and on again.
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("meeting-position")).ToContainTextAsync($"item 2 of {agendaCount}");
        await page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(page.GetByTestId("meeting-position")).ToContainTextAsync($"item 3 of {agendaCount}");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(page.GetByTestId("meeting-position")).ToContainTextAsync($"item 2 of {agendaCount}");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("meeting-position")).ToContainTextAsync($"item 3 of {agendaCount}");

        // On to the first item about a system, where the decision is taken.
        for (var i = 3; i < agendaCount && await page.GetByTestId("decision-control").CountAsync() == 0; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
            await Assertions.Expect(page.GetByTestId("meeting-position")).ToContainTextAsync($"item {i + 1} of {agendaCount}");
        }

        var decision = page.GetByTestId("decision-control");
        await Assertions.Expect(decision).ToHaveCountAsync(1);
        var system = (await page.Locator("h2", new PageLocatorOptions { HasText = "Decision for" }).InnerTextAsync())["Decision for ".Length..];
        var suggested = await decision.GetByTestId("decision-suggestion").InnerTextAsync();
        var other = suggested.Contains("Suggested: Eliminate", StringComparison.Ordinal) ? "Tolerate" : "Eliminate";
        await decision.Locator(".mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = other, Exact = true }).ClickAsync();
        await decision.GetByTestId("decision-save").ClickAsync();
        await Assertions.Expect(decision).ToContainTextAsync("Is required when the decision");
        await decision.Locator("input[id^=decision-reason-]").FillAsync("The vendor ends support next year");
        await decision.GetByTestId("decision-save").ClickAsync();
        await Assertions.Expect(decision.GetByTestId("decision-saved")).ToHaveTextAsync($"Recorded: {other}.");

        var editor = page.GetByTestId("action-item-editor");
        await editor.Locator("input#meeting-action-title").FillAsync($"Plan the replacement of {system}");
        await editor.GetByLabel("IT owner").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Test IT director" }).ClickAsync();
        await editor.GetByLabel("Business owner").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Test Business owner" }).ClickAsync();
        await editor.GetByTestId("action-item-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-item-name")).ToHaveTextAsync($"Plan the replacement of {system}");
        await Screenshots.SaveAsync(page, "review-meeting-1280x720-decision");

        // Back to the review, and close it.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page).ToHaveURLAsync(reviewUrl);
        await Assertions.Expect(page.GetByTestId("close-review")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await page.GetByTestId("close-review").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Later edits never change this review");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close and freeze" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(page.GetByTestId("frozen-banner")).ToContainTextAsync("by review-facilitator@test.local: later edits do not change these figures");
        await Assertions.Expect(page.GetByTestId("decision-recorded").Filter(new LocatorFilterOptions { HasText = other })).ToContainTextAsync("The vendor ends support next year");
        await Assertions.Expect(page.GetByTestId("action-item-name")).ToHaveTextAsync($"Plan the replacement of {system}");
        await Assertions.Expect(page.GetByTestId("close-review")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("decision-save")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "review-closed");

        // The pack of the closed review: its cover, the decision with its reason and the action item with both owners.
        await page.GetByTestId("open-pack").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(reviewUrl + "/pack");
        await Assertions.Expect(page.GetByTestId("pack-status")).ToContainTextAsync("Closed", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("pack-decisions")).ToContainTextAsync("The vendor ends support next year");
        await Assertions.Expect(page.GetByTestId("pack-action-items")).ToContainTextAsync($"Plan the replacement of {system}");
        await Screenshots.SaveAsync(page, "review-closed-pack");

        await using (var db = Database.CreateContext())
        {
            var review = await db.Reviews.SingleAsync();
            review.Status.Should().Be(ReviewStatus.Closed);
            (await db.FrozenReviews.CountAsync(f => f.ReviewId == review.Id)).Should().Be(1);
            var stored = await db.ReviewDecisions.SingleAsync();
            (stored.Decision.ToString(), stored.Reason).Should().Be((other, "The vendor ends support next year"));
            var item = await db.ActionItems.SingleAsync();
            item.ItOwnerId.Should().NotBe(item.BusinessOwnerId);
        }

        // The same meeting on a 1920×1080 projector: frozen, large, the whole item on one screen.
        var wide = await SignedInPageAsync(Roles.Viewer, 1920, 1080);
        await wide.GotoAsync(reviewUrl + "/meeting");
        await Assertions.Expect(wide.GetByTestId("meeting-position")).ToContainTextAsync($"item 1 of {agendaCount}", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Assertions.Expect(wide.GetByTestId("frozen-banner")).ToBeVisibleAsync();
        // Measured once the circuit has taken the page over, so the heading measured is the one that stays.
        await wide.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        (await wide.GetByTestId("meeting-title").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)")).Should().BeGreaterThanOrEqualTo(40);
        await Screenshots.SaveAsync(wide, "review-meeting-1920x1080-closed");
    }
}
