using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>Issue 14, the smaller items: no Server header, a Secure antiforgery cookie over HTTPS, exports not cached, old periods answered.</summary>
public sealed class ResponseHeadersTests
{
    [Fact]
    public async Task Kestrel_AnyAnswer_HasNoServerHeader()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        var address = app.StartKestrel();
        using var http = new HttpClient { BaseAddress = address };

        using var response = await http.GetAsync(new Uri("/account/login", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Server.Should().BeEmpty();
    }

    [Fact]
    public async Task Answers_OverHttps_AntiforgeryCookieSecureExportNotStoredOldPeriodsAnswered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        await app.EnsureUserAsync(Roles.Viewer);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        using var person = await app.CreateSignedInClientAsync(Roles.Executive);

        using var login = await anonymous.GetAsync(new Uri("/account/login", UriKind.Relative));
        using var export = await person.GetAsync(new Uri("/scorecard/export.xlsx?period=2026-Q3", UriKind.Relative));

        login.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))
            .Should().ContainSingle().Which.Should().Contain("secure");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Headers.CacheControl!.NoStore.Should().BeTrue();
        foreach (var period in new[] { "1900-Q1", "FY1900", "1900-01", "1999-12..2000-02", "2100-Q1", "0000-Q1" })
        {
            // Outside 2000-01 to 2099-12 a period is no period: the page shows the default one, the export too.
            (await person.GetAsync(new Uri($"/?period={period}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, period);
            (await person.GetAsync(new Uri($"/scorecard/export.xlsx?period={period}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, period);
        }
    }
}
