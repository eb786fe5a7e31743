using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>The monthly metrics grid in a real browser: typed with the keyboard, checked at the cell, saved, and seen on the system's scorecard.</summary>
[Collection(SharedBrowser.Name)]
public sealed class MetricsGridBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    [Fact]
    public async Task ItDirector_TypesDowntimeForErp_TheCellRefusesTooManyMinutesThenTheSavedValueReachesErpsScorecard()
    {
        Guid erp;
        await using (var db = Database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        }

        var page = await SignedInPageAsync(Roles.ItDirector, 1400, 900);
        var scorecard = new Uri(Address, $"systems/{erp}?period=2026-09").ToString();
        await page.GotoAsync(scorecard);
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var before = await page.GetByTestId("paired-cards").InnerTextAsync();

        await page.GotoAsync(new Uri(Address, "metrics").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("metrics-grid")).ToHaveAttributeAsync("data-month", "2026-09");
        var downtime = page.Locator("tr[data-system='ERP'] input[data-column='downtimeMinutes']");
        await Assertions.Expect(downtime).ToBeEnabledAsync();

        // September has 30 × 24 × 60 = 43,200 minutes.
        await downtime.FillAsync("50000");
        await downtime.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("cell-problem")).ToHaveTextAsync("must be between 0 and 43200, the minutes in 2026-09 (it is 50000).");
        await Assertions.Expect(downtime).ToHaveAttributeAsync("aria-invalid", "true");
        // Enter moved down the column to the next system's downtime.
        await Assertions.Expect(page.Locator("tr[data-system='ERP'] + tr input[data-column='downtimeMinutes']")).ToBeFocusedAsync();
        await Screenshots.SaveAsync(page, "metrics-grid-cell-problem");

        await downtime.FillAsync("1234");
        await downtime.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("cell-problem")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-system='ERP'] input[data-column='slaUptimeTargetPercent']")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("unsaved")).ToContainTextAsync("1 changed");
        await Screenshots.SaveAsync(page, "metrics-grid-typed");
        await page.GetByTestId("save-metrics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await Assertions.Expect(downtime).ToHaveValueAsync("1234");

        await using (var db = Database.CreateContext())
        {
            (await db.Metrics.SingleAsync(m => m.SystemId == erp && m.Month == new Domain.Periods.YearMonth(2026, 9))).DowntimeMinutes.Should().Be(1234m);
        }

        await page.GotoAsync(scorecard);
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var after = await page.GetByTestId("paired-cards").InnerTextAsync();
        after.Should().NotBe(before, "the scorecard follows the saved month");
        after.Should().Contain("1,234");
        await Screenshots.SaveAsync(page, "metrics-grid-erp-scorecard-after");
    }
}
