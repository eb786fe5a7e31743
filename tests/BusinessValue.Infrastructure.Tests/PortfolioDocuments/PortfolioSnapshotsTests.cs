using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

public sealed class PortfolioSnapshotsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task GetAsync_NothingChanged_SharesOneCopyAndAnyWriteReplacesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        using var snapshots = new PortfolioSnapshots();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(DateTime.UtcNow));

        var first = await snapshots.GetAsync(db);
        var again = await snapshots.GetAsync(db);
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(7, 2, seed: 3, new YearMonth(2026, 9)));
        var afterImport = await snapshots.GetAsync(db);
        await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(DateTime.UtcNow));
        await DemoRemoval.RemoveAsync(db, "Fabrikam", DateTime.UtcNow);
        var afterRemoval = await snapshots.GetAsync(db);

        again.Should().BeSameAs(first);
        first!.Systems.Should().HaveCount(12);
        afterImport!.Systems.Should().HaveCount(7);
        afterRemoval!.Organisation.Name.Should().Be("Fabrikam");
        afterRemoval.Systems.Should().BeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_AnyEditToThePortfolio_RaisesTheVersionSoSnapshotsReload(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        using var snapshots = new PortfolioSnapshots();
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(DateTime.UtcNow));
        }

        long before;
        await using (var db = database.CreateContext())
        {
            before = await PortfolioStore.VersionAsync(db);
            (await snapshots.GetAsync(db))!.Departments.Should().HaveCount(4);
            // A write path that knows nothing of versions: a plain tracked change.
            db.Departments.Add(new Domain.Organisation.Department(Guid.NewGuid(), "Legal", 6));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().BeGreaterThan(before);
            (await snapshots.GetAsync(db))!.Departments.Should().HaveCount(5);
        }
    }
}
