using System.Globalization;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>The import page in a real browser: a file with a bad row changes nothing; the fixed file does, and the scorecard follows.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    [Fact]
    public async Task ItDirector_UploadsMetricsWithOneBadRow_SeesTheRowAndNothingImported_ThenTheFixedFileChangesTheSystemsFigures()
    {
        Guid erp;
        decimal quarterBefore;
        await using (var db = Database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
            quarterBefore = await QuarterPeakMinutesAsync(db, erp);
        }

        var page = await SignedInPageAsync(Roles.ItDirector, 1280, 1000);
        await page.GotoAsync(new Uri(Address, $"systems/{erp}?period=2026-Q3").ToString());
        var cards = page.GetByTestId("paired-cards");
        await Assertions.Expect(cards).ToContainTextAsync($"{quarterBefore.ToString("N0", CultureInfo.InvariantCulture)} slow peak minutes");

        await page.GotoAsync(new Uri(Address, "import").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.GetByLabel("Table").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Monthly metrics" }).ClickAsync();
        await Assertions.Expect(page.GetByText("columns of monthly metrics")).ToBeVisibleAsync();

        // A monitoring tool's export: its own headings, one negative value in row 3.
        var bad = await WriteAsync("peaks.csv", "Application,Reporting month,Slow peak minutes\nERP,2026-09,900\nERP,2026-08,-5\n");
        await page.GetByTestId("import-file").SetInputFilesAsync(bad);
        await Assertions.Expect(page.GetByTestId("import-file-read")).ToContainTextAsync("peaks.csv: 3 columns");
        await Assertions.Expect(page.GetByTestId("import-mapping")).ToContainTextAsync("Peak-hour minutes above the response-time target");
        await page.GetByTestId("import-check").ClickAsync();
        var problems = page.GetByTestId("import-problems");
        await Assertions.Expect(problems).ToContainTextAsync("Slow peak minutes");
        await Assertions.Expect(problems.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(problems.Locator("tbody tr td").First).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("import-nothing-written")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-commit")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "import-bad-row");
        await using (var db = Database.CreateContext())
        {
            (await QuarterPeakMinutesAsync(db, erp)).Should().Be(quarterBefore, "a file with a bad row imports nothing");
        }

        var fixedFile = await WriteAsync("peaks-fixed.csv", "Application,Reporting month,Slow peak minutes\nERP,2026-09,900\nERP,2026-08,5\n");
        await page.GetByTestId("import-file").SetInputFilesAsync(fixedFile);
        await Assertions.Expect(page.GetByTestId("import-file-read")).ToContainTextAsync("peaks-fixed.csv");
        await page.GetByTestId("import-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-ready")).ToContainTextAsync("2 changed");
        await page.GetByTestId("import-commit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-done")).ToContainTextAsync("2 changed");
        await Screenshots.SaveAsync(page, "import-done");

        decimal quarterAfter;
        await using (var db = Database.CreateContext())
        {
            (await db.Metrics.AsNoTracking().SingleAsync(m => m.SystemId == erp && m.Month == new YearMonth(2026, 9))).ValueOf(Measures.PeakDegraded).Should().Be(900m);
            quarterAfter = await QuarterPeakMinutesAsync(db, erp);
        }

        quarterAfter.Should().NotBe(quarterBefore);
        await page.GotoAsync(new Uri(Address, $"systems/{erp}?period=2026-Q3").ToString());
        await Assertions.Expect(page.GetByTestId("paired-cards")).ToContainTextAsync($"{quarterAfter.ToString("N0", CultureInfo.InvariantCulture)} slow peak minutes");
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        // Beside the test's database, removed with it.
        var path = Path.Combine(Database.DataDirectory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static async Task<decimal> QuarterPeakMinutesAsync(Infrastructure.Persistence.BusinessValueDbContext db, Guid system)
    {
        var months = await db.Metrics.AsNoTracking().Where(m => m.SystemId == system).ToListAsync();
        return months.Where(m => m.Month >= new YearMonth(2026, 7) && m.Month <= new YearMonth(2026, 9)).Sum(m => m.ValueOf(Measures.PeakDegraded) ?? 0m);
    }
}
