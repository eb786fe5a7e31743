using System.Globalization;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>The systems list with 120 systems in a real browser: paging, sorting and searching are clicks and keystrokes.</summary>
[Collection(SharedBrowser.Name)]
public sealed class SystemInventoryBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    protected override async Task PrepareAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(120, 1, seed: 9, new YearMonth(2026, 9)));
    }

    [Fact]
    public async Task Viewer_PagesSortsAndSearches_TheListFollowsEachClickAndKeystroke()
    {
        List<string> byName;
        string costliest;
        await using (var db = Database.CreateContext())
        {
            byName = await db.Systems.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync();
            var systems = await db.Systems.AsNoTracking().ToListAsync();
            costliest = systems.OrderByDescending(s => s.TotalCostOfOwnership).First().Name;
        }

        var page = await SignedInPageAsync(Roles.Viewer);
        await page.GotoAsync(new Uri(Address, "systems").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var rows = page.GetByTestId("system-row");
        var names = page.GetByTestId("system-name");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByTestId("page-number")).ToHaveTextAsync("Page 1 of 5");
        await Assertions.Expect(names.First).ToContainTextAsync(byName[0]);
        await Assertions.Expect(page.GetByTestId("new-system")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("edit-link")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "systems-list");

        await page.GetByTestId("page-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-number")).ToHaveTextAsync("Page 2 of 5");
        await Assertions.Expect(names.First).ToContainTextAsync(byName[25]);
        await Assertions.Expect(page.GetByTestId("systems-count")).ToHaveTextAsync("Systems 26–50 of 120");

        // Sorting starts again at page 1; a second click turns the order round.
        await page.GetByTestId("sort-tco").ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-number")).ToHaveTextAsync("Page 1 of 5");
        await page.GetByTestId("sort-tco").ClickAsync();
        await Assertions.Expect(names.First).ToContainTextAsync(costliest);
        await Assertions.Expect(page.GetByTestId("sort-tco")).ToContainTextAsync("▼");

        var wanted = byName[42];
        await page.Locator("input#system-search").PressSequentiallyAsync(wanted[^5..]);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(names.First).ToContainTextAsync(wanted);
        page.Url.Should().Contain("q=" + wanted[^5..]);
        await Screenshots.SaveAsync(page, "systems-list-searched");
    }

    [Fact]
    public async Task ItDirector_NewIntegration_TheManualCostFollowsTheNumbersAsTheyAreTyped()
    {
        decimal rate;
        await using (var db = Database.CreateContext())
        {
            rate = (await db.Organisation.SingleAsync()).Assumptions.LabourRatePerHour;
        }

        var page = await SignedInPageAsync(Roles.ItDirector);
        await page.GotoAsync(new Uri(Address, "integrations").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("new-integration")).ToBeEnabledAsync();

        await page.GetByTestId("new-integration").ClickAsync();
        await page.Locator("input#integration-transfers").FillAsync("1,000");
        await page.Locator("input#integration-minutes").FillAsync("6");

        // 12 × 1,000 × 6/60 × R × 1.0 (manual)
        var expected = (12m * 1_000m * 6m / 60m * rate).ToString("#,0.##", CultureInfo.GetCultureInfo("en-US"));
        await Assertions.Expect(page.GetByTestId("integration-cost")).ToHaveTextAsync($"Manual integration cost: {expected} USD a year");
        await Screenshots.SaveAsync(page, "integration-dialog-live-cost");
    }
}
