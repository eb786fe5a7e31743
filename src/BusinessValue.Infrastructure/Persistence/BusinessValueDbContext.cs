using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Persistence;

/// <summary>
/// The one context for both providers. Each provider keeps its own migrations project
/// (docs/decisions/0001-two-database-providers.md).
/// </summary>
public sealed class BusinessValueDbContext(DbContextOptions<BusinessValueDbContext> options) : DbContext(options)
{
    public DbSet<OrganisationSettings> Organisation => Set<OrganisationSettings>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<ItSystem> Systems => Set<ItSystem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BusinessValueDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Storage is UTC everywhere: SQLite hands DateTime back as Unspecified, Npgsql insists on UTC for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }
}
