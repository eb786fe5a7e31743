using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace BusinessValue.Migrations.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c> build the context for PostgreSQL without starting the web app. Adding migrations
/// and scripting them needs no server; <c>database update</c> uses BV_DESIGN_POSTGRES when set.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<BusinessValueDbContext>
{
    public BusinessValueDbContext CreateDbContext(string[] args) =>
        new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = Environment.GetEnvironmentVariable("BV_DESIGN_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Database=businessvalue;Username=postgres",
            MigrateOnStartup = false,
            DataDirectory = ".",
        }.CreateContext();
}
