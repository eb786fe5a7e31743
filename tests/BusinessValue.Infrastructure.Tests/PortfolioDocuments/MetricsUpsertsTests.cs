using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

public sealed class MetricsUpsertsTests
{
    private static readonly YearMonth Month = new(2026, 10);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ApplyAsync_StoredMonthWithoutSource_ReplacesItsValuesAndRecordsTheSource(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        Guid systemId;
        await using (var db = database.CreateContext())
        {
            systemId = await db.Systems.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
            // A month stored without a source, as older data and some imports have it.
            db.Metrics.Add(new MonthlyMetrics(systemId, Month) { UptimePercent = 99.1m });
            await db.SaveChangesAsync();
        }

        var source = InputSource.Entered("Grace Hopper", new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc));
        MetricsUpsertResult result;
        await using (var db = database.CreateContext())
        {
            result = await MetricsUpserts.ApplyAsync(db, [new MonthlyMetrics(systemId, Month) { UptimePercent = 98.5m }.RecordedBy(source)]);
        }

        result.Should().Be(new MetricsUpsertResult(0, 1));
        await using var check = database.CreateContext();
        var stored = await check.Metrics.SingleAsync(m => m.SystemId == systemId && m.Month == Month);
        stored.UptimePercent.Should().Be(98.5m);
        stored.Source.Should().NotBeNull();
        stored.Source!.Detail.Should().Be("Grace Hopper");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ApplyAsync_StoredMonthWithSourceReplacedByOneWithout_KeepsTheNewValues(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        Guid systemId;
        await using (var db = database.CreateContext())
        {
            systemId = await db.Systems.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
            db.Metrics.Add(new MonthlyMetrics(systemId, Month) { UptimePercent = 99.1m }
                .RecordedBy(InputSource.Entered("Ada Lovelace", new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc))));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            await MetricsUpserts.ApplyAsync(db, [new MonthlyMetrics(systemId, Month) { UptimePercent = 97m }]);
        }

        await using var check = database.CreateContext();
        var stored = await check.Metrics.SingleAsync(m => m.SystemId == systemId && m.Month == Month);
        stored.UptimePercent.Should().Be(97m);
    }

    private static async Task<TestDatabase> PortfolioDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(3, 1, seed: 3, new YearMonth(2026, 9)));
        return database;
    }
}
