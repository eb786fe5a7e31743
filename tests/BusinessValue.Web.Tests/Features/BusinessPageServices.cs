using Bunit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features;

/// <summary>The data-entry pages' services on a real, migrated database, for a reader with one role and its policies.</summary>
internal static class BusinessPageServices
{
    public static async Task<TestDatabase> AddOnNewDatabaseAsync(BunitContext context, string role, params string[] policies)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized(BusinessValueAppFactory.UserNameFor(role));
        authorization.SetRoles(role);
        authorization.SetPolicies(policies);
        context.Services.AddSingleton<IDbContextFactory<BusinessValueDbContext>>(new DatabaseContextFactory(database.Options));
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddScoped<AccessGuard>();
        context.Services.AddScoped<Web.Features.Departments.DepartmentEditing>();
        context.Services.AddScoped<Web.Features.Departments.ProcessEditing>();
        context.Services.AddScoped<Web.Features.Departments.DependencyEditing>();
        context.Services.AddScoped<Web.Features.Metrics.MetricsGrid>();
        return database;
    }
}
