using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

public sealed class PortfolioCommitObserverTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Commit_OfATransactionThatChangedThePortfolio_RaisesTheVersionThenAndNotBefore(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        using var snapshots = new PortfolioSnapshots();
        var newContext = ObservedContexts.Of(database, snapshots);
        await using (var db = newContext())
        {
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(5, 2, seed: 2, new YearMonth(2026, 9)));
        }

        long before;
        await using (var db = newContext())
        {
            before = await PortfolioStore.VersionAsync(db);
        }

        await using (var db = newContext())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Departments.Add(new Department(Guid.NewGuid(), "Legal", 6));
            await db.SaveChangesAsync();
            await using (var reader = newContext())
            {
                (await PortfolioStore.VersionAsync(reader)).Should().Be(before, "the version is raised at the commit, not at the save");
            }

            if (provider == DatabaseProvider.Postgres)
            {
                // So the version's row is not locked meanwhile: another write does not wait for this transaction.
                await using var other = newContext();
                other.Departments.Add(new Department(Guid.NewGuid(), "Facilities", 4));
                var save = other.SaveChangesAsync();
                (await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(save, "nothing holds the version's row");
                await save;
            }

            await transaction.CommitAsync();
        }

        var raises = provider == DatabaseProvider.Postgres ? 2 : 1;
        await using (var db = newContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().Be(before + raises);
            (await snapshots.GetAsync(db))!.Departments.Select(d => d.Name).Should().Contain("Legal", "the committed write reached the snapshot");
        }

        await using (var db = newContext())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Departments.Add(new Department(Guid.NewGuid(), "Rolled back", 1));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var db = newContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().Be(before + raises, "a rolled-back write raises nothing");
            (await db.Departments.AnyAsync(d => d.Name == "Rolled back")).Should().BeFalse();
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Commit_OnAContextWithoutTheAppsObserver_StillRaisesTheVersion(DatabaseProvider provider)
    {
        // As bv (the command line) or any other process writes: no snapshots to tell, the version raised all the same.
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var portfolio = SyntheticPortfolio.Generate(3, 2, seed: 4, new YearMonth(2026, 9));
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, portfolio);
        }

        long before;
        await using (var db = database.CreateContext())
        {
            before = await PortfolioStore.VersionAsync(db);
            await MetricsUpserts.ApplyAsync(db, [new Domain.Metrics.MonthlyMetrics(portfolio.Systems[0].Id, new YearMonth(2026, 9)) { DowntimeMinutes = 42m }]);
        }

        await using (var db = database.CreateContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().Be(before + 1, "the month write's transaction raised it at its commit");
        }
    }
}
