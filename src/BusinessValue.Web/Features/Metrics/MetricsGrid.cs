using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Metrics;

/// <summary>
/// One system's month in the grid: a value per <see cref="MetricsColumn.All"/>, null where nothing is recorded, and
/// the stored month's version as read (null when no month was stored), so a save does not overwrite a later one.
/// </summary>
public sealed record MetricsGridRow(Guid SystemId, string SystemName, IReadOnlyList<decimal?> Values, int? Version = null);

/// <summary>A row someone else saved since the grid was read: the values typed here and the month as now stored.</summary>
public sealed record MetricsGridConflict(MetricsGridRow Yours, MetricsGridRow Theirs);

/// <summary>One page of systems for one month.</summary>
public sealed record MetricsGridPage(YearMonth Month, IReadOnlyList<MetricsGridRow> Rows, int TotalSystems);

/// <summary>A value the grid could not save: which system, which column, why.</summary>
public sealed record MetricsCellProblem(Guid SystemId, string SystemName, string ColumnKey, string Column, string Reason)
{
    public override string ToString() => $"{SystemName}, {Column}: {Reason}";
}

/// <summary>
/// What became of a save: how many months were written, or the cells that stopped it (then nothing was written).
/// Rows in <see cref="Conflicts"/> were changed by someone else meanwhile and were not written; the others were.
/// </summary>
public sealed record MetricsGridSaveOutcome(int Written, IReadOnlyList<MetricsCellProblem> Problems, string? Refusal = null, IReadOnlyList<MetricsGridConflict>? Conflicts = null)
{
    public IReadOnlyList<MetricsGridConflict> Conflicts { get; init; } = Conflicts ?? [];

    public bool IsSaved => Refusal is null && Problems.Count == 0 && this.Conflicts.Count == 0;
}

/// <summary>
/// The monthly metrics grid: systems × one month, for IT directors who keep the technical metrics by hand. It
/// writes through <see cref="MetricsUpserts"/>, the API's path: the same checks, one transaction, field by field;
/// but unlike the API it never overwrites a month saved since the grid was read: such rows come back as conflicts,
/// and the other rows of the same save are written (docs/decisions/0005-optimistic-concurrency.md).
/// </summary>
public sealed class MetricsGrid(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access, TimeProvider clock)
{
    /// <summary>The month the grid opens on: the latest one with metrics, else last month.</summary>
    public async Task<YearMonth> DefaultMonthAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var months = await db.Metrics.AsNoTracking().Select(m => m.Month).Distinct().ToListAsync(cancellationToken);
        return months.Count > 0 ? months.Max() : YearMonth.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).AddMonths(-1);
    }

    /// <summary>The systems whose name contains <paramref name="filter"/>, by name, one page of them.</summary>
    public async Task<MetricsGridPage> LoadAsync(YearMonth month, string? filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = db.Systems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            // Lower-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
            var text = filter.Trim().ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); a StringComparison overload is not
            systems = systems.Where(s => s.Name.ToLower().Contains(text));
#pragma warning restore CA1862, CA1304, CA1311
        }

        var total = await systems.CountAsync(cancellationToken);
        var shown = await systems.OrderBy(s => s.Name).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var ids = shown.Select(s => s.Id).ToList();
        var stored = await StoredAsync(db, month, ids, cancellationToken);
        var rows = shown.Select(s => RowOf(s.Id, s.Name, stored)).ToList();
        return new MetricsGridPage(month, rows, total);
    }

    /// <summary>The month before <paramref name="month"/> of these systems, for "copy last month"; systems without one are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<decimal?>>> PreviousMonthAsync(IReadOnlyCollection<Guid> systemIds, YearMonth month, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(systemIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var previous = month.AddMonths(-1);
        var ids = systemIds.ToList();
        return (await db.Metrics.AsNoTracking().Where(m => m.Month == previous && ids.Contains(m.SystemId)).ToListAsync(cancellationToken))
            .ToDictionary(m => m.SystemId, m => (IReadOnlyList<decimal?>)ValuesOf(m));
    }

    /// <summary>
    /// Saves the rows the reader changed: every cell is checked first and, if any is out of its measure's range,
    /// nothing is written and each such cell is named. A row with nothing in it and nothing stored is not written.
    /// </summary>
    public async Task<MetricsGridSaveOutcome> SaveAsync(YearMonth month, IReadOnlyList<MetricsGridRow> changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return new MetricsGridSaveOutcome(0, [], "Only an IT director or an administrator may record metrics; nothing was saved.");
        }

        var problems = new List<MetricsCellProblem>();
        foreach (var row in changed)
        {
            foreach (var column in MetricsColumn.All)
            {
                if (column.ProblemWith(row.Values[column.Index], month) is { } reason)
                {
                    problems.Add(new MetricsCellProblem(row.SystemId, row.SystemName, column.Key, column.Name, reason));
                }
            }
        }

        if (problems.Count > 0)
        {
            return new MetricsGridSaveOutcome(0, problems);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var ids = changed.Select(r => r.SystemId).ToList();
        var known = await db.Systems.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var source = InputSource.Entered(db.Actor.Name, clock.GetUtcNow().UtcDateTime);
        var months = new List<MonthlyMetrics>();
        foreach (var row in changed)
        {
            if (!known.Contains(row.SystemId))
            {
                problems.Add(new MetricsCellProblem(row.SystemId, row.SystemName, string.Empty, "System", "no longer exists: someone may have removed it."));
                continue;
            }

            if (row.Values.All(v => v is null) && row.Version is null)
            {
                continue;
            }

            try
            {
                months.Add(MetricsColumn.MonthOf(row.SystemId, month, row.Values).Validated(source.RecordedAtUtc).RecordedBy(source));
            }
            catch (DomainRuleException problem)
            {
                problems.Add(new MetricsCellProblem(row.SystemId, row.SystemName, string.Empty, problem.Field, problem.Reason));
            }
        }

        if (problems.Count > 0)
        {
            return new MetricsGridSaveOutcome(0, problems);
        }

        var versionRead = changed.ToDictionary(r => r.SystemId, r => r.Version);
        var (_, conflicting) = await MetricsUpserts.ApplyIfUnchangedAsync(db, months, m => versionRead[m.SystemId], cancellationToken);
        if (conflicting.Count == 0)
        {
            return new MetricsGridSaveOutcome(months.Count, []);
        }

        var conflictIds = conflicting.Select(m => m.SystemId).ToList();
        var now = await StoredAsync(db, month, conflictIds, cancellationToken);
        var conflicts = changed.Where(r => conflictIds.Contains(r.SystemId))
            .Select(r => new MetricsGridConflict(r, RowOf(r.SystemId, r.SystemName, now)))
            .ToList();
        return new MetricsGridSaveOutcome(months.Count - conflicts.Count, [], Conflicts: conflicts);
    }

    private static async Task<Dictionary<Guid, (MonthlyMetrics Month, int Version)>> StoredAsync(BusinessValueDbContext db, YearMonth month, List<Guid> ids, CancellationToken cancellationToken) =>
        (await db.Metrics.AsNoTracking().Where(m => m.Month == month && ids.Contains(m.SystemId))
            .Select(m => new { Month = m, Version = EF.Property<int>(m, RowVersion.Property) })
            .ToListAsync(cancellationToken))
        .ToDictionary(m => m.Month.SystemId, m => (m.Month, m.Version));

    private static MetricsGridRow RowOf(Guid systemId, string name, Dictionary<Guid, (MonthlyMetrics Month, int Version)> stored) =>
        stored.TryGetValue(systemId, out var month) ? new(systemId, name, ValuesOf(month.Month), month.Version) : new(systemId, name, ValuesOf(null));

    private static List<decimal?> ValuesOf(MonthlyMetrics? month) =>
        MetricsColumn.All.Select(c => month is null ? null : c.ValueIn(month)).ToList();
}
