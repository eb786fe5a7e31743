using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BusinessValue.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database. Options are resolved lazily so that a bad setting surfaces when the app
    /// starts (one clear line) rather than as a stack trace from the container.
    /// </summary>
    public static IServiceCollection AddPersistence(
        this IServiceCollection services,
        Func<IServiceProvider, DatabaseOptions> databaseOptions,
        Func<IServiceProvider, FirstStartOptions> firstStartOptions)
    {
        services.AddSingleton(databaseOptions);
        services.AddSingleton(firstStartOptions);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<BusinessValueDbContext>((sp, options) =>
            sp.GetRequiredService<DatabaseOptions>().Apply(options).AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddSingleton<PortfolioSnapshots>();
        services.AddSingleton<IInterceptor, PortfolioCommitObserver>();
        services.AddSingleton<DatabasePreparation>();
        // Spreadsheet imports (docs/import.md); the host may register its own ImportOptions (Import:MaxFileBytes) first.
        services.TryAddSingleton(new Spreadsheets.ImportOptions());
        services.AddSingleton<Spreadsheets.SpreadsheetImports>();
        return services;
    }
}
