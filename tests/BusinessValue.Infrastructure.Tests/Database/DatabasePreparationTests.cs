using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BusinessValue.Infrastructure.Tests.Database;

public sealed class DatabasePreparationTests
{
    private static DatabasePreparation Preparation(TestDatabase database, FirstStartOptions firstStart) =>
        new(new OptionsContextFactory(database.Options), database.Options, firstStart, TimeProvider.System, NullLogger<DatabasePreparation>.Instance);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PrepareAsync_EmptyDatabase_MigratesAndLoadsTheDemoOrganisationOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        var preparation = Preparation(database, new FirstStartOptions());

        await preparation.PrepareAsync();
        await preparation.PrepareAsync();

        await using var db = database.CreateContext();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        var organisation = await db.Organisation.SingleAsync();
        organisation.Name.Should().Be("Northwind Components (demo)");
        organisation.IsDemo.Should().BeTrue();
        (await db.Systems.CountAsync()).Should().Be(12, "the demo is loaded on the first start only");
        (await db.Departments.CountAsync()).Should().Be(4);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PrepareAsync_DemoSwitchedOff_CreatesAnEmptyOrganisationWithTheConfiguredName(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await Preparation(database, new FirstStartOptions { LoadDemoData = false, OrganisationName = "Fabrikam" }).PrepareAsync();

        await using var db = database.CreateContext();
        var organisation = await db.Organisation.SingleAsync();
        organisation.Name.Should().Be("Fabrikam");
        organisation.IsDemo.Should().BeFalse();
        (await db.Systems.AnyAsync()).Should().BeFalse();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PrepareAsync_NotMigratedAndMigrationOff_RefusesWithTheMissingMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider, migrateOnStartup: false);

        var prepare = () => Preparation(database, new FirstStartOptions()).PrepareAsync();

        (await prepare.Should().ThrowAsync<DatabaseUnavailableException>())
            .WithMessage("*lacks * migration(s), the first being *_InitialCreate*Database:MigrateOnStartup=true*");
    }

    [Fact]
    public async Task PrepareAsync_PostgresUnreachable_SaysWhichServerAndWhichSetting()
    {
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Port=1;Database=nowhere;Username=bv;Password=hunter2-secret;Timeout=3",
            MigrateOnStartup = true,
            DataDirectory = Path.GetTempPath(),
        };
        var preparation = new DatabasePreparation(new OptionsContextFactory(options), options, new FirstStartOptions(), TimeProvider.System, NullLogger<DatabasePreparation>.Instance);

        var error = (await preparation.Invoking(p => p.PrepareAsync()).Should().ThrowAsync<DatabaseUnavailableException>()).Which;

        error.Message.Should().StartWith("Cannot open the PostgreSQL database 'nowhere' on 127.0.0.1:1");
        error.Message.Should().Contain("ConnectionStrings:BusinessValue").And.NotContain("hunter2-secret");
    }

    private sealed class OptionsContextFactory(DatabaseOptions options) : IDbContextFactory<BusinessValueDbContext>
    {
        public BusinessValueDbContext CreateDbContext() => options.CreateContext();
    }
}
