using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>Sign-in through an OpenID Connect provider, in Chromium, against a provider the test starts.</summary>
[Collection(SharedBrowser.Name)]
public sealed class OpenIdSignInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignInWithTheProvider_GroupMapsToExecutive_ArrivesOnTheScorecardAsAnExecutive()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync("ada@idp.example", "staff", "bv-executives");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = Configured(new BusinessValueAppFactory(database), provider);
        var address = app.StartKestrel();
        await app.EnsureUserAsync(Roles.Administrator);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(address, "?period=2026-Q3").ToString());
        await page.GetByTestId("sign-in-external").ClickAsync();

        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("scorecard-period")).ToContainTextAsync("2026-Q3");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("ada@idp.example");
        await Assertions.Expect(page.GetByTestId("nav-assumptions")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "openid-signed-in");
        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "ada@idp.example");
        user.DisplayName.Should().Be("Ada from the provider");
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync();
        role.Should().Be(Roles.Executive);
        (await db.AuditTrail.CountAsync(e => e.Action == AuditAction.SignedIn && e.Actor == "ada@idp.example" && e.Summary!.Contains("Test provider"))).Should().Be(1);
    }

    [Fact]
    public async Task SignInWithTheProvider_NoGroupMaps_IsRefusedWithTheReason()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync("bob@idp.example", "staff");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = Configured(new BusinessValueAppFactory(database), provider);
        var address = app.StartKestrel();
        await app.EnsureUserAsync(Roles.Administrator);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(address, "account/login").ToString());
        await page.GetByTestId("sign-in-external").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("none of your groups gives a role");
        await using var db = database.CreateContext();
        (await db.Users.AnyAsync(u => u.UserName == "bob@idp.example")).Should().BeFalse();
    }

    private static BusinessValueAppFactory Configured(BusinessValueAppFactory app, FakeOpenIdProvider provider) => app
        .WithSetting("Security:OpenIdConnect:Authority", provider.Authority.ToString().TrimEnd('/'))
        .WithSetting("Security:OpenIdConnect:ClientId", provider.ClientId)
        .WithSetting("Security:OpenIdConnect:ClientSecret", "not-checked-by-the-test-provider")
        .WithSetting("Security:OpenIdConnect:DisplayName", "Test provider")
        .WithSetting("Security:OpenIdConnect:RoleMapping:bv-executives", "Executive");
}
