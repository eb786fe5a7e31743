using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.DemoData;

/// <summary>Removes the demo organisation in one step, leaving an empty organisation to fill with real data.</summary>
public static class DemoRemoval
{
    /// <returns>False when the database holds no demo data (nothing is touched then).</returns>
    public static async Task<bool> RemoveAsync(BusinessValueDbContext db, string organisationName, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (organisation is not { IsDemo: true })
        {
            return false;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await PortfolioStore.ClearAsync(db, cancellationToken);
            // Reviews held on the demo decided about its made-up systems: they go with it, or a real organisation's
            // first scorecard would answer "what did the last review decide" from the demo. Children first.
            await db.AgendaItems.ExecuteDeleteAsync(cancellationToken);
            await db.ReviewDecisions.ExecuteDeleteAsync(cancellationToken);
            await db.FrozenReviews.ExecuteDeleteAsync(cancellationToken);
            await db.ActionItems.ExecuteDeleteAsync(cancellationToken);
            await db.Reviews.ExecuteDeleteAsync(cancellationToken);
            db.Organisation.Add(new OrganisationSettings(organisationName, nowUtc));
            // The cleared rows are one entry, not one per row (docs/security.md#audit-trail).
            db.AuditTrail.Add(Audit.AuditEntry.Event(nowUtc, Audit.AuditAction.PortfolioReplaced, db.Actor, "Portfolio", null,
                $"Removed the demo organisation {organisation.Name}, all its records and its reviews; started the empty organisation {organisationName}."));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return true;
    }
}
