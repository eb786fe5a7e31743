using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>The system edit page in a real browser: choices in words, money typed as people type it, a name already taken, two editors at once, and deleting.</summary>
[Collection(SharedBrowser.Name)]
public sealed class EditSystemBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BusinessValueAppFactory _app = null!;
    private readonly List<IBrowserContext> _contexts = [];
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new BusinessValueAppFactory(_database);
        _address = _app.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<IPage> OpenEditPageAsync(string role, Guid system)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light, Locale = "en-US" });
        _contexts.Add(context);
        await context.SignInAsync(_app, _address, role);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_address, $"systems/{system}/edit").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("save-system")).ToBeEnabledAsync();
        return page;
    }

    private static async Task TypeAsync(IPage page, string input, string text)
    {
        var field = page.Locator($"input#{input}");
        await field.FillAsync(string.Empty);
        await field.PressSequentiallyAsync(text);
        await field.PressAsync("Tab");
    }

    [Fact]
    public async Task ItDirector_TypesLicencesWithGroupingAndPicksALifecycleInWords_TheTotalFollowsAndBothAreSaved()
    {
        Guid erp;
        await using (var db = _database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        }

        var page = await OpenEditPageAsync(Roles.ItDirector, erp);

        var licences = page.Locator("input#cost-licences");
        var total = page.GetByTestId("total-cost-of-ownership");
        await Assertions.Expect(licences).ToHaveValueAsync("220,000");
        await Assertions.Expect(page.GetByLabel("Strategic fit")).ToHaveValueAsync("Maintains the status quo");
        // 220,000 + 80,000 + 100,000 + 0 = 400,000
        await Assertions.Expect(total).ToHaveTextAsync("Total cost of ownership: 400,000 USD per year");
        await Screenshots.SaveAsync(page, "edit-system-form");

        await licences.FillAsync(string.Empty);
        await licences.PressSequentiallyAsync("250,000");
        await licences.PressAsync("Tab");
        // 250,000 + 80,000 + 100,000 + 0 = 430,000
        await Assertions.Expect(total).ToHaveTextAsync("Total cost of ownership: 430,000 USD per year");
        await Assertions.Expect(licences).ToHaveValueAsync("250,000");

        await page.GetByLabel("Lifecycle").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Being phased out" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Lifecycle")).ToHaveValueAsync("Being phased out");

        await page.GetByTestId("save-system").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=true", StringComparison.Ordinal));
        await using (var db = _database.CreateContext())
        {
            var saved = await db.Systems.AsNoTracking().SingleAsync(s => s.Id == erp);
            saved.Costs.Licences.Should().Be(250_000m);
            saved.Costs.TotalCostOfOwnership.Should().Be(430_000m);
            saved.Lifecycle.Should().Be(Lifecycle.PhaseOut);
        }
    }

    [Fact]
    public async Task SecondEditorSavesAfterTheFirst_SeesTheConflictWithBothValuesAndUsesTheirOwn()
    {
        Guid erp;
        await using (var db = _database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        }

        var first = await OpenEditPageAsync(Roles.ItDirector, erp);
        var second = await OpenEditPageAsync(Roles.Administrator, erp);

        await TypeAsync(first, "cost-licences", "250,000");
        await first.GetByTestId("save-system").ClickAsync();
        await first.WaitForURLAsync(url => url.Contains("saved=true", StringComparison.Ordinal));

        await TypeAsync(second, "system-vendor", "Oracle");
        await second.GetByTestId("save-system").ClickAsync();

        var dialog = second.GetByTestId("conflict-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var differing = second.Locator("[data-testid=conflict-row][data-differs=true]");
        await Assertions.Expect(differing).ToHaveCountAsync(2);
        await Assertions.Expect(differing.Nth(0)).ToContainTextAsync("Vendor");
        await Assertions.Expect(differing.Nth(0).GetByTestId("conflict-stored")).ToHaveTextAsync("SAP");
        await Assertions.Expect(differing.Nth(0).GetByTestId("conflict-yours")).ToHaveTextAsync("Oracle");
        await Assertions.Expect(differing.Nth(1)).ToContainTextAsync("Licences per year (USD)");
        await Assertions.Expect(differing.Nth(1).GetByTestId("conflict-stored")).ToHaveTextAsync("250,000");
        await Assertions.Expect(differing.Nth(1).GetByTestId("conflict-yours")).ToHaveTextAsync("220,000");
        await Screenshots.SaveAsync(second, "system-conflict-dialog");
        await using (var db = _database.CreateContext())
        {
            (await db.Systems.SingleAsync(s => s.Id == erp)).Vendor.Should().Be("SAP", "nothing is saved until the editor chooses");
        }

        await second.GetByTestId("conflict-use-mine").ClickAsync();
        await second.WaitForURLAsync(url => url.Contains("saved=true", StringComparison.Ordinal));
        await using (var db = _database.CreateContext())
        {
            var saved = await db.Systems.AsNoTracking().SingleAsync(s => s.Id == erp);
            saved.Vendor.Should().Be("Oracle");
            saved.Costs.Licences.Should().Be(220_000m, "the second editor chose their whole version, seen side by side");
        }
    }

    [Fact]
    public async Task ItDirector_SavesANameAnotherSystemHas_SeesTheMessageBesideTheName()
    {
        Guid erp;
        await using (var db = _database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        }

        var page = await OpenEditPageAsync(Roles.ItDirector, erp);
        await TypeAsync(page, "system-name", "CRM");
        await page.GetByTestId("save-system").ClickAsync();

        var beside = page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator("input#system-name") }).Locator(".mud-input-helper-text");
        await Assertions.Expect(beside).ToHaveTextAsync("Another system is already called \"CRM\"; system names are unique.");
        await Screenshots.SaveAsync(page, "system-name-taken");
    }

    [Fact]
    public async Task ItDirector_DeletesCrm_TheDialogCountsWhatGoesWithItAndTheListNoLongerHasIt()
    {
        Guid crm;
        int integrations, months;
        await using (var db = _database.CreateContext())
        {
            crm = await db.Systems.Where(s => s.Name == "CRM").Select(s => s.Id).SingleAsync();
            integrations = await db.Integrations.CountAsync(i => i.SourceSystemId == crm || i.TargetSystemId == crm);
            months = await db.Metrics.CountAsync(m => m.SystemId == crm);
        }

        var page = await OpenEditPageAsync(Roles.ItDirector, crm);
        await page.GetByTestId("delete-system").ClickAsync();

        await Assertions.Expect(page.GetByTestId("delete-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("delete-integrations")).ToHaveTextAsync($"{integrations} {(integrations == 1 ? "integration" : "integrations")} to or from it");
        await Assertions.Expect(page.GetByTestId("delete-metrics")).ToHaveTextAsync($"{months} months of metrics");
        await Screenshots.SaveAsync(page, "delete-system-dialog");

        await page.GetByTestId("delete-confirm").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/systems?deleted=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("system-deleted")).ToHaveTextAsync("CRM was deleted, with its records.");
        await using (var db = _database.CreateContext())
        {
            (await db.Systems.AnyAsync(s => s.Id == crm)).Should().BeFalse();
            (await db.Metrics.AnyAsync(m => m.SystemId == crm)).Should().BeFalse();
        }
    }

    [Fact]
    public async Task ItDirector_RecordsARestoreTest_AFutureDayIsRefusedBesideTheDateThenTheTestIsListed()
    {
        Guid erp;
        int before;
        await using (var db = _database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
            before = await db.RestoreTests.CountAsync(t => t.SystemId == erp);
        }

        var page = await OpenEditPageAsync(Roles.ItDirector, erp);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = $"Restore tests ({before})" }).ClickAsync();
        await page.GetByTestId("add-restore-test").ClickAsync();
        var day = page.Locator("input#restore-tested-on");
        await day.FillAsync(DateTime.UtcNow.AddDays(3).ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await day.PressAsync("Tab");
        await page.Locator("input#restore-hours").FillAsync("6.5");
        await page.GetByTestId("restore-test-save").ClickAsync();

        var beside = page.Locator(".mud-input-control", new PageLocatorOptions { Has = day }).Locator(".mud-input-helper-text");
        await Assertions.Expect(beside).ToHaveTextAsync("A restore test cannot be in the future.");
        await Screenshots.SaveAsync(page, "restore-test-future-day");

        await day.FillAsync("03/14/2026");
        await day.PressAsync("Tab");
        await page.GetByTestId("restore-test-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("restore-test-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("restore-test-row")).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.GetByTestId("restore-test-row").Filter(new LocatorFilterOptions { HasText = "3/14/2026" })).ToContainTextAsync("6.5");
        await Screenshots.SaveAsync(page, "restore-tests-tab");
        await using (var db = _database.CreateContext())
        {
            var saved = await db.RestoreTests.SingleAsync(t => t.SystemId == erp && t.TestedOn == new DateOnly(2026, 3, 14));
            saved.MeasuredRecoveryHours.Should().Be(6.5m);
            saved.Passed.Should().BeTrue();
        }
    }
}
