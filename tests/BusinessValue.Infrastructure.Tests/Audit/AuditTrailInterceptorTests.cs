using System.Text.Json;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.Audit;

public sealed class AuditTrailInterceptorTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_SystemChanged_RecordsWhoAndEachChangedFieldWithOldAndNewValue(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        Guid id;
        await using (var db = database.CreateContext())
        {
            db.Actor = new AuditActor("grace@example.com", Guid.NewGuid());
            var system = await db.Systems.OrderBy(s => s.Name).FirstAsync();
            id = system.Id;
            system.WithOwners("Grace Hopper", system.BusinessOwner);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var entry = await db.AuditTrail.SingleAsync(e => e.Action == AuditAction.Updated);
            entry.Actor.Should().Be("grace@example.com");
            entry.EntityType.Should().Be("ItSystem");
            entry.EntityId.Should().Be(id.ToString());
            entry.SystemId.Should().Be(id);
            entry.OccurredAtUtc.Kind.Should().Be(DateTimeKind.Utc);
            var changes = JsonSerializer.Deserialize<List<FieldChange>>(entry.Changes!)!;
            changes.Should().ContainSingle().Which.Should().Match<FieldChange>(c => c.Field == "ItOwner" && c.New == "Grace Hopper");
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_TheChangeFails_LeavesNoAuditEntry(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        await using (var db = database.CreateContext())
        {
            var departments = await db.Departments.OrderBy(d => d.Name).Take(2).ToListAsync();
            // Two departments may not share a name: the database refuses, and the audit entry goes with it.
            db.Departments.Add(new Department(Guid.NewGuid(), departments[0].Name, 3));
            var act = () => db.SaveChangesAsync();
            await act.Should().ThrowAsync<DbUpdateException>();
        }

        await using (var db = database.CreateContext())
        {
            (await db.AuditTrail.CountAsync(e => e.Action != AuditAction.PortfolioReplaced)).Should().Be(0);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task AuditEntry_ChangedOrDeleted_IsRefusedByTheAppAndByTheDatabase(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        await using var db = database.CreateContext();
        var entry = await db.AuditTrail.FirstAsync();

        entry.Actor = "someone else";
        var edit = () => db.SaveChangesAsync();
        await edit.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
        db.ChangeTracker.Clear();

        var update = () => db.AuditTrail.ExecuteUpdateAsync(e => e.SetProperty(x => x.Actor, "someone else"));
        (await update.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        var delete = () => db.AuditTrail.ExecuteDeleteAsync();
        (await delete.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        if (provider == DatabaseProvider.Postgres)
        {
            var truncate = () => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries");
            (await truncate.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        }

        (await db.AuditTrail.CountAsync()).Should().Be(1);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReplaceAsync_WholePortfolio_RecordsOneEntryNamingTheCounts(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        await using var db = database.CreateContext();

        var entries = await db.AuditTrail.ToListAsync();

        var metricRows = Portfolio().Metrics.Count;
        entries.Should().ContainSingle().Which.Summary.Should().Contain("40 systems").And.Contain($"{metricRows} monthly metric rows");
        entries[0].Actor.Should().Be("bv import portfolio.json");
    }

    private static Domain.Engine.Portfolio Portfolio() => SyntheticPortfolio.Generate(40, 6, seed: 3, new YearMonth(2026, 9));

    private static async Task<TestDatabase> PortfolioDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        db.Actor = new AuditActor("bv import portfolio.json");
        await PortfolioStore.ReplaceAsync(db, Portfolio());
        return database;
    }
}
