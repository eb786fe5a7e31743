using BusinessValue.Domain;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>Runs a <see cref="RecordImport"/> over a file: every row checked, then all saved in one transaction, or nothing.</summary>
internal static class RecordImportRun
{
    public static async Task<ImportPlan> RunAsync(BusinessValueDbContext db, SpreadsheetFile file, ImportMapping mapping, bool write, InputSource source,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var table = ImportTables.Of(mapping.Kind);
        var plan = new ImportPlan(mapping.Kind, file.FileName, 0, 0, 0, 0, [], false);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var problems = new List<ImportProblem>();
            var binding = ColumnBinding.Of(table, file.Headings, mapping, problems);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var import = RecordImport.For(mapping.Kind, db, source, source.RecordedAtUtc);
            await import.LoadAsync(cancellationToken);
            int rows = 0, added = 0, changed = 0, unchanged = 0;
            foreach (var cells in file.Rows())
            {
                rows++;
                if (rows % 1000 == 0)
                {
                    progress?.Report(new ImportProgress("Checking", rows));
                }

                switch (import.Apply(new ImportRow(binding, cells, file.DecimalComma, problems)))
                {
                    case RowOutcome.New: added++; break;
                    case RowOutcome.Changed: changed++; break;
                    case RowOutcome.Unchanged: unchanged++; break;
                }
            }

            if (rows == 0)
            {
                problems.Add(ImportProblem.NoRows);
            }

            plan = new ImportPlan(mapping.Kind, file.FileName, rows, added, changed, unchanged, problems, false);
            if (!write || problems.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return;
            }

            progress?.Report(new ImportProgress("Writing", rows));
            db.AuditTrail.Add(AuditEntry.Event(DateTime.UtcNow, AuditAction.Imported, db.Actor, table.Title, null,
                $"Imported {table.Name} from {file.FileName}: {rows} rows, {added} new, {changed} changed, {unchanged} unchanged."));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            plan = plan with { Written = true };
        });
        return plan;
    }
}
