using Bunit;
using Bunit.TestDoubles;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features;

/// <summary>
/// The data-entry pages' services on a real database for bUnit: added before the renderer exists (bUnit's rule), the
/// database and the reader's role set by the test afterwards through <see cref="Use"/>.
/// </summary>
internal sealed class BusinessPageServices
{
    private BunitAuthorizationContext _authorization = null!;

    public TestDatabase? Database { get; private set; }

    public static void Add(BunitContext context)
    {
        var services = new BusinessPageServices { _authorization = context.AddAuthorization() };
        context.Services.AddSingleton(services);
        context.Services.AddSingleton<IDbContextFactory<BusinessValueDbContext>>(sp =>
            new DatabaseContextFactory(sp.GetRequiredService<BusinessPageServices>().Database?.Options ?? throw new InvalidOperationException("Call UseAsync before rendering.")));
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddScoped<AccessGuard>();
        context.Services.AddScoped<Web.Features.Departments.DepartmentEditing>();
        context.Services.AddScoped<Web.Features.Departments.ProcessEditing>();
        context.Services.AddScoped<Web.Features.Departments.DependencyEditing>();
        context.Services.AddScoped<Web.Features.Metrics.MetricsGrid>();
        context.Services.AddScoped<Web.Features.Workarounds.WorkaroundRegister>();
        context.Services.AddScoped<Web.Features.Systems.SystemRecords>();
        context.Services.AddScoped<Web.Features.Systems.RestoreTestEditing>();
        context.Services.AddScoped<Web.Features.Integrations.IntegrationEditing>();
        context.Services.AddScoped<Web.Features.TranslationRequests.TranslationRequestEditing>();
    }

    public static BusinessPageServices Of(BunitContext context) => context.Services.GetRequiredService<BusinessPageServices>();

    /// <summary>A new migrated SQLite database, and a reader with <paramref name="role"/> granted <paramref name="policies"/>.</summary>
    public async Task<TestDatabase> UseAsync(string role, params string[] policies)
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await Database.MigrateAsync();
        _authorization.SetAuthorized(BusinessValueAppFactory.UserNameFor(role));
        _authorization.SetRoles(role);
        _authorization.SetPolicies(policies);
        return Database;
    }
}
