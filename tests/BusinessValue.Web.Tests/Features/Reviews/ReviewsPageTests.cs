using System.Net;
using System.Text.RegularExpressions;
using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ReviewsPageTests
{
    [Fact]
    public async Task Get_TwoReviews_ListsTheLatestFirstWithDecisionsAndOpenActionsAndNewReviewOnlyForFacilitators()
    {
        await using var scenario = await ReviewScenario.CreateAsync(DatabaseProvider.Sqlite);
        var q2 = await scenario.DraftAsync("2026-Q2");
        var q3 = await scenario.DraftAsync("2026-Q3");
        using (var scope = scenario.As(Roles.ReviewFacilitator))
        {
            var decisions = scope.ServiceProvider.GetRequiredService<ReviewDecisions>();
            var row = (await decisions.ListAsync(q3))[0];
            (await decisions.SaveAsync(q3, new DecisionForm { SystemId = row.SystemId, Decision = TimeDecision.Invest, Reason = "Agreed" })).IsSaved.Should().BeTrue();
        }

        await scenario.RaiseAsync(q2, "Test the ERP restore", scenario.Today.AddDays(20));
        await scenario.RaiseAsync(q2, "Retire the fax gateway", scenario.Today.AddDays(40));
        using var viewer = await scenario.App.CreateSignedInClientAsync(Roles.Viewer);
        using var facilitator = await scenario.App.CreateSignedInClientAsync(Roles.ReviewFacilitator);

        var html = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/reviews", UriKind.Relative)));

        Cells(html, "review-link").Should().Equal("2026-Q3", "2026-Q2");
        Cells(html, "review-decisions").Should().Equal("1", "0");
        Cells(html, "review-open-actions").Should().Equal("0", "2");
        Cells(html, "review-status").Should().Equal("Draft", "Draft");
        html.Should().Contain($"href=\"/reviews/{q3}\"").And.Contain("href=\"/translation-requests\"").And.NotContain("data-testid=\"new-review\"");
        (await facilitator.GetStringAsync(new Uri("/reviews", UriKind.Relative))).Should().Contain("data-testid=\"new-review\"");
    }

    [Fact]
    public async Task Get_ReviewAsViewer_ShowsDecisionsAndItemsWithoutRunningControls()
    {
        await using var scenario = await ReviewScenario.CreateAsync(DatabaseProvider.Sqlite);
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.RaiseAsync(review, "Retire the fax gateway", scenario.Today.AddDays(40));
        using var viewer = await scenario.App.CreateSignedInClientAsync(Roles.Viewer);

        var html = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri($"/reviews/{review}", UriKind.Relative)));

        html.Should().Contain("Review of 2026-Q3").And.Contain("Retire the fax gateway").And.Contain("data-testid=\"decision-recorded\"");
        foreach (var control in new[] { "start-meeting", "agenda-up", "agenda-add-item", "decision-save", "action-item-add", "close-review", "reopen-review" })
        {
            html.Should().NotContain($"data-testid=\"{control}\"", $"a viewer does not run reviews ({control})");
        }
    }

    [Fact]
    public async Task Get_ReviewThatDoesNotExist_SaysSoAndLinksToTheList()
    {
        await using var scenario = await ReviewScenario.CreateAsync(DatabaseProvider.Sqlite);
        using var client = await scenario.App.CreateSignedInClientAsync(Roles.ReviewFacilitator);

        foreach (var path in new[] { $"/reviews/{Guid.NewGuid()}", $"/reviews/{Guid.NewGuid()}/meeting" })
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
            html.Should().Contain("data-testid=\"review-not-found\"").And.Contain("href=\"/reviews\"");
        }
    }

    private static List<string> Cells(string html, string testId) =>
        Regex.Matches(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(?:<[^>]+>)*([^<]*)<").Select(m => m.Groups[1].Value.Trim()).ToList();
}
