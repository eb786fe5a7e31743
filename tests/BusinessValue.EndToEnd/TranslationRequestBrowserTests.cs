using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>An IT director writes a translation request in a real browser, on the demo.</summary>
[Collection(SharedBrowser.Name)]
public sealed class TranslationRequestBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    [Fact]
    public async Task ItDirector_MarksARequestReadyOnlyOnceItIsTranslated_ItIsListedNeedBesideTranslation()
    {
        var page = await SignedInPageAsync(Roles.ItDirector, 1400, 900);
        await page.GotoAsync(At("translation-requests"));
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("no-translation-requests")).ToBeVisibleAsync();

        await page.GetByTestId("new-translation-request").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input#request-title").FillAsync("Upgrade the order database");
        await dialog.Locator("textarea#request-technical-need").FillAsync("Upgrade the database infrastructure behind ERP and the storefront.");
        await dialog.Locator("input#request-impact").FillAsync("480000");
        await dialog.GetByLabel("Linked systems").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "ERP", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "E-commerce Storefront" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await dialog.GetByLabel("Status").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Ready for decision" }).ClickAsync();
        // The status list closed before saving (on a loaded machine the save's click could land on it).
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Ready for decision" })).ToHaveCountAsync(0);
        await dialog.GetByTestId("request-save").ClickAsync();

        await Assertions.Expect(dialog).ToContainTextAsync("Is required before the request is ready");
        await Screenshots.SaveAsync(page, "translation-request-ready-needs-translation");

        await dialog.Locator("textarea#request-business-translation").FillAsync(
            "The new product line launching next quarter needs 3× the customer volume; without the upgrade, peak-hour orders slow down.");
        await dialog.GetByTestId("request-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var row = page.GetByTestId("translation-request-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("request-translation")).ToContainTextAsync("peak-hour orders slow down");
        await Assertions.Expect(row.GetByTestId("request-status")).ToHaveTextAsync("Ready for decision");
        await Assertions.Expect(row.GetByTestId("request-impact")).ToHaveTextAsync("480,000 USD");
        await Screenshots.SaveAsync(page, "translation-requests");

        await using var db = Database.CreateContext();
        var stored = await db.TranslationRequests.Include(r => r.Systems).SingleAsync();
        stored.Status.Should().Be(TranslationRequestStatus.Ready);
        stored.Systems.Should().HaveCount(2);
    }
}
