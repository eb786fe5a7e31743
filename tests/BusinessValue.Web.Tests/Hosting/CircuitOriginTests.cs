using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;

namespace BusinessValue.Web.Tests.Hosting;

public sealed class CircuitOriginTests
{
    [Fact]
    public async Task Negotiate_FromAnotherSite_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("Origin", "https://evil.example.com");
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Negotiate_FromTheAppsOwnPages_IsAccepted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("connectionToken");
    }

    [Fact]
    public async Task Negotiate_FromAnOriginTheOperatorAllowed_IsAccepted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithSetting("Security:AllowedOrigins", "https://scorecard.example.com, https://bv.example.com");
        using var client = await app.CreateSignedInClientAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("Origin", "https://bv.example.com");
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
