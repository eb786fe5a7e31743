using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Systems;

/// <summary>
/// The inventory list, a page at a time: the database filters, sorts, counts and cuts the page, so a list of
/// 10,000 systems never travels into the circuit whole (docs/performance.md).
/// </summary>
public sealed class SystemListing(IDbContextFactory<BusinessValueDbContext> contexts)
{
    public async Task<SystemListPage> PageAsync(SystemListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, SystemListQuery.MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matching = Filter(db.Systems.AsNoTracking(), query);
        var total = await matching.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await Sorted(matching, query.Sort, query.Descending)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(s => new SystemListRow(s.Id, s.Name, s.Category, s.Vendor, s.Lifecycle, s.StrategicFit, s.ItOwner, s.BusinessOwner,
                s.Costs.Licences + s.Costs.Infrastructure + s.Costs.SupportStaff + s.Costs.Other))
            .ToListAsync(cancellationToken);
        var currency = await db.Organisation.AsNoTracking().Select(o => o.Currency).SingleOrDefaultAsync(cancellationToken);
        return new SystemListPage(rows, total, page, size, currency.Code ?? CurrencyCode.Default.Code);
    }

    /// <summary>The categories in use, for the filter; a handful even in a large inventory.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Systems.AsNoTracking().Select(s => s.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    private static IQueryable<ItSystem> Filter(IQueryable<ItSystem> systems, SystemListQuery query)
    {
        if (query.Lifecycle is { } lifecycle)
        {
            systems = systems.Where(s => s.Lifecycle == lifecycle);
        }

        if (query.StrategicFit is { } fit)
        {
            systems = systems.Where(s => s.StrategicFit == fit);
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var category = query.Category.Trim();
            systems = systems.Where(s => s.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Lower-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's only for ASCII.
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); a culture overload would not translate
            var words = query.Search.Trim().ToLowerInvariant();
            systems = systems.Where(s => s.Name.ToLower().Contains(words)
                                         || (s.Vendor != null && s.Vendor.ToLower().Contains(words))
                                         || (s.ItOwner != null && s.ItOwner.ToLower().Contains(words))
                                         || (s.BusinessOwner != null && s.BusinessOwner.ToLower().Contains(words)));
#pragma warning restore CA1862, CA1304, CA1311
        }

        return systems;
    }

    // Sorted as floating point: SQLite keeps decimals as text and adds them through a function called per row
    // (about a second for 10,000 systems), while a cast to REAL adds natively. Amounts shown stay exact decimals;
    // only the order could differ, for totals equal to 15 significant digits, and the name breaks those ties.
    private static readonly System.Linq.Expressions.Expression<Func<ItSystem, double>> TotalCostForSorting =
        s => (double)s.Costs.Licences + (double)s.Costs.Infrastructure + (double)s.Costs.SupportStaff + (double)s.Costs.Other;

    // The name breaks ties, so a page never repeats or skips a system whatever the sort.
    private static IQueryable<ItSystem> Sorted(IQueryable<ItSystem> systems, SystemListSort sort, bool descending) => (sort, descending) switch
    {
        (SystemListSort.Category, false) => systems.OrderBy(s => s.Category).ThenBy(s => s.Name),
        (SystemListSort.Category, true) => systems.OrderByDescending(s => s.Category).ThenBy(s => s.Name),
        (SystemListSort.Lifecycle, false) => systems.OrderBy(s => s.Lifecycle).ThenBy(s => s.Name),
        (SystemListSort.Lifecycle, true) => systems.OrderByDescending(s => s.Lifecycle).ThenBy(s => s.Name),
        (SystemListSort.StrategicFit, false) => systems.OrderBy(s => s.StrategicFit).ThenBy(s => s.Name),
        (SystemListSort.StrategicFit, true) => systems.OrderByDescending(s => s.StrategicFit).ThenBy(s => s.Name),
        (SystemListSort.TotalCostOfOwnership, false) => systems.OrderBy(TotalCostForSorting).ThenBy(s => s.Name),
        (SystemListSort.TotalCostOfOwnership, true) => systems.OrderByDescending(TotalCostForSorting).ThenBy(s => s.Name),
        (_, true) => systems.OrderByDescending(s => s.Name),
        _ => systems.OrderBy(s => s.Name),
    };
}
