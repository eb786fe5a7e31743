using System.Net;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BusinessValue.Web.Tests.Security;

public sealed class AccountTests
{
    private static readonly Uri Scorecard = new("/?period=2026-Q3", UriKind.Relative);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenAgainstTheRightOne(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var userName = await app.EnsureUserAsync(Roles.Viewer);
        using var client = AnonymousClient(app);

        for (var attempt = 1; attempt < AccountPolicy.FailuresBeforeLockout; attempt++)
        {
            using var failed = await BusinessValueAppFactory.SignInAsync(client, userName, "not-the-right-password");
            failed.StatusCode.Should().Be(HttpStatusCode.OK);
            (await failed.Content.ReadAsStringAsync()).Should().Contain("Sign-in failed");
        }

        using var fifth = await BusinessValueAppFactory.SignInAsync(client, userName, "not-the-right-password");
        (await fifth.Content.ReadAsStringAsync()).Should().Contain("Sign-in failed");

        using var locked = await BusinessValueAppFactory.SignInAsync(client, userName, BusinessValueAppFactory.Password);

        locked.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account is not signed in");
        (await locked.Content.ReadAsStringAsync()).Should().Contain("Sign-in failed").And.Contain("locked for 15 minutes after 5 failed attempts",
            "the same words as for an unknown name, which say what to do if it is a lockout");
        using var unknown = await BusinessValueAppFactory.SignInAsync(client, "nobody@test.local", BusinessValueAppFactory.Password);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("locked for 15 minutes after 5 failed attempts");
        (await client.GetAsync(Scorecard)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = database.CreateContext();
        (await db.AuditTrail.CountAsync(e => e.Action == AuditAction.SignInFailed && e.Actor == userName)).Should().Be(4);
        (await db.AuditTrail.CountAsync(e => e.Action == AuditAction.SignInFailed && e.Actor == "nobody@test.local")).Should().Be(1);
        (await db.AuditTrail.CountAsync(e => e.Action == AuditAction.LockedOut && e.Actor == userName)).Should().Be(2, "the fifth failure locks, the sixth attempt finds it locked");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Setup_NoAccountYet_CreatesTheFirstAdministratorThenCloses(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var client = AnonymousClient(app);

        using var toSetup = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        toSetup.Headers.Location!.AbsolutePath.Should().Be("/setup");

        using var common = await SetupAsync(client, "password1234");
        (await common.Content.ReadAsStringAsync()).Should().Contain("commonly used");
        using var created = await SetupAsync(client, "basalt otter lantern quarterly");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        created.Headers.Location!.AbsolutePath.Should().Be("/admin/users");

        (await client.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "the new administrator is signed in");
        (await client.GetAsync(new Uri("/setup", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var again = await SetupAsync(AnonymousClient(app), "another long passphrase here");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound, "a second administrator cannot be made this way");
        await using var db = database.CreateContext();
        (await db.Users.CountAsync()).Should().Be(1);
        (await db.AuditTrail.SingleAsync(e => e.Action == AuditAction.UserCreated)).Actor.Should().Be("ada@example.com");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Session_IdleLongerThanTheIdleTimeout_SendsTheReaderToSignIn(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        using var client = await app.CreateSignedInClientAsync();

        clock.Advance(TimeSpan.FromMinutes(29));
        (await client.GetAsync(Scorecard)).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync(Scorecard);

        idle.StatusCode.Should().Be(HttpStatusCode.Redirect);
        idle.Headers.Location!.OriginalString.Should().Contain("/account/login");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Session_ActiveBeyondTheAbsoluteTimeout_SendsTheReaderToSignIn(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        using var client = await app.CreateSignedInClientAsync();

        // A request every 20 minutes keeps the session from idling out, for 7 hours 40 minutes.
        for (var step = 0; step < 23; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            (await client.GetAsync(Scorecard)).StatusCode.Should().Be(HttpStatusCode.OK, $"after {(step + 1) * 20} minutes of activity");
        }

        clock.Advance(TimeSpan.FromMinutes(25));
        using var expired = await client.GetAsync(Scorecard);

        expired.StatusCode.Should().Be(HttpStatusCode.Redirect, "8 hours after sign-in the session ends, however active");
        expired.Headers.Location!.OriginalString.Should().Contain("/account/login");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ChangeRoleOrDisable_OpenSession_EndsAtItsNextCheck(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        using var viewer = await app.CreateSignedInClientAsync(Roles.Viewer);
        using var executive = await app.CreateSignedInClientAsync(Roles.Executive);
        using var scope = app.Services.CreateScope().As(Roles.Administrator, "ada@example.com");
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var users = await administration.ListAsync();

        (await administration.ChangeRoleAsync(users.Single(u => u.Role == Roles.Viewer).Id, Roles.ItDirector)).Should().BeEmpty();
        (await administration.SetDisabledAsync(users.Single(u => u.Role == Roles.Executive).Id, disabled: true)).Should().BeEmpty();
        clock.Advance(TimeSpan.FromMinutes(2));

        (await viewer.GetAsync(Scorecard)).Headers.Location!.OriginalString.Should().Contain("/account/login");
        (await executive.GetAsync(Scorecard)).Headers.Location!.OriginalString.Should().Contain("/account/login");
        using var disabled = await BusinessValueAppFactory.SignInAsync(AnonymousClient(app), BusinessValueAppFactory.UserNameFor(Roles.Executive), BusinessValueAppFactory.Password);
        (await disabled.Content.ReadAsStringAsync()).Should().Contain("Sign-in failed");
        await using var db = database.CreateContext();
        (await db.AuditTrail.SingleAsync(e => e.Action == AuditAction.RolesChanged)).Summary.Should().Contain("from Viewer to IT director");
    }

    private static HttpClient AnonymousClient(BusinessValueAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> SetupAsync(HttpClient client, string password)
    {
        var form = await client.GetAsync(new Uri("/setup", UriKind.Relative));
        if (form.StatusCode != HttpStatusCode.OK)
        {
            return form;
        }

        var token = BusinessValueAppFactory.FormToken(await form.Content.ReadAsStringAsync());
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = token,
            ["Input.DisplayName"] = "Ada Lovelace",
            ["Input.UserName"] = "ada@example.com",
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
        });
        return await client.PostAsync(new Uri("/setup", UriKind.Relative), content);
    }
}
