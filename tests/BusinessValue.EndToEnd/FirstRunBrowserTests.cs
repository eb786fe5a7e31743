using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>After the demo is removed, the empty scorecard says what to enter first, and ticks each step as its data arrives.</summary>
[Collection(SharedBrowser.Name)]
public sealed class FirstRunBrowserTests(BrowserFixture browser) : AppInBrowserTest(browser)
{
    private static async Task WaitForCircuitAsync(IPage page) =>
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

    [Fact]
    public async Task Administrator_RemovesTheDemo_TheScorecardListsTheStepsAndTicksCurrencyAndDepartmentsOnceEntered()
    {
        var page = await SignedInPageAsync(Roles.Administrator);
        await page.GotoAsync(new Uri(Address, "organisation").ToString());
        await WaitForCircuitAsync(page);
        await page.GetByTestId("remove-demo").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("This cannot be undone.");
        await dialog.Locator("button", new() { HasText = "Remove demo data" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });

        await page.GotoAsync(Address.ToString());
        await WaitForCircuitAsync(page);
        var steps = page.GetByTestId("first-run-step");
        await Assertions.Expect(steps).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-testid=first-run-step][data-done=true]")).ToHaveCountAsync(0);
        await Assertions.Expect(steps.Nth(3).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/systems/new");
        await Assertions.Expect(page.GetByTestId("first-run").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "import a spreadsheet" })).ToHaveAttributeAsync("href", "/import");
        await Screenshots.SaveAsync(page, "first-run-empty-scorecard");

        await steps.Nth(0).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/settings/organisation", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
        await page.Locator("input#organisation-name").FillAsync("Fabrikam Logistics");
        await page.Locator("input#organisation-currency").FillAsync("EUR");
        await page.GetByTestId("save-organisation").ClickAsync();
        await Assertions.Expect(page.GetByText("Organisation saved.")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(Address, "departments/manage").ToString());
        await WaitForCircuitAsync(page);
        await page.GetByTestId("add-department").ClickAsync();
        await page.Locator("input#department-name").FillAsync("Warehouse");
        await page.Locator("input#department-headcount").FillAsync("-2");
        await page.Locator("input#department-headcount").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("department-form")).ToContainTextAsync("must be between 0 and 1000000 (it is -2)");
        await Screenshots.SaveAsync(page, "first-run-department-validation");
        await page.Locator("input#department-headcount").FillAsync("35");
        await page.Locator("input#department-rate").FillAsync("38");
        await page.GetByTestId("save-department").ClickAsync();
        await Assertions.Expect(page.GetByTestId("department-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("department-row")).ToContainTextAsync("38 EUR");

        await page.GotoAsync(Address.ToString());
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=first-run-step][data-done=true]")).ToHaveCountAsync(2);
        await Assertions.Expect(steps.Nth(0)).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(steps.Nth(1)).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(steps.Nth(2)).ToHaveAttributeAsync("data-done", "false");
        await Assertions.Expect(page.GetByTestId("scorecard-period")).ToContainTextAsync("Fabrikam Logistics");
        await Screenshots.SaveAsync(page, "first-run-two-steps-done");

        await using var db = Database.CreateContext();
        (await db.Organisation.SingleAsync()).Currency.Code.Should().Be("EUR");
    }
}
