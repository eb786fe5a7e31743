using System.Text.Json;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.Persistence;

public sealed class RowVersionTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Expect_SomeoneSavedTheRecordSinceItWasRead_SecondSaveIsAConflictAndTheFirstIsKept(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var mine = await first.Systems.OrderBy(s => s.Name).FirstAsync();
        var theirs = await second.Systems.SingleAsync(s => s.Id == mine.Id);
        var versionRead = RowVersion.Of(second, theirs);

        mine.WithOwners("Grace Hopper", mine.BusinessOwner);
        await first.SaveChangesAsync();
        theirs.WithOwners("Ada Lovelace", theirs.BusinessOwner);
        RowVersion.Expect(second, theirs, versionRead);
        var save = () => second.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();
        await using var check = database.CreateContext();
        var stored = await check.Systems.SingleAsync(s => s.Id == mine.Id);
        stored.ItOwner.Should().Be("Grace Hopper");
        RowVersion.Of(check, stored).Should().Be(versionRead + 1);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_RecordUpdated_RaisesItsVersionWithoutAuditingTheVersion(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        await using (var db = database.CreateContext())
        {
            var system = await db.Systems.OrderBy(s => s.Name).FirstAsync();
            system.WithOwners("Grace Hopper", system.BusinessOwner);
            await db.SaveChangesAsync();
            system.WithOwners("Ada Lovelace", system.BusinessOwner);
            await db.SaveChangesAsync();
            RowVersion.Of(db, system).Should().Be(2);
        }

        await using (var db = database.CreateContext())
        {
            var changes = await db.AuditTrail.Where(e => e.Action == AuditAction.Updated).Select(e => e.Changes!).ToListAsync();
            changes.Should().HaveCount(2);
            changes.Select(c => JsonSerializer.Deserialize<List<FieldChange>>(c)!).Should().AllSatisfy(c => c.Should().ContainSingle(f => f.Field == "ItOwner"));
        }
    }

    private static async Task<TestDatabase> PortfolioDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(5, 2, seed: 3, new YearMonth(2026, 9)));
        return database;
    }
}
