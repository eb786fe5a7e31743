using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;

namespace BusinessValue.Web.Tests.Hosting;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/organisation")]
    [InlineData("/settings/assumptions")]
    [InlineData("/scorecard/export.xlsx?period=2026-Q3")]
    [InlineData("/health/live")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(Roles.Administrator, new Uri("https://scorecard.example.com/"));

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect, "the page itself is checked, not the way to sign-in");
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self';").And.Contain("object-src 'none'");
        csp.Should().NotContain("unsafe-eval").And.NotContain("script-src 'self' 'unsafe-inline'");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=");
    }

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/departments", HttpStatusCode.Redirect)]
    public async Task Head_Page_AnswersLikeGetWithTheHeadersAndNoBody(string path, HttpStatusCode expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        // Real Kestrel: it is the server that leaves the body out of a HEAD response.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.StartKestrel() };
        await app.EnsureUserAsync(Roles.Viewer);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));

        // Signed out, a page sends its reader to sign-in (302); either way the headers are there.
        response.StatusCode.Should().Be(expected, "curl -I and uptime probes ask with HEAD");
        response.Headers.Contains("Content-Security-Policy").Should().BeTrue();
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Get_InDevelopment_SendsNoStrictTransportSecurity()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database, "Development");
        using var client = await app.CreateSignedInClientAsync(Roles.Viewer, new Uri("https://scorecard.example.com/"));

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("a developer's browser must not pin HTTPS for their machine");
        response.Headers.Contains("Content-Security-Policy").Should().BeTrue();
    }
}
