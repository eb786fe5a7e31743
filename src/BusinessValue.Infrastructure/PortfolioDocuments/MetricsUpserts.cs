using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>The outcome of an upsert: how many months were new and how many replaced an earlier report.</summary>
public sealed record MetricsUpsertResult(int Created, int Replaced);

/// <summary>
/// Writes systems' monthly metrics pushed by a monitoring tool: every row is checked first, and then all are
/// written in one transaction, or none (docs/api.md). Writing the same month again replaces it, field by
/// field, so a repeated request changes nothing.
/// </summary>
public static class MetricsUpserts
{
    /// <summary>Checks each row; <paramref name="pathOf"/> names a row in the problems ("$.metrics[3]").</summary>
    public static (IReadOnlyList<MonthlyMetrics> Rows, IReadOnlyList<PortfolioProblem> Problems) Check(
        IReadOnlyList<MetricsDocument?> documents, Func<int, string> pathOf, IReadOnlySet<Guid> knownSystems, InputSource source)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(pathOf);
        ArgumentNullException.ThrowIfNull(knownSystems);
        var rows = new List<MonthlyMetrics>(documents.Count);
        var problems = new List<PortfolioProblem>();
        var seen = new HashSet<(Guid, YearMonth)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var path = pathOf(i);
            if (documents[i] is not { } document)
            {
                problems.Add(new PortfolioProblem(path, "is empty."));
                continue;
            }

            var ok = true;
            if (!knownSystems.Contains(document.SystemId))
            {
                problems.Add(new PortfolioProblem($"{path}.systemId", $"is not a system of this organisation (it is '{document.SystemId}')."));
                ok = false;
            }

            if (!YearMonth.TryParse(document.Month, out var month))
            {
                problems.Add(new PortfolioProblem($"{path}.month", $"must be a month written YYYY-MM, such as 2026-07 (it is '{document.Month}')."));
                ok = false;
            }
            else if (!seen.Add((document.SystemId, month)))
            {
                problems.Add(new PortfolioProblem(path, $"repeats the same system and month ({month}) as an earlier row."));
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            try
            {
                rows.Add(document.ToMetrics(month, source.RecordedAtUtc).RecordedBy(source));
            }
            catch (DomainRuleException problem)
            {
                problems.Add(new PortfolioProblem(path, problem.Message));
            }
        }

        return (rows, problems);
    }

    /// <summary>
    /// Writes checked rows in one transaction: all of them, or none if anything fails. When another request wrote
    /// one of the same new months at the same moment (a tool's retry), it runs once more and replaces it.
    /// Last write wins: this is the monitoring tools' path (docs/api.md).
    /// </summary>
    public static async Task<MetricsUpsertResult> ApplyAsync(BusinessValueDbContext db, IReadOnlyList<MonthlyMetrics> rows, CancellationToken cancellationToken = default) =>
        (await ApplyAsync(db, rows, versionRead: null, cancellationToken)).Result;

    /// <summary>
    /// Writes the rows whose stored month still has the version the writer read (<paramref name="versionRead"/>,
    /// null when no month was stored then); a month saved or removed by someone else meanwhile is left as it is
    /// and returned, so a form shows the conflict instead of overwriting it. The others are written in one transaction.
    /// </summary>
    public static async Task<(MetricsUpsertResult Result, IReadOnlyList<MonthlyMetrics> Conflicts)> ApplyIfUnchangedAsync(
        BusinessValueDbContext db, IReadOnlyList<MonthlyMetrics> rows, Func<MonthlyMetrics, int?> versionRead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versionRead);
        return await ApplyAsync(db, rows, versionRead, cancellationToken);
    }

    private static async Task<(MetricsUpsertResult Result, IReadOnlyList<MonthlyMetrics> Conflicts)> ApplyAsync(
        BusinessValueDbContext db, IReadOnlyList<MonthlyMetrics> rows, Func<MonthlyMetrics, int?>? versionRead, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyOnceAsync(db, rows, versionRead, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent insert of a new month (unique key) or update (version): read again; with versions
            // expected, what changed meanwhile is now a conflict rather than overwritten.
            db.ChangeTracker.Clear();
            return await ApplyOnceAsync(db, rows, versionRead, cancellationToken);
        }
    }

    private static async Task<(MetricsUpsertResult Result, IReadOnlyList<MonthlyMetrics> Conflicts)> ApplyOnceAsync(
        BusinessValueDbContext db, IReadOnlyList<MonthlyMetrics> rows, Func<MonthlyMetrics, int?>? versionRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var result = new MetricsUpsertResult(0, 0);
        var conflicts = new List<MonthlyMetrics>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            conflicts.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var systems = rows.Select(r => r.SystemId).Distinct().ToList();
            var months = rows.Select(r => r.Month).Distinct().ToList();
            var existing = (await db.Metrics.Where(m => systems.Contains(m.SystemId) && months.Contains(m.Month)).ToListAsync(cancellationToken))
                .ToDictionary(m => (m.SystemId, m.Month));
            var created = 0;
            foreach (var row in rows)
            {
                var stored = existing.GetValueOrDefault((row.SystemId, row.Month));
                if (versionRead is not null && versionRead(row) != (stored is null ? null : RowVersion.Of(db, stored)))
                {
                    conflicts.Add(row);
                    continue;
                }

                if (stored is not null)
                {
                    // Field by field, so the audit trail shows what changed and an identical report changes nothing
                    // (not even who sent it last: the stored source stays that of the values as they are).
                    var entry = db.Entry(stored);
                    // A month stored without a source (older data, some imports) gets one as a whole first:
                    // SetValues copies into the stored complex value and fails on a null one.
                    if (stored.Source is null && row.Source is not null)
                    {
                        entry.ComplexProperty(m => m.Source).CurrentValue = row.Source;
                    }

                    entry.CurrentValues.SetValues(row);
                    var measuresChanged = entry.Properties.Any(p => p.IsModified)
                        || entry.ComplexProperties.Where(c => c.Metadata.Name != nameof(MonthlyMetrics.Source)).Any(c => c.Properties.Any(p => p.IsModified));
                    if (!measuresChanged)
                    {
                        entry.State = EntityState.Unchanged;
                    }
                }
                else
                {
                    db.Metrics.Add(row);
                    created++;
                }
            }

            // Months only: the snapshot applies exactly these rows instead of reloading the portfolio (PortfolioSnapshots).
            PortfolioChanges.ExpectMetricsOnly(db);
            // No savepoint around the save (two round trips while the rows are locked): a failure rolls back the whole
            // transaction, which is then tried once more from the start (ApplyAsync).
            var savepoints = db.Database.AutoSavepointsEnabled;
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }

            await transaction.CommitAsync(cancellationToken);
            var written = rows.Count - conflicts.Count;
            result = new MetricsUpsertResult(created, written - created);
        });
        return (result, conflicts);
    }
}
