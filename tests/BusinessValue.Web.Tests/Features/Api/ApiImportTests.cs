using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Api;

public sealed class ApiImportTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PostImport_DryRunThenImportWithTheWriteScope_CountsThenWritesAndOtherScopesAreRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        _ = app.Services;
        using var writer = await KeyClientAsync(app, ApiScopes.InventoryWrite, "CMDB sync");
        using var reader = await KeyClientAsync(app, ApiScopes.InventoryRead);
        const string Csv = "CI Name,Class,Manufacturer\nAPI System,ERP,Acme\nCRM,CRM,Contoso\n";

        using var refused = await reader.PostAsync(new Uri("/api/v1/imports/systems", UriKind.Relative), CsvBody(Csv));
        using var dry = await writer.PostAsync(new Uri("/api/v1/imports/systems?dryRun=true&fileName=cmdb.csv", UriKind.Relative), CsvBody(Csv));
        var afterDryRun = await SystemsAsync(database);
        using var real = await writer.PostAsync(new Uri("/api/v1/imports/systems?fileName=cmdb.csv", UriKind.Relative), CsvBody(Csv));

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        dry.StatusCode.Should().Be(HttpStatusCode.OK);
        var planned = JsonDocument.Parse(await dry.Content.ReadAsStringAsync()).RootElement;
        (planned.GetProperty("new").GetInt32(), planned.GetProperty("changed").GetInt32(), planned.GetProperty("written").GetBoolean()).Should().Be((1, 1, false));
        real.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await real.Content.ReadAsStringAsync()).RootElement.GetProperty("written").GetBoolean().Should().BeTrue();
        (await SystemsAsync(database)).Should().Be(afterDryRun + 1);
        await using var db = database.CreateContext();
        (await db.Systems.SingleAsync(s => s.Name == "CRM")).Vendor.Should().Be("Contoso");
        (await db.AuditTrail.Where(e => e.Action == AuditAction.Imported).Select(e => e.Actor).SingleAsync()).Should().Contain("CMDB sync");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PostImport_BadRows_Returns422WithRowColumnAndReasonAndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        _ = app.Services;
        using var writer = await KeyClientAsync(app, ApiScopes.InventoryWrite);
        using var reader = await KeyClientAsync(app, ApiScopes.InventoryRead);
        await using var before = database.CreateContext();
        var metrics = await before.Metrics.CountAsync();

        using var response = await writer.PostAsync(new Uri("/api/v1/imports/metrics", UriKind.Relative),
            CsvBody("System;Month;Uptime %\nCRM;2023-01;99,9\nNowhere;2023-01;99\nCRM;2023-02;140\n"));
        using var export = await reader.GetAsync(new Uri("/api/v1/imports/metrics/export?format=xlsx", UriKind.Relative));
        var exported = await export.Content.ReadAsByteArrayAsync();
        using var reimport = await writer.PostAsync(new Uri("/api/v1/imports/metrics?dryRun=true", UriKind.Relative), new ByteArrayContent(exported) { Headers = { ContentType = new MediaTypeHeaderValue(Xlsx) } });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("row").GetInt32()} {e.GetProperty("column").GetString()}: {e.GetProperty("reason").GetString()}").ToList();
        errors.Should().HaveCount(2);
        errors[0].Should().StartWith("3 System: 'Nowhere' is not a system");
        errors[1].Should().StartWith("4 Uptime %: must be 0 to 100");
        await using var after = database.CreateContext();
        (await after.Metrics.CountAsync()).Should().Be(metrics);
        export.Content.Headers.ContentType!.MediaType.Should().Be(Xlsx);
        reimport.StatusCode.Should().Be(HttpStatusCode.OK);
        var plan = JsonDocument.Parse(await reimport.Content.ReadAsStringAsync()).RootElement;
        (plan.GetProperty("rows").GetInt32(), plan.GetProperty("new").GetInt32(), plan.GetProperty("changed").GetInt32()).Should().Be((metrics, 0, 0));
    }

    [Fact]
    public async Task PostImport_BusinessDataWithTheWriteScope_IsForbiddenAndWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        _ = app.Services;
        using var writer = await KeyClientAsync(app, ApiScopes.InventoryWrite);
        int processes;
        await using (var db = database.CreateContext())
        {
            processes = await db.Processes.CountAsync();
        }

        using var response = await writer.PostAsync(new Uri("/api/v1/imports/processes", UriKind.Relative), CsvBody("Process,Department,Annual revenue\nOrder to cash,Sales,1\n"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("business data").And.Contain("Nothing was changed");
        await using (var db = database.CreateContext())
        {
            (await db.Processes.CountAsync()).Should().Be(processes);
            (await db.Processes.AnyAsync(p => p.AnnualRevenue == 1m)).Should().BeFalse();
        }
    }

    [Fact]
    public async Task PostImport_RecordsChangedBetweenCheckAndWrite_AnswersConflictAndWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var refuse = new RefuseNewSystems();
        await using var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<IInterceptor>(refuse));
        _ = app.Services;
        using var writer = await KeyClientAsync(app, ApiScopes.InventoryWrite);
        var before = await SystemsAsync(database);
        refuse.Armed = true;

        using var response = await writer.PostAsync(new Uri("/api/v1/imports/systems", UriKind.Relative), CsvBody("CI Name,Class\nRaced System,ERP\n"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("nothing was changed");
        (await SystemsAsync(database)).Should().Be(before);
    }

    /// <summary>Stands in for another editor's save landing between an import's check and its write.</summary>
    private sealed class RefuseNewSystems : SaveChangesInterceptor
    {
        /// <summary>Off while the app starts and loads the demo.</summary>
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Armed && eventData.Context!.ChangeTracker.Entries<Domain.Systems.ItSystem>().Any(e => e.State == EntityState.Added)
                ? throw new DbUpdateConcurrencyException("The database operation was expected to affect 1 row(s), but actually affected 0 row(s).")
                : ValueTask.FromResult(result);
    }

    private static StringContent CsvBody(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private static async Task<HttpClient> KeyClientAsync(BusinessValueAppFactory app, string scope, string? name = null)
    {
        using var admin = app.Services.CreateScope().As(Roles.Administrator);
        var (secret, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync(name ?? $"{scope} {Guid.NewGuid():N}", [scope]);
        problems.Should().BeEmpty();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<int> SystemsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Systems.CountAsync();
    }
}
