using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Home;

/// <summary>One thing to enter on a new organisation, where to enter it, and whether it is there yet.</summary>
public sealed record FirstRunStep(string Title, string Why, string Href, string LinkText, bool Done);

/// <summary>What a new organisation has entered so far, in the order the scorecard needs it.</summary>
public sealed record FirstRunProgress(bool IsDemo, IReadOnlyList<FirstRunStep> Steps)
{
    /// <summary>Shown until every step is done; never on the demo, which has everything.</summary>
    public bool Show => !IsDemo && Steps.Any(s => !s.Done);
}

/// <summary>
/// The first-run path after the demo is removed: organisation and currency, departments, processes with revenue,
/// systems, which systems each process needs, then metrics. Each step is done once its data exists.
/// </summary>
public sealed class FirstRunSteps(IDbContextFactory<BusinessValueDbContext> contexts, PortfolioSnapshots snapshots)
{
    public async Task<FirstRunProgress> GetAsync(CancellationToken cancellationToken = default)
    {
        // The steps read the scorecard's cached portfolio, as the page around them has just checked it (or one query
        // checks it is current), and the organisation's version: at most two queries, not one per step
        // (ScorecardRoundTripTests).
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var portfolio = (await snapshots.GetRecentAsync(db, PortfolioSnapshots.PagePartsMaxAge, cancellationToken)).Portfolio;
        if (portfolio is { Organisation.IsDemo: true })
        {
            return new FirstRunProgress(true, []);
        }

        var organisation = await db.Organisation.AsNoTracking()
            .Select(o => new { Version = EF.Property<int>(o, RowVersion.Property) })
            .SingleOrDefaultAsync(cancellationToken);

        return new FirstRunProgress(false,
        [
            // A new organisation is version 0 until a person saves its name and currency (or its assumptions).
            new("Name the organisation and choose its currency", "Every amount is in this currency.", "/settings/organisation", "Organisation settings", organisation is { Version: > 0 }),
            new("Add departments", "Their headcount and labour rate price the time lost to workarounds.", "/departments/manage", "Departments", portfolio?.Departments.Count > 0),
            new("Add business processes with their revenue", "Revenue per operating hour is what downtime costs.", "/departments/manage", "Processes", portfolio?.Processes.Any(p => p.AnnualRevenue > 0m) == true),
            new("Add systems", "The technology inventory: what each system costs and who owns it.", "/systems/new", "New system", portfolio?.Systems.Count > 0),
            new("Link processes to the systems they depend on", "A system's downtime costs the revenue of the processes that need it.", "/departments/manage", "Dependencies", portfolio?.Dependencies.Count > 0),
            new("Record monthly metrics, or import them", "Uptime, downtime, tickets, users: the technical side of every figure.", "/metrics", "Monthly metrics", portfolio?.Metrics.Count > 0),
        ]);
    }
}
