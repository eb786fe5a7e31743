using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Tests.HostileWrites;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Scorecard;

/// <summary>A month pushed through the API reaches the scorecard by the app's own path: applied to the shared snapshot, not reloaded.</summary>
public sealed class ScorecardFreshnessTests
{
    private static readonly YearMonth Month = new(2026, 9);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutMonth_Committed_WarmerAppliesItAndTheScorecardShowsItWithoutAReload(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var portfolio = SyntheticPortfolio.Generate(20, 3, seed: 2, Month);
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, portfolio);
        }

        await using var app = new BusinessValueAppFactory(database);
        using var writer = await app.CreateKeyClientAsync(ApiScopes.MetricsWrite);
        using var reader = await app.CreateKeyClientAsync(ApiScopes.ScorecardRead);
        // A system some process depends on, so its revenue disrupted rests on its downtime D.
        var system = portfolio.Dependencies[0].SystemId;
        (await DowntimeAsync(reader, system)).Should().NotBe(4_321m);
        var snapshots = app.Services.GetRequiredService<PortfolioSnapshots>();
        var loaded = snapshots.Current!.Portfolio!.Systems;

        using var put = await writer.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/{Month}", UriKind.Relative),
            new StringContent("""{ "downtimeMinutes": 4321 }""", Encoding.UTF8, "application/json"));
        put.StatusCode.Should().Be(HttpStatusCode.OK);

        // The background warmer catches up with the committed version by itself: waited for as a condition, not a time.
        long version;
        await using (var db = database.CreateContext())
        {
            version = await PortfolioStore.VersionAsync(db);
        }

        var clock = Stopwatch.StartNew();
        while (snapshots.Current!.Version < version && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        snapshots.Current!.Version.Should().BeGreaterThanOrEqualTo(version, "the warmer applies a committed write without being asked");
        snapshots.Current.Portfolio!.Systems.Should().BeSameAs(loaded, "a month written through the API is applied to the snapshot, not reloaded with the whole portfolio");
        (await DowntimeAsync(reader, system)).Should().Be(4_321m);
    }

    /// <summary>The downtime D that the month's "revenue disrupted" of the system rests on, as the API explains it.</summary>
    private static async Task<decimal?> DowntimeAsync(HttpClient reader, Guid system)
    {
        using var document = JsonDocument.Parse(await reader.GetStringAsync(new Uri($"/api/v1/systems/{system}/scorecard?period={Month}", UriKind.Relative)));
        foreach (var figure in document.RootElement.GetProperty("figures").EnumerateArray().Where(f => f.GetProperty("key").GetString() == "revenueDisrupted"))
        {
            foreach (var input in figure.GetProperty("why").GetProperty("inputs").EnumerateArray().Where(i => i.GetProperty("symbol").GetString() == "D"))
            {
                var d = input.GetProperty("value");
                return d.ValueKind == JsonValueKind.Number ? d.GetDecimal() : null;
            }
        }

        return null;
    }
}
