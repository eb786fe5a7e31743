using System.Net;
using System.Text.Json;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;

namespace BusinessValue.Web.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Ready_DatabaseAnswers_IsHealthy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/ready");

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("checks")[0].GetProperty("name").GetString().Should().Be("database");
    }

    [Fact]
    public async Task Live_ProcessRuns_IsHealthyWithoutCheckingTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/live");

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("checks").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Ready_PostgresGoesDownAndComesBack_FollowsItWithoutARestart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();
        (await GetAsync(client, "/health/ready")).Status.Should().Be(HttpStatusCode.OK);

        await PostgresServer.SetAcceptingConnectionsAsync(database.ConnectionString, accepting: false);
        var (downStatus, downBody) = await GetAsync(client, "/health/ready");
        var liveWhileDown = await GetAsync(client, "/health/live");

        await PostgresServer.SetAcceptingConnectionsAsync(database.ConnectionString, accepting: true);
        var (backStatus, backBody) = await GetAsync(client, "/health/ready");

        downStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
        downBody.GetProperty("status").GetString().Should().Be("Unhealthy");
        downBody.GetProperty("checks")[0].GetProperty("description").GetString().Should().StartWith("PostgreSQL does not answer");
        liveWhileDown.Status.Should().Be(HttpStatusCode.OK, "the process itself is alive; only readiness depends on the database");
        backStatus.Should().Be(HttpStatusCode.OK);
        backBody.GetProperty("status").GetString().Should().Be("Healthy");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }
}
