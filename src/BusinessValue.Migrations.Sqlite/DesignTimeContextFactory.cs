using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace BusinessValue.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for SQLite without starting the web app.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<BusinessValueDbContext>
{
    public BusinessValueDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = Environment.GetEnvironmentVariable("BV_DESIGN_SQLITE") ?? "Data Source=design-time.db",
            MigrateOnStartup = false,
            DataDirectory = ".",
        }.CreateContext();
}
