using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Faults;

/// <summary>
/// Two monitoring tools pushing the same month at once (issue 13, concurrent edits through the API). A PUT replaces
/// the month's report as a whole (docs/api.md), so the stored month must be one sender's whole report, never a mix
/// of both, and neither sender gets a 500. The form and grid paths, which carry row versions, are covered by
/// SystemEditingTests and MetricsGridTests (the second save is a conflict naming the record).
/// </summary>
public sealed class ConcurrentApiWriteTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutMonth_TwoSendersPutTheSameMonthAtOnce_NeverA500AndTheMonthIsOneWholeReport(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(2, 1, seed: 13, new YearMonth(2026, 9)));
        }

        await using var app = new BusinessValueAppFactory(database);
        using var first = await KeyClientAsync(app, "monitoring A");
        using var second = await KeyClientAsync(app, "monitoring B");
        Guid system;
        await using (var db = database.CreateContext())
        {
            system = await db.Systems.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
        }

        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 5; round++)
        {
            var month = new YearMonth(2026, 4).AddMonths(round).ToString(); // past months, new: the stored one is 2026-09
            var a = PutAsync(first, system, month, """{ "uptimePercent": 99.1, "downtimeMinutes": 11 }""");
            var b = PutAsync(second, system, month, """{ "uptimePercent": 97.2, "downtimeMinutes": 22 }""");
            statuses.AddRange(await Task.WhenAll(a, b));
        }

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Created);
        await using var check = database.CreateContext();
        var months = (await check.Metrics.Where(m => m.SystemId == system).ToListAsync()).Where(m => m.Month < new YearMonth(2026, 9)).ToList();
        months.Should().HaveCount(5);
        months.Select(m => (m.ValueOf(Measures.Uptime) == 99.1m && m.ValueOf(Measures.Downtime) == 11m) || (m.ValueOf(Measures.Uptime) == 97.2m && m.ValueOf(Measures.Downtime) == 22m))
            .Should().AllBeEquivalentTo(true, "a month is one sender's whole report");
    }

    private static async Task<HttpStatusCode> PutAsync(HttpClient client, Guid system, string month, string json)
    {
        using var response = await client.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/{month}", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private static async Task<HttpClient> KeyClientAsync(BusinessValueAppFactory app, string name)
    {
        using var admin = app.Services.CreateScope().As(Roles.Administrator);
        var (secret, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync(name, [ApiScopes.MetricsWrite]);
        problems.Should().BeEmpty();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
