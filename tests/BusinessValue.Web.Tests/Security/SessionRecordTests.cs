using System.Net;
using System.Security.Claims;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BusinessValue.Web.Tests.Security;

/// <summary>Issue 13: server-side session records, so a copied cookie stops working at once, on every node.</summary>
public sealed class SessionRecordTests
{
    private static readonly Uri Scorecard = new("/?period=2026-Q3", UriKind.Relative);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SignOut_CopiedCookie_IsRefusedAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var (browser, cookie) = await SignInAsync(app, Roles.Viewer);
        using var copy = CookieClient(app, cookie);
        (await copy.GetAsync(Scorecard)).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session is open");

        await SignOutAsync(browser);
        using var refused = await copy.GetAsync(Scorecard);

        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/account/login");
        await using var db = database.CreateContext();
        (await db.UserSessions.SingleAsync()).EndReason.Should().Be(SessionEndReason.SignedOut);
        (await db.AuditTrail.SingleAsync(e => e.Action == AuditAction.SessionRefused)).Actor.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.Viewer));
        browser.Dispose();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DisableAccount_OpenSession_NextRequestIsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var executive = await app.CreateSignedInClientAsync(Roles.Executive);
        (await executive.GetAsync(Scorecard)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var scope = app.Services.CreateScope().As(Roles.Administrator, "ada@example.com");
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var id = (await administration.ListAsync()).Single(u => u.Role == Roles.Executive).Id;

        (await administration.SetDisabledAsync(id, disabled: true)).Should().BeEmpty();
        using var refused = await executive.GetAsync(Scorecard);

        refused.Headers.Location!.OriginalString.Should().Contain("/account/login", "no revalidation interval to wait for");
        await using var db = database.CreateContext();
        var session = await db.UserSessions.SingleAsync(s => s.UserId == id);
        session.EndReason.Should().Be(SessionEndReason.AccountChanged);
        session.EndedAtUtc.Should().NotBeNull();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SignOutOnNodeA_SameCookieOnNodeB_IsRefusedAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var nodeA = new BusinessValueAppFactory(database);
        await using var nodeB = new BusinessValueAppFactory(database);
        var (browser, cookie) = await SignInAsync(nodeA, Roles.Viewer);
        using var onB = CookieClient(nodeB, cookie);
        (await onB.GetAsync(Scorecard)).StatusCode.Should().Be(HttpStatusCode.OK, "the nodes share data-protection keys and session records");

        await SignOutAsync(browser);
        using var refused = await onB.GetAsync(Scorecard);

        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/account/login");
        browser.Dispose();
    }

    [Fact]
    public async Task Cookie_IssuedWithoutASessionRecord_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        var userName = await app.EnsureUserAsync(Roles.Viewer);
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        // A cookie as the app wrote it before session records: valid signature, stamp and sign-in time, no session claim.
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync(userName))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Sessions.SignedInAtClaim, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var cookieOptions = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = cookieOptions.TicketDataFormat.Protect(new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme));
        using var old = CookieClient(app, $"bv.session={ticket}");

        using var refused = await old.GetAsync(Scorecard);

        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/account/login");
    }

    /// <summary>Signs in through the form; returns the signed-in client and its session cookie as a header value, to copy.</summary>
    private static async Task<(HttpClient Client, string Cookie)> SignInAsync(BusinessValueAppFactory app, string role)
    {
        var userName = await app.EnsureUserAsync(role);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        using var signedIn = await BusinessValueAppFactory.SignInAsync(client, userName, BusinessValueAppFactory.Password);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("bv.session", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        cookie.Should().NotBeEmpty();
        return (client, cookie);
    }

    /// <summary>Another machine presenting a copied cookie: no cookie jar of its own, the header set by hand.</summary>
    private static HttpClient CookieClient(BusinessValueAppFactory app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task SignOutAsync(HttpClient browser)
    {
        var token = BusinessValueAppFactory.FormToken(await browser.GetStringAsync(Scorecard));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var signedOut = await browser.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.OriginalString.Should().Contain("signed-out=true");
    }
}
