using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>Roles in the browser: what an executive cannot reach, and an IT director's edit in the audit trail.</summary>
[Collection(SharedBrowser.Name)]
public sealed class SecurityBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BusinessValueAppFactory _app = null!;
    private IBrowserContext? _context;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // Open pages check their account every 3 seconds here (a minute by default), so the test need not wait.
        _app = new BusinessValueAppFactory(_database).WithSetting("Security:Sessions:RevalidationMinutes", "0.05");
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
    public async Task Executive_TypesTheAddressOfAnEditPage_IsRefusedButReadsTheScorecard()
    {
        var system = await SystemAsync("CRM");
        var page = await SignedInPageAsync(Roles.Executive);

        await page.GotoAsync(new Uri(_address, $"systems/{system}/edit").ToString());

        page.Url.Should().Contain("/account/access-denied");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "executive-edit-refused");

        await page.GotoAsync(new Uri(_address, "?period=2026-Q3").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("scorecard-period")).ToContainTextAsync("2026-Q3");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(BusinessValueAppFactory.UserNameFor(Roles.Executive));
        // The navigation offers only what the role opens; the server refused the edit page above regardless.
        await Assertions.Expect(page.GetByTestId("nav-assumptions")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-audit")).ToBeVisibleAsync();

        // Navigating inside the live page is refused too, without a round trip to the server's redirect.
        await page.EvaluateAsync("() => Blazor.navigateTo('/settings/assumptions')");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ItDirector_EditsASystem_TheAuditTrailShowsTheFieldsOldAndNewValue()
    {
        var system = await SystemAsync("CRM");
        string oldVendor;
        await using (var db = _database.CreateContext())
        {
            oldVendor = (await db.Systems.SingleAsync(s => s.Id == system)).Vendor ?? "—";
        }

        var page = await SignedInPageAsync(Roles.ItDirector);
        await page.GotoAsync(new Uri(_address, $"systems/{system}").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.GetByTestId("edit-system").ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("save-system")).ToBeEnabledAsync();
        await page.Locator("input#system-vendor").FillAsync("Contoso Cloud");
        await page.Locator("input#system-vendor").BlurAsync();
        await page.GetByTestId("save-system").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=true", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("system-name")).ToHaveTextAsync("CRM");

        await page.GetByTestId("system-history").ClickAsync();
        var change = page.GetByTestId("audit-change").Filter(new LocatorFilterOptions { HasText = "Vendor" }).First;
        await Assertions.Expect(change).ToHaveTextAsync($"Vendor: {oldVendor} → Contoso Cloud");
        await Assertions.Expect(page.GetByTestId("audit-row").First).ToContainTextAsync(BusinessValueAppFactory.UserNameFor(Roles.ItDirector));
        await Screenshots.SaveAsync(page, "audit-after-edit");
    }

    [Fact]
    public async Task OpenPage_AccountDisabledMeanwhile_GoesToSignInWithoutAReload()
    {
        var page = await SignedInPageAsync(Roles.Executive);
        await page.GotoAsync(new Uri(_address, "?period=2026-Q3").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        using (var scope = _app.Services.CreateScope().As(Roles.Administrator, "ada@example.com"))
        {
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var executive = (await administration.ListAsync()).Single(u => u.Role == Roles.Executive);
            (await administration.SetDisabledAsync(executive.Id, disabled: true)).Should().BeEmpty();
        }

        // The open circuit notices at its next check and sends the reader to sign-in; nothing was clicked.
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Administrator_ChangesARoleOnTheUsersPage_TheAccountHasItAndTheTrailSaysSo()
    {
        await _app.EnsureUserAsync(Roles.Viewer);
        var page = await SignedInPageAsync(Roles.Administrator);
        await page.GotoAsync(new Uri(_address, "admin/users").ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var viewer = page.Locator($"[data-user='{BusinessValueAppFactory.UserNameFor(Roles.Viewer)}']");

        await viewer.GetByTestId("user-role").SelectOptionAsync(Roles.BusinessOwner);

        await Assertions.Expect(page.GetByTestId("users-done")).ToContainTextAsync("is now Business owner");
        await Assertions.Expect(viewer.GetByTestId("user-departments")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "users-and-roles");
        await using var db = _database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == BusinessValueAppFactory.UserNameFor(Roles.Viewer));
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync();
        role.Should().Be(Roles.BusinessOwner);
    }

    private async Task<Guid> SystemAsync(string name)
    {
        await using var db = _database.CreateContext();
        return await db.Systems.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    private async Task<IPage> SignedInPageAsync(string role)
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light });
        await _context.SignInAsync(_app, _address, role);
        return await _context.NewPageAsync();
    }
}
