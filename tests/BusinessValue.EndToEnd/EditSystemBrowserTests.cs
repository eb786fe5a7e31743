using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>The system edit form in a real browser: choices in words, money grouped in the organisation's currency, typed as people type it.</summary>
[Collection(SharedBrowser.Name)]
public sealed class EditSystemBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BusinessValueAppFactory _app = null!;
    private IBrowserContext? _context;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new BusinessValueAppFactory(_database);
        _address = _app.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        // Close the browser first: an open circuit would hold the server's graceful shutdown.
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ItDirector_TypesLicencesWithGroupingAndPicksALifecycleInWords_TheTotalFollowsAndBothAreSaved()
    {
        Guid erp;
        await using (var db = _database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        }

        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light, Locale = "en-US" });
        await _context.SignInAsync(_app, _address, Roles.ItDirector);
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(_address, $"systems/{erp}/edit").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("save-system")).ToBeEnabledAsync();

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
}
