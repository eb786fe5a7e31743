using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BusinessValue.EndToEnd;

[Collection(SharedBrowser.Name)]
public sealed class HomePageBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
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
    public async Task ShowSystems_ClickedOnceTheCircuitIsLive_ListsTheInventory()
    {
        var page = await OpenHomeAsync();
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Northwind Components (demo)");
        await Assertions.Expect(page.GetByTestId("system-table")).ToHaveCountAsync(0);

        await page.GetByTestId("toggle-systems").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=system-table] tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(page.GetByTestId("toggle-systems")).ToContainTextAsync("Hide the systems");
        await Assertions.Expect(page.Locator("[data-testid=system-table]")).ToContainTextAsync("Inventory Management");
        await Screenshots.SaveAsync(page, "home-systems-listed");
    }

    [Fact]
    public async Task ThemeToggle_Clicked_SwitchesBetweenLightAndDark()
    {
        var page = await OpenHomeAsync();
        var toggle = page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-theme", "light");
        var lightBackground = await BackgroundAsync(page);

        await toggle.ClickAsync();

        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", lightBackground);
        await Screenshots.SaveAsync(page, "home-dark-theme");
    }

    [Fact]
    public async Task RemoveDemoData_Confirmed_LeavesAnEmptyOrganisation()
    {
        var page = await OpenHomeAsync();
        await Assertions.Expect(page.GetByTestId("system-count")).ToHaveTextAsync("12");

        await page.GetByTestId("remove-demo").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("This cannot be undone.");
        await Screenshots.SaveAsync(page, "home-remove-demo-confirmation");
        await dialog.Locator("button", new() { HasText = "Remove demo data" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("system-count")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("My organisation");
        await Screenshots.SaveAsync(page, "home-after-demo-removed");
    }

    private async Task<IPage> OpenHomeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Light,
        });
        await _context.SignInAsync(_app, _address, Roles.Administrator);
        var page = await _context.NewPageAsync();
        // The browser's own errors go to the test output, where a failing run can be read.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                output.WriteLine($"browser {message.Type}: {message.Text}");
            }
        };
        await page.GotoAsync(new Uri(_address, "organisation").ToString());
        // The prerendered page is inert until the circuit connects; the layout marks the moment it is live.
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
