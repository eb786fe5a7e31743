using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>Processes, their dependencies on systems and the workarounds register in a real browser, on the demo.</summary>
[Collection(SharedBrowser.Name)]
public sealed class BusinessDataBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    private IPage? _page;

    private async Task<IPage> OpenAsync(string path)
    {
        // One administrator's browser for the whole test, as a person moving between pages.
        _page ??= await SignedInPageAsync(Roles.Administrator, 1400, 900);
        var page = _page;
        await page.GotoAsync(new Uri(Address, path).ToString());
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    [Fact]
    public async Task Administrator_ChangesTheShareOfOrderToCashThatStopsWithoutErp_ItIsSavedAsAShare()
    {
        var page = await OpenAsync("departments/manage");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Edit Order to cash" }).ClickAsync();
        var editor = page.GetByTestId("dependency-editor");
        await Assertions.Expect(editor).ToContainTextAsync("Systems this process depends on");
        var share = editor.GetByLabel("Revenue share of ERP, percent");
        await Assertions.Expect(share).ToHaveValueAsync("90");

        await share.FillAsync("55");
        await share.PressAsync("Tab");
        await editor.GetByTestId("dependency-row").Filter(new LocatorFilterOptions { HasText = "ERP" }).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save share" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Revenue share saved.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "process-dependencies");

        await using var db = Database.CreateContext();
        var saved = await db.Dependencies.Join(db.Processes.Where(p => p.Name == "Order to cash"), d => d.ProcessId, p => p.Id, (d, _) => d)
            .Join(db.Systems.Where(s => s.Name == "ERP"), d => d.SystemId, s => s.Id, (d, _) => d).SingleAsync();
        saved.RevenueShare.Should().Be(0.55m);
    }

    [Fact]
    public async Task Administrator_TypesANewWorkaround_ItsAnnualCostFollowsAndItIsListedUnderItsDepartment()
    {
        var page = await OpenAsync("workarounds");
        await Assertions.Expect(page.GetByTestId("workaround-group").First).ToBeVisibleAsync();
        await page.GetByTestId("add-workaround").ClickAsync();
        await page.Locator("input#workaround-description").FillAsync("Delivery notes typed into the ERP by hand");
        await page.Locator("input#workaround-people").FillAsync("4");
        await page.Locator("input#workaround-hours").FillAsync("2");
        await page.Locator("input#workaround-hours").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("workaround-annual-cost")).ToContainTextAsync("USD per year");
        await Screenshots.SaveAsync(page, "workarounds-new");

        await page.GetByTestId("save-workaround").ClickAsync();
        await Assertions.Expect(page.GetByText("Workaround saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("workaround-row").Filter(new LocatorFilterOptions { HasText = "Delivery notes typed into the ERP by hand" })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "workarounds-register");
    }
}
