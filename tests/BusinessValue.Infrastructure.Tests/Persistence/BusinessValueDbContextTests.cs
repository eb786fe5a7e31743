using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.Persistence;

public sealed class BusinessValueDbContextTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Migrations_AppliedToAnEmptyDatabase_MatchTheModel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await database.MigrateAsync();

        await using var db = database.CreateContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change comes with a migration for each provider");
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_SystemReadBack_KeepsEveryValueWithUtcTimes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var created = new DateTime(2026, 3, 31, 23, 59, 58, DateTimeKind.Utc);
        var id = Guid.NewGuid();

        await using (var db = database.CreateContext())
        {
            db.Systems.Add(new ItSystem(id, "Warehouse Scanning", "Supply chain", "Zebra", Lifecycle.PhaseOut, StrategicFit.Legacy, created));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var system = await db.Systems.SingleAsync(s => s.Id == id);
            system.Name.Should().Be("Warehouse Scanning");
            system.Vendor.Should().Be("Zebra");
            system.Lifecycle.Should().Be(Lifecycle.PhaseOut);
            system.StrategicFit.Should().Be(StrategicFit.Legacy);
            system.CreatedAtUtc.Should().Be(created);
            system.CreatedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_UnspecifiedKindTime_IsStoredAsUtc(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var unspecified = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Unspecified);

        await using (var db = database.CreateContext())
        {
            db.Organisation.Add(new OrganisationSettings("Acme", unspecified));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var stored = (await db.Organisation.SingleAsync()).UpdatedAtUtc;
            stored.Should().Be(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc));
            stored.Kind.Should().Be(DateTimeKind.Utc);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_OrganisationSettings_RoundTripsCurrencyAndDecimalRate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var organisation = new OrganisationSettings("Acme", DateTime.UtcNow);
        organisation.ChangeCurrencyAndCalendar(CurrencyCode.Parse("EUR"), 4, DateTime.UtcNow);
        organisation.ChangeAssumptions(Assumptions.Default with { LabourRatePerHour = 57.1234m, WorkingWeeksPerYear = 45, BlockingFactorP4 = 0.075m }, DateTime.UtcNow);

        await using (var db = database.CreateContext())
        {
            db.Organisation.Add(organisation);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var stored = await db.Organisation.SingleAsync();
            stored.Currency.Code.Should().Be("EUR");
            stored.FiscalYearStartMonth.Should().Be(4);
            stored.Assumptions.Should().Be(Assumptions.Default with { LabourRatePerHour = 57.1234m, WorkingWeeksPerYear = 45, BlockingFactorP4 = 0.075m });
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_TwoDepartmentsWithOneName_IsRefusedAndNothingIsWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();

        await using (var db = database.CreateContext())
        {
            db.Departments.AddRange(new Department(Guid.NewGuid(), "Sales", 10), new Department(Guid.NewGuid(), "Sales", 12));
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
        }

        await using (var db = database.CreateContext())
        {
            (await db.Departments.CountAsync()).Should().Be(0);
        }
    }
}
