using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Home;

/// <summary>Reads the home page's overview. One short-lived context per call: circuits live long.</summary>
public sealed class OrganisationOverviews(IDbContextFactory<BusinessValueDbContext> contexts, DatabaseOptions database, FirstStartOptions firstStart, TimeProvider clock, PortfolioSnapshots snapshots, Security.AccessGuard access)
{
    public async Task<OrganisationOverview> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var departmentCount = await db.Departments.CountAsync(cancellationToken);
        var systems = await db.Systems.AsNoTracking()
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Category, s.Vendor, s.Lifecycle })
            .ToListAsync(cancellationToken);

        return new OrganisationOverview(
            organisation?.Name ?? "Your organisation",
            organisation?.IsDemo ?? false,
            organisation?.Currency.Code ?? "USD",
            systems.Count,
            departmentCount,
            database.ProviderDisplayName,
            systems.Select(s => new SystemSummary(s.Id, s.Name, s.Category, s.Vendor, Describe(s.Lifecycle))).ToList());
    }

    /// <summary>Removes the demo organisation, leaving an empty one. False when there was no demo data.</summary>
    /// <exception cref="Security.AccessDeniedException">The reader is not an administrator.</exception>
    public async Task<bool> RemoveDemoDataAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Security.AccessPolicies.ManageSettings);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        return await DemoRemoval.RemoveAsync(db, firstStart.OrganisationName, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>The organisation's name and whether it is the demo, for the app bar of every page.</summary>
    public async Task<(string Name, bool IsDemo)> GetOrganisationAsync(CancellationToken cancellationToken = default)
    {
        // From the shared snapshot: one small query on every page, however large the portfolio.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = (await snapshots.GetRecentAsync(db, PortfolioSnapshots.PagePartsMaxAge, cancellationToken)).Portfolio?.Organisation;
        return (organisation?.Name ?? "Your organisation", organisation?.IsDemo ?? false);
    }

    private static string Describe(Lifecycle lifecycle) => lifecycle switch
    {
        Lifecycle.PhaseOut => "Phase-out",
        _ => lifecycle.ToString(),
    };
}
