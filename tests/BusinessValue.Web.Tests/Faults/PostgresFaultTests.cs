using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace BusinessValue.Web.Tests.Faults;

/// <summary>
/// The fault campaign on PostgreSQL (issue 13): a cluster of the test's own on 127.0.0.1 is SIGKILLed or restarted
/// under the same running app, which must answer clearly meanwhile and recover without a restart.
/// </summary>
public sealed class PostgresFaultTests(ITestOutputHelper output)
{
    private const int Systems = 1_000;
    private const int Months = 100;
    private static readonly YearMonth Stored = new(2026, 9);

    [Fact]
    public async Task ImportApi_PostgresKilledWhileA100000RowImportIsCopying_NothingWrittenClearErrorAndTheRetrySucceeds()
    {
        await using var cluster = PostgresCluster.Create();
        await using var database = TestDatabase.At(DatabaseProvider.Postgres, await cluster.CreateDatabaseAsync("bv_fault_import"));
        await SeedAsync(database);
        await using var app = new BusinessValueAppFactory(database).WithSetting("Import:MaxFileBytes", (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
        using var client = await KeyClientAsync(app, ApiScopes.InventoryWrite);
        var csv = Csv(await SystemNamesAsync(database));
        var (versionBefore, rowsBefore) = await StateAsync(database);

        var clock = Stopwatch.StartNew();
        var import = client.PostAsync(new Uri("/api/v1/imports/metrics?fileName=metrics.csv", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        var copied = await WaitForCopiedRowsAsync(cluster, import, atLeast: 2_000);
        cluster.Kill();
        output.WriteLine($"killed after {clock.ElapsedMilliseconds} ms with {copied:N0} rows copied in the open transaction");
        using var failed = await import;
        var failedBody = await failed.Content.ReadAsStringAsync();
        cluster.Start();
        var (versionAfterKill, rowsAfterKill) = await StateAsync(database);

        var retryClock = Stopwatch.StartNew();
        using var retry = await client.PostAsync(new Uri("/api/v1/imports/metrics?fileName=metrics.csv", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        var retryBody = await retry.Content.ReadAsStringAsync();
        output.WriteLine($"answer while killed: {(int)failed.StatusCode} {failedBody}; retry {(int)retry.StatusCode} in {retryClock.ElapsedMilliseconds} ms");

        failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        failed.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        failedBody.Should().Contain("The database does not answer").And.Contain("Nothing was changed");
        AssertNoStackTrace(failedBody);
        (versionAfterKill, rowsAfterKill).Should().Be((versionBefore, rowsBefore), "the killed import's transaction never committed");
        retry.StatusCode.Should().Be(HttpStatusCode.OK, retryBody);
        using var result = JsonDocument.Parse(retryBody);
        (result.RootElement.GetProperty("rows").GetInt32(), result.RootElement.GetProperty("new").GetInt32()).Should().Be((100_000, 100_000));
        var (versionAfterRetry, rowsAfterRetry) = await StateAsync(database);
        rowsAfterRetry.Should().Be(rowsBefore + 100_000);
        versionAfterRetry.Should().BeGreaterThan(versionBefore);
    }

    [Fact]
    public async Task PagesApiAndReadiness_PostgresRestartedWhileUsersBrowse_503WithAReasonNever500AndBackWithoutARestart()
    {
        await using var cluster = PostgresCluster.Create();
        await using var database = TestDatabase.At(DatabaseProvider.Postgres, await cluster.CreateDatabaseAsync("bv_fault_browse"));
        await using var app = new BusinessValueAppFactory(database);
        using var browser = await app.CreateSignedInClientAsync(Roles.Administrator);
        using var api = await KeyClientAsync(app, ApiScopes.ScorecardRead);
        string[] pages = ["/", "/systems"];
        const string ApiAddress = "/api/v1/scorecard";
        foreach (var page in pages)
        {
            (await GetAsync(browser, page)).Status.Should().Be(HttpStatusCode.OK, page);
        }

        cluster.Stop();
        var down = new List<(string Address, HttpStatusCode Status, string Body)>();
        foreach (var page in pages)
        {
            var (status, body) = await GetAsync(browser, page);
            down.Add((page, status, body));
        }

        var (apiStatus, apiBody) = await GetAsync(api, ApiAddress);
        var (readyDown, _) = await GetAsync(browser, "/health/ready");
        cluster.Start();
        var (readyBack, _) = await GetAsync(browser, "/health/ready");
        var back = new List<HttpStatusCode>();
        foreach (var page in pages)
        {
            back.Add((await GetAsync(browser, page)).Status);
        }

        var (apiBack, _) = await GetAsync(api, ApiAddress);
        foreach (var (address, status, body) in down)
        {
            output.WriteLine($"{address} while down: {(int)status}");
            status.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], address);
            AssertNoStackTrace(body);
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                body.Should().Contain("The database does not answer", address);
            }
        }

        output.WriteLine($"{ApiAddress} while down: {(int)apiStatus} {apiBody}");
        apiStatus.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        AssertNoStackTrace(apiBody);
        readyDown.Should().Be(HttpStatusCode.ServiceUnavailable);
        readyBack.Should().Be(HttpStatusCode.OK);
        back.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        apiBack.Should().Be(HttpStatusCode.OK);
    }

    private static void AssertNoStackTrace(string body)
    {
        body.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("Npgsql");
    }

    /// <summary>Polls the cluster until the import's COPY has sent this many rows (pg_stat_progress_copy); fails if the import ended first.</summary>
    private static async Task<long> WaitForCopiedRowsAsync(PostgresCluster cluster, Task import, long atLeast)
    {
        await using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy", connection);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            import.IsCompleted.Should().BeFalse("the import must still be copying when PostgreSQL is killed");
            var copied = (long)(await command.ExecuteScalarAsync())!;
            if (copied >= atLeast)
            {
                return copied;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("The import's COPY did not start within 60 s.");
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        // The systems, with one month of metrics the file does not touch.
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(Systems, 1, seed: 13, Stored));
    }

    private static async Task<List<string>> SystemNamesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Systems.Select(s => s.Name).OrderBy(n => n).ToListAsync();
    }

    private static string Csv(List<string> systems)
    {
        var csv = new StringBuilder("System,Month,Uptime %,downtimeMinutes,Active users\n");
        var first = new YearMonth(2016, 1);
        for (var m = 0; m < Months; m++)
        {
            var month = first.AddMonths(m).ToString();
            foreach (var system in systems)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{system},{month},99.{m % 10},{m % 60},{100 + m}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>The version stamp and the number of monthly-metric rows, read over a pool of the test's own (not the app's).</summary>
    private static async Task<(long Version, int Rows)> StateAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "fault-test-check", Pooling = false }.ConnectionString;
        await using var db = (database.Options with { ConnectionString = connection }).CreateContext();
        return (await PortfolioStore.VersionAsync(db), await db.Metrics.CountAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string address)
    {
        using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpClient> KeyClientAsync(BusinessValueAppFactory app, string scope)
    {
        using var admin = app.Services.CreateScope().As(Roles.Administrator);
        var (secret, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync($"fault test {Guid.NewGuid():N}", [scope]);
        problems.Should().BeEmpty();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
