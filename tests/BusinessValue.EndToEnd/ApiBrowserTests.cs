using System.Net;
using System.Net.Http.Headers;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BusinessValue.EndToEnd;

/// <summary>An administrator's API key, made in the browser and used by a tool; the API reference page.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ApiBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BusinessValueAppFactory _app = null!;
    private IBrowserContext _context = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new BusinessValueAppFactory(_database);
        _address = _app.StartKestrel();
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();

        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Administrator_CreatesAKey_TheSecretIsShownOnceAndWorksUntilRevoked()
    {
        await _context.SignInAsync(_app, _address, Roles.Administrator);
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(_address, "admin/api-keys").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("api-key-create")).ToBeEnabledAsync();
        await page.Locator("input#api-key-name").FillAsync("Zabbix");
        await page.Locator("input#api-key-name").BlurAsync();
        await page.GetByTestId("api-key-create").ClickAsync();
        var secret = await page.GetByTestId("api-key-secret").InnerTextAsync();
        await Screenshots.SaveAsync(page, "api-key-created");

        using var client = new HttpClient { BaseAddress = _address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await client.GetAsync(new Uri("api/v1/scorecard?period=2026-Q3", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        await page.ReloadAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("api-key-secret")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("api-key-row")).ToContainTextAsync(secret[3..11]);
        await page.GetByTestId("api-key-revoke").ClickAsync();
        await Assertions.Expect(page.GetByTestId("api-key-row")).ToContainTextAsync("Revoked");
        (await client.GetAsync(new Uri("api/v1/scorecard", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiReference_Opens_WithoutContentSecurityPolicyViolations()
    {
        var violations = new List<string>();
        var page = await _context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                output.WriteLine($"browser error: {message.Text}");
            }

            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(_address, "api/docs/").ToString());

        await Assertions.Expect(page.GetByText("Write one system's metrics for one month").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "api-reference");
        violations.Should().BeEmpty();
    }
}
