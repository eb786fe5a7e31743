using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Database;

/// <summary>Contexts on one database, for tools that have no service container (the bv command line).</summary>
public sealed class DatabaseContextFactory(DatabaseOptions options) : IDbContextFactory<BusinessValueDbContext>
{
    public BusinessValueDbContext CreateDbContext() => options.CreateContext();
}
