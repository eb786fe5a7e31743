using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>Loads the whole portfolio from the database, and replaces it in one transaction (restore, demo, import).</summary>
public static class PortfolioStore
{
    public static async Task<Portfolio?> LoadAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        return new Portfolio(
            organisation,
            await db.Departments.AsNoTracking().ToListAsync(cancellationToken),
            await db.Processes.AsNoTracking().ToListAsync(cancellationToken),
            await db.Systems.AsNoTracking().ToListAsync(cancellationToken),
            await db.Dependencies.AsNoTracking().ToListAsync(cancellationToken),
            await db.Integrations.AsNoTracking().ToListAsync(cancellationToken),
            await db.Workarounds.AsNoTracking().Include(w => w.Systems).ToListAsync(cancellationToken),
            await db.Metrics.AsNoTracking().ToListAsync(cancellationToken),
            await db.RestoreTests.AsNoTracking().ToListAsync(cancellationToken));
    }

    /// <summary>Deletes the current portfolio and writes this one: all of it, or nothing if anything fails.</summary>
    public static async Task ReplaceAsync(BusinessValueDbContext db, Portfolio portfolio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(portfolio);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ClearAsync(db, cancellationToken);
            db.Organisation.Add(portfolio.Organisation);
            db.Departments.AddRange(portfolio.Departments);
            db.Processes.AddRange(portfolio.Processes);
            db.Systems.AddRange(portfolio.Systems);
            db.Dependencies.AddRange(portfolio.Dependencies);
            db.Integrations.AddRange(portfolio.Integrations);
            db.Workarounds.AddRange(portfolio.Workarounds);
            db.Metrics.AddRange(portfolio.Metrics);
            db.RestoreTests.AddRange(portfolio.RestoreTests);
            db.AuditTrail.Add(Audit.AuditEntry.Event(DateTime.UtcNow, Audit.AuditAction.PortfolioReplaced, db.Actor, "Portfolio", null,
                $"Replaced the whole portfolio of {portfolio.Organisation.Name}: {portfolio.Departments.Count} departments, " +
                $"{portfolio.Systems.Count} systems, {portfolio.Metrics.Count} monthly metric rows, {portfolio.Workarounds.Count} workarounds, " +
                $"{portfolio.Integrations.Count} integrations, {portfolio.RestoreTests.Count} restore tests."));
            // One entry for the whole replacement (above), not one per row.
            db.RecordsRowChanges = false;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.RecordsRowChanges = true;
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });
    }

    /// <summary>The portfolio's version: raised by every write (docs: PortfolioVersion); 0 before the first.</summary>
    public static async Task<long> VersionAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PortfolioVersions.AsNoTracking().Select(v => v.Version).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Raises the portfolio's version. Every write to the portfolio calls it inside its own transaction, so
    /// cached copies (PortfolioSnapshots) are replaced on their next use.
    /// </summary>
    public static Task MarkChangedAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default) =>
        MarkChangedAsync(db, metrics: null, cancellationToken);

    /// <param name="metrics">The monthly metric rows the write changed, when it changed nothing else; null when it may have changed anything.</param>
    internal static async Task MarkChangedAsync(BusinessValueDbContext db, IReadOnlySet<(Guid SystemId, Domain.Periods.YearMonth Month)>? metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One statement that raises and reads the new version (both providers know RETURNING): the snapshot learns
        // which version this write made, so it can apply the write alone instead of reloading everything.
        var raised = await db.Database.SqlQueryRaw<long>("UPDATE portfolio_version SET \"Version\" = \"Version\" + 1 RETURNING \"Version\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        var version = raised.Count == 1 ? raised[0] : 1L;
        if (raised.Count == 0)
        {
            db.PortfolioVersions.Add(new PortfolioVersion { Version = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }

        PortfolioChanges.Raised(db, new PortfolioChange(version, metrics));
    }

    /// <summary>Deletes every record of the portfolio, children first.</summary>
    public static async Task ClearAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await MarkChangedAsync(db, cancellationToken);
        await db.Metrics.ExecuteDeleteAsync(cancellationToken);
        await db.RestoreTests.ExecuteDeleteAsync(cancellationToken);
        await db.Set<Domain.Workarounds.WorkaroundSystem>().ExecuteDeleteAsync(cancellationToken);
        await db.Workarounds.ExecuteDeleteAsync(cancellationToken);
        await db.Integrations.ExecuteDeleteAsync(cancellationToken);
        await db.Dependencies.ExecuteDeleteAsync(cancellationToken);
        await db.Systems.ExecuteDeleteAsync(cancellationToken);
        await db.Processes.ExecuteDeleteAsync(cancellationToken);
        await db.Departments.ExecuteDeleteAsync(cancellationToken);
        await db.Organisation.ExecuteDeleteAsync(cancellationToken);
    }
}
