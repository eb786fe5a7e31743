using System.Diagnostics;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace BusinessValue.EndToEnd;

/// <summary>
/// The fault campaign's open page (issue 13): PostgreSQL restarts, as operators restart it, under a page that stays
/// open in a real browser. The page says the database is away, and once it is back the same circuit reads and saves
/// again, without a reload.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PostgresRestartBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task OpenScorecard_PostgresRestartedWhileItIsOpen_SaysTheDatabaseIsAwayThenTheSameCircuitReadsAndSavesAgain()
    {
        await using var cluster = PostgresCluster.Create();
        await using var database = TestDatabase.At(DatabaseProvider.Postgres, await cluster.CreateDatabaseAsync("bv_fault_circuit"));
        // The open page's session is checked every 1.2 s (every minute by default): the outage spans several checks.
        await using var app = new BusinessValueAppFactory(database).WithSetting("Security:Sessions:RevalidationMinutes", "0.02");
        var address = app.StartKestrel();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light, Locale = "en-US" });
        await context.SignInAsync(app, address, Roles.ItDirector);
        var erp = await ErpAsync(database);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "scorecard?period=2026-Q3").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // A mark on the page's window: it is still there at the end only if the page was never reloaded.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var period = page.GetByTestId("scorecard-period");
        await page.GetByTestId("period-value").SelectOptionAsync("2026-Q2");
        await Assertions.Expect(period).ToContainTextAsync("2026-Q2");
        await Screenshots.SaveAsync(page, "postgres-restart-1-open");

        var outage = Stopwatch.StartNew();
        cluster.Stop();
        await page.GetByTestId("period-value").SelectOptionAsync("2026-Q1");
        var fault = page.GetByTestId("database-fault");
        await Assertions.Expect(fault).ToContainTextAsync("The database does not answer");
        var shownAfter = outage.ElapsedMilliseconds;
        // Meanwhile the open page's session is checked again (every 1.2 s): the check cannot reach the database and
        // must not sign the reader out for that.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Assertions.Expect(fault).ToContainTextAsync("Nothing was changed");
        await Screenshots.SaveAsync(page, "postgres-restart-2-database-away");
        var whileAway = await page.ContentAsync();
        var pageWhileAway = page.Url;
        var circuitErrors = await page.GetByTestId("circuit-error").CountAsync();

        cluster.Start();
        var outageLength = outage.Elapsed;
        var recovery = Stopwatch.StartNew();
        await page.GetByTestId("database-fault-retry").ClickAsync();
        await Assertions.Expect(period).ToContainTextAsync("2026-Q1");
        var recoveredIn = recovery.Elapsed;
        await Screenshots.SaveAsync(page, "postgres-restart-3-back");

        // A write in the same circuit: navigating inside the app, as the page's own links do, never reloads it.
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", $"/systems/{erp}/edit");
        await page.WaitForURLAsync(url => url.EndsWith("/edit", StringComparison.Ordinal));
        var vendor = page.Locator("input#system-vendor");
        await Assertions.Expect(vendor).ToHaveValueAsync("SAP", new LocatorAssertionsToHaveValueOptions { Timeout = 30_000 });
        await vendor.FillAsync("SAP after the restart");
        await vendor.PressAsync("Tab");
        // A second, short restart while the edit is typed but not saved: the save says so and keeps the form.
        cluster.Stop();
        await page.GetByTestId("save-system").ClickAsync();
        await Assertions.Expect(page.GetByTestId("edit-problem")).ToContainTextAsync("The database does not answer: nothing was saved");
        await Assertions.Expect(vendor).ToHaveValueAsync("SAP after the restart");
        await Screenshots.SaveAsync(page, "postgres-restart-4-save-while-away");
        cluster.Start();
        await page.GetByTestId("save-system").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=true", StringComparison.Ordinal));
        // The system's page reads the stored record again: the new vendor is what the database now holds.
        await Assertions.Expect(page.GetByText("SAP after the restart").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "postgres-restart-5-saved");
        var sameDocument = await page.EvaluateAsync<bool>("() => window.sameDocument === true");
        output.WriteLine($"message shown {shownAfter} ms after the stop; outage {outageLength.TotalSeconds:0.0} s; scorecard back {recoveredIn.TotalMilliseconds:0} ms after the start");

        pageWhileAway.Should().NotContain("/account/login", "a database outage does not sign the reader out");
        circuitErrors.Should().Be(0, "the page names the fault instead of the generic error");
        whileAway.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("Npgsql").And.NotContain("An unhandled error has occurred");
        sameDocument.Should().BeTrue("the page was never reloaded: the same circuit served it throughout");
        (await VendorAsync(database, erp)).Should().Be("SAP after the restart");
    }

    private static async Task<Guid> ErpAsync(TestDatabase database)
    {
        await using var db = Unpooled(database);
        return await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
    }

    private static async Task<string?> VendorAsync(TestDatabase database, Guid system)
    {
        await using var db = Unpooled(database);
        return await db.Systems.Where(s => s.Id == system).Select(s => s.Vendor).SingleAsync();
    }

    /// <summary>A context of the test's own that shares no pooled connection with the app's.</summary>
    private static Infrastructure.Persistence.BusinessValueDbContext Unpooled(TestDatabase database) =>
        (database.Options with { ConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString }).CreateContext();
}
