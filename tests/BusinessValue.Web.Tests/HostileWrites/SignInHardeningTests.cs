using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>Issue 14: the sign-in page with a return address in any script, and no timing hint about which names exist.</summary>
public sealed class SignInHardeningTests
{
    [Fact]
    public async Task SignIn_NonAsciiReturnAddress_RedirectsThereEncodedInsteadOfFailing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        var userName = await app.EnsureUserAsync(Roles.Viewer);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        var address = "/account/login?returnUrl=" + Uri.EscapeDataString("/systems?q=Büro €");

        var token = BusinessValueAppFactory.FormToken(await client.GetStringAsync(new Uri(address, UriKind.Relative)));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = BusinessValueAppFactory.Password,
        });
        using var signedIn = await client.PostAsync(new Uri(address, UriKind.Relative), form);
        using var again = await client.GetAsync(new Uri(address, UriKind.Relative));

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.Should().EndWith("/systems?q=B%C3%BCro%20%E2%82%AC");
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "someone signed in is sent straight on");
        again.Headers.Location!.OriginalString.Should().EndWith("/systems?q=B%C3%BCro%20%E2%82%AC");
    }

    [Fact]
    public async Task SignIn_UnknownUserName_VerifiesOnePasswordHashAsAWrongPasswordDoes()
    {
        var hasher = new CountingHasher();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        var userName = await app.EnsureUserAsync(Roles.Viewer);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

        hasher.Verified = 0;
        using var unknown = await BusinessValueAppFactory.SignInAsync(client, "nobody-here@test.local", "a-wrong-password-2026");
        var forUnknown = hasher.Verified;
        hasher.Verified = 0;
        using var wrong = await BusinessValueAppFactory.SignInAsync(client, userName, "a-wrong-password-2026");
        var forWrongPassword = hasher.Verified;

        unknown.StatusCode.Should().Be(HttpStatusCode.OK);
        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        forWrongPassword.Should().Be(1);
        forUnknown.Should().Be(forWrongPassword);
    }

    [Fact]
    public async Task SignIn_UnknownUserName_TakesAsLongAsAWrongPassword()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // Lockout off for this measurement only: a locked account is refused before its hash is checked.
        await using var app = new BusinessValueAppFactory(database).WithServices(services => services.PostConfigure<IdentityOptions>(o => o.Lockout.MaxFailedAccessAttempts = 1000));
        var userName = await app.EnsureUserAsync(Roles.Viewer);
        var hashing = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        hashing.IterationCount.Should().BeGreaterThanOrEqualTo(100_000, "the comparison needs the real hash cost (the tests do not lower it)");
        app.Services.GetRequiredService<IPasswordHasher<AppUser>>().Should().BeOfType<PasswordHasher<AppUser>>();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        var token = BusinessValueAppFactory.FormToken(await client.GetStringAsync(new Uri("/account/login", UriKind.Relative)));

        async Task<double> TimeAsync(string name)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = name,
                ["Input.Password"] = "a-wrong-password-2026",
            });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var answer = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
            watch.Stop();
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            return watch.Elapsed.TotalMilliseconds;
        }

        await TimeAsync("nobody@test.local");
        await TimeAsync(userName);
        var unknown = new List<double>();
        var wrong = new List<double>();
        // Interleaved, so a slow moment of a busy machine falls on both.
        for (var i = 0; i < 20; i++)
        {
            unknown.Add(await TimeAsync($"nobody-{i}@test.local"));
            wrong.Add(await TimeAsync(userName));
        }

        var ratio = Median(unknown) / Median(wrong);

        // Generous against noise, yet a path that skipped the hash (~100 times faster) fails it.
        ratio.Should().BeInRange(0.5, 2, $"medians: unknown name {Median(unknown):0.0} ms, wrong password {Median(wrong):0.0} ms");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();

        public int Verified { get; set; }

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
