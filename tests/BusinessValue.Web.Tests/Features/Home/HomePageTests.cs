using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;

namespace BusinessValue.Web.Tests.Features.Home;

public sealed class HomePageTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Get_FirstStart_PrerendersTheDemoOrganisationFromTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();

        var response = await client.GetAsync(new Uri("/organisation", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Northwind Components (demo)").And.Contain("Demo data");
        html.Should().MatchRegex("data-testid=\"system-count\"[^>]*>12<");
        html.Should().MatchRegex("data-testid=\"department-count\"[^>]*>4<");
        html.Should().MatchRegex($"data-testid=\"database-provider\"[^>]*>{(provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite")}<");
    }

    [Fact]
    public async Task Get_DemoSwitchedOff_ShowsTheConfiguredEmptyOrganisation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database)
            .WithSetting(FirstStartOptions.LoadDemoDataKey, "false")
            .WithSetting(FirstStartOptions.OrganisationNameKey, "Fabrikam Logistics");
        using var client = await app.CreateSignedInClientAsync();

        var html = await client.GetStringAsync(new Uri("/organisation", UriKind.Relative));

        html.Should().Contain("Fabrikam Logistics").And.NotContain("Demo data");
        html.Should().MatchRegex("data-testid=\"system-count\"[^>]*>0<");
        html.Should().Contain("No systems recorded yet.");
    }
}
