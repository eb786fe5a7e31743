using System.Data.Common;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BusinessValue.Infrastructure.Database;

/// <summary>
/// Makes the database ready before the app serves anyone: migrates it (or checks it is migrated) and, on
/// first start, loads the demo organisation or an empty one.
/// </summary>
public sealed class DatabasePreparation(
    IDbContextFactory<BusinessValueDbContext> contexts,
    DatabaseOptions options,
    FirstStartOptions firstStart,
    TimeProvider clock,
    ILogger<DatabasePreparation> logger)
{
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        EnsureSqliteFolder();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            if (options.MigrateOnStartup)
            {
                await MigrateAsync(db, cancellationToken);
            }
            else
            {
                await CheckMigratedAsync(db, cancellationToken);
            }

            await LoadFirstOrganisationAsync(db, cancellationToken);
        }
        catch (Exception ex) when (DatabaseOptions.IsUnreachable(ex))
        {
            throw new DatabaseUnavailableException(
                $"Cannot open the {options.Describe()} ({FirstLine(ex.Message)}). Check {DatabaseOptions.ConnectionStringKey} " +
                $"and that the database server is running and reachable, then start the app again.", ex);
        }

        logger.LogInformation("Database ready: {Database}", options.Describe());
    }

    private async Task MigrateAsync(BusinessValueDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                throw;
            }

            // The database opens but a migration fails: its tables and its migration history disagree.
            throw new DatabaseUnavailableException(
                $"Could not bring the {options.Describe()} up to date ({FirstLine(ex.Message)}): its tables do not match its migration " +
                $"history (__EFMigrationsHistory), as with a database made by an older development build. Keep a copy of it, then point " +
                $"{DatabaseOptions.ConnectionStringKey} (or {DatabaseOptions.DataDirectoryKey}) at a new database and import your portfolio with bv import.", ex);
        }
    }

    private async Task CheckMigratedAsync(BusinessValueDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            // CanConnect swallows the reason; opening the connection again surfaces it for the message.
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new DatabaseUnavailableException(
                $"The {options.Describe()} lacks {pending.Count} migration(s), the first being {pending[0]}. Apply them with the " +
                $"migration script or bundle (see README, \"Running on PostgreSQL\"), or set {DatabaseOptions.MigrateOnStartupKey}=true.");
        }
    }

    private async Task LoadFirstOrganisationAsync(BusinessValueDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Organisation.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (firstStart.LoadDemoData)
        {
            await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(now), cancellationToken);
            logger.LogInformation("First start: loaded the demo organisation");
            return;
        }

        db.Organisation.Add(new OrganisationSettings(firstStart.OrganisationName, now));
        await db.SaveChangesAsync(cancellationToken);
        await PortfolioStore.MarkChangedAsync(db, cancellationToken);
        logger.LogInformation("First start: created an empty organisation named {Organisation}", firstStart.OrganisationName);
    }

    private void EnsureSqliteFolder()
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (string.IsNullOrEmpty(folder) || file == ":memory:")
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException(
                $"Cannot create the folder {folder} for the SQLite database ({ex.Message}). Set {DatabaseOptions.DataDirectoryKey} " +
                $"or {DatabaseOptions.ConnectionStringKey} to a writable place.", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
