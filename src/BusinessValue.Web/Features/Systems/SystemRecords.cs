using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Systems;

/// <summary>What the inventory records about one system besides its own fields, for the tabs of its edit page.</summary>
public sealed class SystemRecords(IDbContextFactory<BusinessValueDbContext> contexts)
{
    public async Task<IReadOnlyList<DependencyLine>> DependenciesAsync(Guid systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from d in db.Dependencies.AsNoTracking()
                      join p in db.Processes on d.ProcessId equals p.Id
                      where d.SystemId == systemId
                      orderby p.Name
                      select new DependencyLine(p.Name, d.RevenueShare)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkaroundLine>> WorkaroundsAsync(Guid systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Workarounds.AsNoTracking()
            .Where(w => w.Systems.Any(l => l.SystemId == systemId))
            .Select(w => new
            {
                w.Description,
                w.Kind,
                w.Status,
                w.People,
                w.HoursPerPersonPerWeek,
                Department = db.Departments.Where(d => d.Id == w.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return found.OrderBy(w => w.Description, StringComparer.CurrentCulture)
            .Select(w => new WorkaroundLine(w.Description, w.Department, w.Kind, w.Status, w.People, w.HoursPerPersonPerWeek)).ToList();
    }

    /// <summary>The months with metrics, newest first.</summary>
    public async Task<IReadOnlyList<YearMonth>> MonthsAsync(Guid systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var months = await db.Metrics.AsNoTracking().Where(m => m.SystemId == systemId).Select(m => m.Month).ToListAsync(cancellationToken);
        return months.OrderDescending().ToList();
    }
}
