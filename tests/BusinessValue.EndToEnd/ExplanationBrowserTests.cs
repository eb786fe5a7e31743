using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>
/// An executive reads the explanation of technology spend and of a fiscal year the metrics only partly cover
/// (the demo's metrics end in 2026-09, so FY2026 has 9 of its 12 months).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ExplanationBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Executive_OpensTechnologySpendAndAPartlyRecordedFiscalYear_ReadsThemInTheProductsWords()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await _context.SignInAsync(_app, _address, Roles.Executive);
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(_address, "scorecard?period=FY2026").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        // The card says the figure rests on 9 of the fiscal year's 12 months; spend, pro rata, does not.
        await Assertions.Expect(page.GetByTestId("coverage-revenueDisrupted")).ToContainTextAsync("9 of 12 months recorded");
        await Assertions.Expect(page.GetByTestId("coverage-technologySpend")).ToHaveCountAsync(0);

        // Technology spend: every input named as a person would, in the organisation's currency.
        await page.GetByTestId("why-technologySpend").ClickAsync();
        var explanation = page.GetByTestId("explanation");
        await Assertions.Expect(explanation).ToContainTextAsync("ERP: technology spend for FY2026");
        await Assertions.Expect(explanation).ToContainTextAsync("FY2026 (January – December 2026)");
        await Assertions.Expect(page.GetByTestId("explanation-inputs")).ToContainTextAsync("USD");
        await Assertions.Expect(page.GetByTestId("explanation-inputs")).Not.ToContainTextAsync("money");
        await Assertions.Expect(page.GetByTestId("explanation-formula-link")).ToHaveAttributeAsync("href", "/formulas#portfolio-totals-and-the-waste-ratio");
        await Screenshots.SaveAsync(page, "explanation-technology-spend-fy2026");
        await page.GetByTestId("explanation-close").ClickAsync();

        // Revenue disrupted over a partly recorded fiscal year: the explanation says how thin the data is.
        await page.GetByTestId("why-revenueDisrupted").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explanation-coverage")).ToContainTextAsync("9 of 12 months recorded");
        await Assertions.Expect(page.GetByTestId("explanation-formula")).ToHaveTextAsync("Σ systems' revenue disrupted by downtime");
        await Screenshots.SaveAsync(page, "explanation-partial-fy2026");
    }
}
