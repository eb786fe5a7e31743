using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>The review pack printed by a real browser: a closed review of the demo, print media, a PDF.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReviewPackBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    [Fact]
    public async Task Pack_PrintedAsPdf_HidesTheAppChromeAndStartsWithTheCover()
    {
        await AddOwnersAsync();
        var review = await ClosedReviewAsync("2026-Q3");
        var page = await SignedInPageAsync(Roles.Executive, 1200, 900);

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.GotoAsync(At($"reviews/{review}/pack"));
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        await Assertions.Expect(page.GetByTestId("pack-cover")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("pack-cover")).ToContainTextAsync("Quarterly business value review 2026-Q3");
        await Assertions.Expect(page.GetByTestId("pack-action-items")).ToContainTextAsync("Move the ERP restore test to the DR site");
        await Assertions.Expect(page.GetByTestId("pack-decisions")).ToContainTextAsync("Vendor support ends in 2027");
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("print-pack")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("pack-draft")).ToHaveCountAsync(0);
        // The cover is the first thing on the first page: nothing printed above it.
        var coverTop = (await page.GetByTestId("pack-cover").BoundingBoxAsync())!.Y;
        coverTop.Should().BeLessThan(80);
        // Sections after the cover each start a page.
        (await page.GetByTestId("pack-headline").EvaluateAsync<string>("e => getComputedStyle(e).breakBefore")).Should().Be("page");

        var folder = Path.Combine(RepositoryFolder.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(folder, "review-pack.pdf"), Format = "A4", PrintBackground = true });
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        text.Should().StartWith("%PDF-");
        // Seven sections, each starting a page (none is longer than one A4 page for the demo's twelve systems).
        System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page(?![s\w])").Should().Be(7);
        await Screenshots.SaveAsync(page, "review-pack-print");
    }

    [Fact]
    public async Task ComparePage_TwoClosedReviews_ShowsChangesWithArrowsWordsAndItemsDone()
    {
        await AddOwnersAsync();
        await ClosedReviewAsync("2026-Q2");
        await using (var db = Database.CreateContext())
        {
            var erp = await db.Systems.SingleAsync(s => s.Name == "ERP");
            erp.WithBusinessCase(erp.Costs with { Licences = erp.Costs.Licences + 200_000m }, erp.ExpectedAnnualBenefit, erp.IntendedUsers, erp.RequiredRecoveryHours);
            await db.SaveChangesAsync();
        }

        var review = await ClosedReviewAsync("2026-Q3");
        var page = await SignedInPageAsync(Roles.BusinessOwner, 1300, 900);

        await page.GotoAsync(At($"reviews/{review}/compare"));
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var spend = page.GetByTestId("comparison-company").Locator("tr", new LocatorLocatorOptions { HasText = "Technology spend" });
        await Assertions.Expect(spend).ToContainTextAsync("▲ +");
        await Assertions.Expect(spend).ToContainTextAsync("(worse)");
        await Assertions.Expect(page.GetByTestId("comparison-items")).ToContainTextAsync("not done (Open)");
        await Screenshots.SaveAsync(page, "review-comparison");
    }

    private async Task AddOwnersAsync()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role) in new[] { ("Dana Okafor (CIO)", Roles.ItDirector), ("Sam Reyes (COO)", Roles.BusinessOwner) })
        {
            var user = new AppUser { UserName = name.Split(' ')[0].ToLowerInvariant() + "@demo.local", Email = name.Split(' ')[0].ToLowerInvariant() + "@demo.local", DisplayName = name, CreatedAtUtc = DateTime.UtcNow };
            (await users.CreateAsync(user)).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        }
    }

    /// <summary>A quarter of the demo reviewed, with a decision on ERP and an action item owned by an IT director and a business owner, and closed.</summary>
    private async Task<Guid> ClosedReviewAsync(string quarter)
    {
        using var facilitator = App.Services.CreateScope().As(Roles.ReviewFacilitator);
        var services = facilitator.ServiceProvider;
        var planning = services.GetRequiredService<ReviewPlanning>();
        var created = await planning.CreateDraftAsync(new ReviewForm { Quarter = quarter, MeetingDate = new DateOnly(2026, 10, 14), Attendees = "CIO, CFO, COO, head of sales" });
        var id = created.Id!.Value;
        (await planning.StartAsync(id, (await planning.GetAsync(id))!.Review.Version)).IsSaved.Should().BeTrue();
        var erp = (await services.GetRequiredService<ReviewDecisions>().ListAsync(id)).First(d => d.SystemName.StartsWith("ERP", StringComparison.Ordinal));
        var decision = erp.Suggested == TimeDecision.Migrate ? TimeDecision.Invest : TimeDecision.Migrate;
        (await services.GetRequiredService<ReviewDecisions>().SaveAsync(id, new DecisionForm { SystemId = erp.SystemId, Decision = decision, Reason = "Vendor support ends in 2027" })).IsSaved.Should().BeTrue();
        var items = services.GetRequiredService<ActionItems>();
        var owners = await items.OwnersAsync();
        (await items.CreateAsync(id, new ActionItemForm
        {
            Title = "Move the ERP restore test to the DR site",
            ItOwnerId = owners.Single(o => o.Name.StartsWith("Dana", StringComparison.Ordinal)).Id,
            BusinessOwnerId = owners.Single(o => o.Name.StartsWith("Sam", StringComparison.Ordinal)).Id,
            DueDate = new DateOnly(2027, 1, 31),
            SystemId = erp.SystemId,
        })).IsSaved.Should().BeTrue();
        (await planning.CloseAsync(id, (await planning.GetAsync(id))!.Review.Version)).IsSaved.Should().BeTrue();
        return id;
    }
}
