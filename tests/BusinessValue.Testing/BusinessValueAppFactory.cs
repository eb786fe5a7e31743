using System.Net;
using System.Text.RegularExpressions;
using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Testing;

/// <summary>
/// The real app on a test database. <see cref="StartKestrel"/> serves it on a real socket on 127.0.0.1 for
/// browser tests; otherwise it runs in memory for HTTP tests.
/// </summary>
public sealed class BusinessValueAppFactory(TestDatabase database, string environment = "Production") : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(database.AppSettings);
    private readonly List<Action<IServiceCollection>> _services = [];

    public BusinessValueAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public BusinessValueAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>A password that passes the app's rules (12+ characters, not a common one).</summary>
    public const string Password = "quarterly-review-lantern-42";

    /// <summary>Creates (once) a test account with this role; its user name is the role's, e.g. "it-director@test.local".</summary>
    public async Task<string> EnsureUserAsync(string role)
    {
        var userName = UserNameFor(role);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is null)
        {
            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = userName, DisplayName = $"Test {role}", CreatedAtUtc = DateTime.UtcNow };
            Succeeded(await users.CreateAsync(user, Password));
            Succeeded(await users.AddToRoleAsync(user, role));
        }

        return userName;
    }

    public static string UserNameFor(string role) => role.ToLowerInvariant().Replace(' ', '-') + "@test.local";

    /// <summary>
    /// A client signed in through the real sign-in form (antiforgery token, password check, cookie), over
    /// https so the Secure session cookie is sent back. Redirects are not followed, so tests see them.
    /// </summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string role = Roles.Viewer, Uri? baseAddress = null)
    {
        var userName = await EnsureUserAsync(role);
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = baseAddress ?? new Uri("https://localhost/"), AllowAutoRedirect = false });
        var response = await SignInAsync(client, userName, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Posts the sign-in form as a browser would; returns the answer (302 on success).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = FormToken(await client.GetStringAsync("/account/login"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/account/login", content);
    }

    /// <summary>The antiforgery token a page's form carries, as a browser would send it back.</summary>
    public static string FormToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Starts Kestrel on a free loopback port and returns the app's address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Outside Development the framework maps static web assets only from published output; the tests
        // run the build output, so map them from the build's manifest as Development does.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }
}
