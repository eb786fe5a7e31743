using System.Net;
using System.Text.RegularExpressions;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using BusinessValue.Web.Tests.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class SixQuestionsTests
{
    [Fact]
    public async Task Get_NoReviewClosed_SaysSoAndLinksToTheReviews()
    {
        await using var scenario = await ReviewScenario.CreateAsync(DatabaseProvider.Sqlite);
        await scenario.DraftAsync("2026-Q3");
        using var client = await scenario.App.CreateSignedInClientAsync(Roles.Executive);

        var html = await client.GetStringAsync(new Uri("/scorecard", UriKind.Relative));

        TextOf(html, "answer-review").Should().Be("No business value review has been closed yet: its TIME decisions and action items will be summed up here.");
        html.Should().Contain("href=\"/reviews\"");
    }

    // Both providers: the answer is one SQL statement (counts by kind and state, the quarter's text ordered).
    [Theory]
    [ClassData(typeof(BothProviders))]
    public async Task Get_AfterAClosedReview_AnswersWithItsDecisionsAndActionItemsAsTheyStandNow(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        using (var scope = scenario.As(Roles.ReviewFacilitator))
        {
            var decisions = scope.ServiceProvider.GetRequiredService<ReviewDecisions>();
            var rows = await decisions.ListAsync(review);
            foreach (var (row, decision) in rows.Take(3).Zip([TimeDecision.Invest, TimeDecision.Invest, TimeDecision.Eliminate]))
            {
                (await decisions.SaveAsync(review, new DecisionForm { SystemId = row.SystemId, Decision = decision, Reason = "Agreed in the meeting" })).IsSaved.Should().BeTrue();
            }
        }

        await scenario.RaiseAsync(review, "Retire the fax gateway", scenario.Today.AddDays(10));
        await scenario.RaiseAsync(review, "Renegotiate the CRM licences", scenario.Today.AddDays(60));
        var done = await scenario.RaiseAsync(review, "Test the ERP restore", scenario.Today.AddDays(20));
        await scenario.StartAsync(review);
        await scenario.CloseAsync(review);
        scenario.Clock.Advance(TimeSpan.FromDays(30));
        using (var owner = scenario.AsUser(scenario.ItOwner, Roles.ItDirector))
        {
            var items = owner.ServiceProvider.GetRequiredService<ActionItems>();
            (await items.ChangeStatusAsync(done, ActionItemStatus.Done, (await items.GetAsync(done))!.Version)).IsSaved.Should().BeTrue();
        }

        using var client = await scenario.App.CreateSignedInClientAsync(Roles.Executive);

        var html = await client.GetStringAsync(new Uri("/scorecard", UriKind.Relative));

        TextOf(html, "answer-review").Should().Be(
            "The review of 2026-Q3 decided Invest for 2 systems, Eliminate for 1 system; of its 3 action items, 1 is done and 2 open, 1 of them overdue.");
        html.Should().Contain($"href=\"/reviews/{review}\"");
    }

    private static string TextOf(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<").Groups[1].Value).Trim();
}
