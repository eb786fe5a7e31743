using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>An open page left alone ends like an idle session: it goes to sign-in by itself.</summary>
[Collection(SharedBrowser.Name)]
public sealed class SessionBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task OpenPage_LeftIdleForTheIdleTimeout_GoesToSignIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // 9 seconds of idleness end a session here (30 minutes by default), checked every 1.2 seconds.
        await using var app = new BusinessValueAppFactory(database)
            .WithSetting("Security:Sessions:IdleMinutes", "0.15")
            .WithSetting("Security:Sessions:RevalidationMinutes", "0.02");
        var address = app.StartKestrel();
        await using var context = await browser.Browser.NewContextAsync();
        await context.SignInAsync(app, address, Roles.Viewer);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "?period=2026-Q3").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var opened = DateTime.UtcNow;

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 40_000 });

        (DateTime.UtcNow - opened).Should().BeGreaterThan(TimeSpan.FromSeconds(5), "an active page is not signed out early");
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
    }
}
