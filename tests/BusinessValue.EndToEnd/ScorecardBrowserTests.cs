using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BusinessValue.EndToEnd;

[Collection(SharedBrowser.Name)]
public sealed class ScorecardBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BusinessValueAppFactory _app = null!;
    private IBrowserContext? _context;
    private Uri _address = null!;
    private readonly List<string> _policyViolations = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new BusinessValueAppFactory(_database);
        _address = _app.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        // Every walk through the app also proves the Content-Security-Policy blocks nothing the app needs.
        _policyViolations.Should().BeEmpty();
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Scorecard_ChangePeriodClickBubbleAndAskWhy_ShowsTheSystemAndItsExplanation()
    {
        var page = await OpenAsync("scorecard?period=2026-Q3");
        await Assertions.Expect(page.GetByTestId("scorecard-period")).ToContainTextAsync("2026-Q3");
        await Assertions.Expect(page.GetByTestId("answer-green")).ToContainTextAsync("ERP");
        await Screenshots.SaveAsync(page, "scorecard-2026-Q3");
        // On a tablet the navigation waits to be asked for, instead of covering the page.
        await page.SetViewportSizeAsync(800, 1100);
        await Assertions.Expect(page.GetByTestId("nav-organisation")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "scorecard-tablet");
        await page.GetByTestId("nav-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-organisation")).ToBeVisibleAsync();
        await page.GetByTestId("nav-toggle").ClickAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(page.GetByTestId("nav-organisation")).ToBeVisibleAsync();

        // Change the period: the address and the figures follow.
        await page.GetByTestId("period-value").SelectOptionAsync("2026-Q2");
        await Assertions.Expect(page.GetByTestId("scorecard-period")).ToContainTextAsync("2026-Q2");
        page.Url.Should().EndWith("period=2026-Q2");

        // "Why this number?" on the waste ratio.
        await page.GetByTestId("why-wasteRatio").ClickAsync();
        var explanation = page.GetByTestId("explanation");
        await Assertions.Expect(explanation).ToContainTextAsync("value leaks / technology spend");
        await Assertions.Expect(page.GetByTestId("explanation-inputs")).ToContainTextAsync("Technology spend");
        await Screenshots.SaveAsync(page, "scorecard-why-waste-ratio");
        await page.GetByTestId("explanation-close").ClickAsync();

        // A bubble opens its system.
        await page.Locator("[data-testid=bubble][data-system='ERP']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("system-name")).ToHaveTextAsync("ERP");
        await Assertions.Expect(page.GetByTestId("system-quadrant")).ToContainTextAsync("Green dashboard, red business");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.GetByTestId("why-revenueDisrupted").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explanation-formula")).ToHaveTextAsync("D/60 × RPH");
        await Screenshots.SaveAsync(page, "system-erp-why-revenue-disrupted");
    }

    [Fact]
    public async Task Explanation_FollowAnAssumptionAndChangeIt_TheScorecardUsesTheNewValue()
    {
        var page = await OpenAsync("scorecard?period=2026-Q3");
        var before = await page.GetByTestId("figure-revenueLostToSlowPeaks").TextContentAsync();

        // Revenue lost to slow peaks rests on the default abandonment factor: its explanation links to where it is set.
        await page.GetByTestId("why-revenueLostToSlowPeaks").ClickAsync();
        await page.GetByTestId("change-assumption-f").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Assumptions");
        page.Url.Should().EndWith("/settings/assumptions#abandonment");
        await Assertions.Expect(page.GetByTestId("explanation")).ToHaveCountAsync(0);

        await page.Locator("input#abandonment").FillAsync("0.2");
        await page.GetByTestId("assumptions-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("assumptions-saved")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "assumptions-saved");

        await page.GetByTestId("nav-scorecard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("figure-revenueLostToSlowPeaks")).Not.ToHaveTextAsync(before!);
        await page.GetByTestId("why-revenueLostToSlowPeaks").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explanation-inputs")).ToContainTextAsync("organisation setting");
    }

    private async Task<IPage> OpenAsync(string path)
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = ColorScheme.Light,
        });
        await _context.SignInAsync(_app, _address, Roles.Administrator);
        var page = await _context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                output.WriteLine($"browser error: {message.Text}");
            }

            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(_address, path).ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }
}
