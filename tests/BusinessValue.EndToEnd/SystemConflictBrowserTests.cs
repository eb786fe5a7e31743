using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>Two people edit the same system in two browsers: the second save shows both versions and loses nothing.</summary>
[Collection(SharedBrowser.Name)]
public sealed class SystemConflictBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
}
