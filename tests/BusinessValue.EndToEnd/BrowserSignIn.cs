using BusinessValue.Testing;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>Signs a browser context in through the real sign-in page; its later pages share the session cookie.</summary>
internal static class BrowserSignIn
{
    public static async Task SignInAsync(this IBrowserContext context, BusinessValueAppFactory app, Uri address, string role)
    {
        var userName = await app.EnsureUserAsync(role);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "account/login").ToString());
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(BusinessValueAppFactory.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        // Signed in once the answer leaves the sign-in page (its cookie is set then): waiting for the next page to load
        // as well only measured a cold app's first scorecard under load, and timed out on a busy 2-core machine.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal),
            new PageWaitForURLOptions { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        await page.CloseAsync();
    }
}
