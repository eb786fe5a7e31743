using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Infrastructure.Tests.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Cli.Tests;

/// <summary>bv export and bv import carry the quarterly reviews (docs/portfolio-format.md#reviews).</summary>
public sealed class ReviewsExportTests : IDisposable
{
    private static readonly Domain.Engine.Portfolio Portfolio = SyntheticPortfolio.Generate(6, 6, seed: 31, new YearMonth(2026, 9));

    private readonly string _folder = Directory.CreateTempSubdirectory("bv-reviews-").FullName;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ExportThenImport_IntoTheOtherProvider_BringsTheReviewsAlong(DatabaseProvider provider)
    {
        await using var source = await DatabaseWithReviewsAsync(provider);
        await using var target = await TestDatabase.CreateAsync(provider == DatabaseProvider.Sqlite ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);
        var file = Path.Combine(_folder, "backup.json");

        var export = await BvRun.RunAsync(source, "export", "--out", file);
        var validate = await BvRun.RunAsync("validate", file);
        var import = await BvRun.RunAsync(target, "import", file);

        export.ExitCode.Should().Be(0, export.Error);
        export.Output.Should().Contain("and 2 reviews");
        validate.Output.Should().Contain("2 reviews (1 closed), 2 action items, 1 translation requests");
        import.ExitCode.Should().Be(0, import.Error);
        import.Output.Should().Contain("2 reviews replaced the database's");
        await using var db = target.CreateContext();
        PortfolioDocumentWriter.ToJson((await PortfolioStore.LoadAsync(db))!, null, await PortfolioStore.LoadReviewsAsync(db))
            .Should().Be(PortfolioDocumentWriter.ToJson(Portfolio, null, ReviewRecordsExample.For(Portfolio)));
    }

    [Fact]
    public async Task Import_OwnerNameBelongsToAnotherAccount_ExplainsAndChangesNothing()
    {
        await using var source = await DatabaseWithReviewsAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(_folder, "backup.json");
        (await BvRun.RunAsync(source, "export", "--out", file)).ExitCode.Should().Be(0);
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await target.MigrateAsync();
        await using (var db = target.CreateContext())
        {
            db.Users.Add(new AppUser { Id = Guid.NewGuid(), UserName = "it.owner1@test.local", NormalizedUserName = "IT.OWNER1@TEST.LOCAL", DisplayName = "Ines", SecurityStamp = "x" });
            await db.SaveChangesAsync();
        }

        var (exit, _, error) = await BvRun.RunAsync(target, "import", file);

        exit.Should().Be(1);
        error.Should().Contain("backup.json: 1 problem(s) with this database; nothing was changed.")
            .And.Contain("$.reviews.accounts[1].userName: 'it.owner1@test.local' is another account in this database").And.NotContain("   at ");
        await using var check = target.CreateContext();
        (await check.Systems.CountAsync()).Should().Be(0);
        (await check.Reviews.CountAsync()).Should().Be(0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<TestDatabase> DatabaseWithReviewsAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, Portfolio, ReviewRecordsExample.For(Portfolio));
        return database;
    }
}
