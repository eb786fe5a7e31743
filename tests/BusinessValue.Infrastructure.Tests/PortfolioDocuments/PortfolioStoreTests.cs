using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

public sealed class PortfolioStoreTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReplaceAsync_ThenExport_GivesBackTheSameDocument(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var portfolio = SyntheticPortfolio.Generate(30, 6, seed: 11, new YearMonth(2026, 9));
        var exported = PortfolioDocumentWriter.ToJson(portfolio);

        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, portfolio);
        }

        await using (var db = database.CreateContext())
        {
            var loaded = await PortfolioStore.LoadAsync(db);
            PortfolioDocumentWriter.ToJson(loaded!).Should().Be(exported);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReplaceAsync_SomethingFailsHalfway_LeavesThePreviousPortfolioWhole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var first = SyntheticPortfolio.Generate(5, 2, seed: 1, new YearMonth(2026, 9));
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, first);
        }

        // A workaround pointing at a system that does not exist: the database refuses it at the very end.
        var second = SyntheticPortfolio.Generate(8, 2, seed: 2, new YearMonth(2026, 9));
        var broken = second with
        {
            Workarounds = [.. second.Workarounds, new Workaround(Guid.NewGuid(), "Orphan", null, WorkaroundKind.Other, 1, 1m, 0m, [Guid.NewGuid()])],
        };

        await using (var db = database.CreateContext())
        {
            var replace = () => PortfolioStore.ReplaceAsync(db, broken);
            await replace.Should().ThrowAsync<DbUpdateException>();
        }

        await using (var db = database.CreateContext())
        {
            var stillThere = await PortfolioStore.LoadAsync(db);
            PortfolioDocumentWriter.ToJson(stillThere!).Should().Be(PortfolioDocumentWriter.ToJson(first));
        }
    }
}
