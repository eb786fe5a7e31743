using System.Data.Common;
using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// Monthly metrics in bulk (docs/import.md#volume): rows are read and checked as they stream in, loaded into a
/// temporary table (PostgreSQL: binary COPY; SQLite: one prepared statement), then compared with and written to
/// <c>monthly_metrics</c> by two set-based statements in the same transaction: the months that differ are updated
/// (only the columns in the file; their <c>Version</c> raised) and the new ones inserted. No row is tracked by
/// EF Core, so the audit trail gets one entry for the import, naming the file and the counts.
/// </summary>
internal sealed class MetricsImport
{
    private const string Staging = "import_metrics";

    private readonly BusinessValueDbContext _db;
    private readonly List<StagedColumn> _columns;
    private readonly string _table;

    private MetricsImport(BusinessValueDbContext db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(MonthlyMetrics))!;
        _table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, entity.GetSchema());
        _columns =
        [
            new(entity.FindProperty(nameof(MonthlyMetrics.SystemId))!, store, m => m.SystemId, null),
            new(entity.FindProperty(nameof(MonthlyMetrics.Month))!, store, m => m.Month, null),
        ];
        foreach (var measure in Measures.All)
        {
            _columns.Add(new(entity.FindProperty(measure.Key)!, store, m => m[measure.Key], measure.Key));
        }

        foreach (var severity in Enum.GetValues<Severity>())
        {
            var tickets = entity.FindComplexProperty(severity.ToString())!.ComplexType;
            _columns.Add(new(tickets.FindProperty(nameof(TicketStats.Count))!, store, m => m.Tickets(severity).Count, ImportTables.TicketKey(severity, "Count")));
            _columns.Add(new(tickets.FindProperty(nameof(TicketStats.TotalResolutionHours))!, store, m => m.Tickets(severity).TotalResolutionHours, ImportTables.TicketKey(severity, "ResolutionHours")));
            _columns.Add(new(tickets.FindProperty(nameof(TicketStats.AverageUsersAffected))!, store, m => m.Tickets(severity).AverageUsersAffected, ImportTables.TicketKey(severity, "UsersAffected")));
        }

        var source = entity.FindComplexProperty(nameof(MonthlyMetrics.Source))!.ComplexType;
        _columns.Add(new(source.FindProperty(nameof(InputSource.Kind))!, store, m => m.Source?.Kind, null, IsSource: true));
        _columns.Add(new(source.FindProperty(nameof(InputSource.Detail))!, store, m => m.Source?.Detail, null, IsSource: true));
        _columns.Add(new(source.FindProperty(nameof(InputSource.RecordedAtUtc))!, store, m => m.Source?.RecordedAtUtc, null, IsSource: true));
    }

    public static async Task<ImportPlan> RunAsync(BusinessValueDbContext db, SpreadsheetFile file, ImportMapping mapping, bool write, InputSource source,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var import = new MetricsImport(db);
        var problems = new List<ImportProblem>();
        var binding = ColumnBinding.Of(ImportTables.Metrics, file.Headings, mapping, problems);
        var systems = (await db.Systems.AsNoTracking().Select(s => new { s.Name, s.Id }).ToListAsync(cancellationToken))
            .ByName(s => s.Name).ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.OrdinalIgnoreCase);
        var mapped = import._columns.Where(c => c.Key is not null && binding.Indexes[binding.IndexOf(c.Key)] >= 0).ToList();
        var plan = new ImportPlan(ImportKind.Metrics, file.FileName, 0, 0, 0, 0, problems, false);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            problems.RemoveRange(0, problems.Count);
            ColumnBinding.Of(ImportTables.Metrics, file.Headings, mapping, problems);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dbTransaction = transaction.GetDbTransaction();
            if (import.IsPostgres)
            {
                // Other writers of monthly metrics wait for the import (readers do not), so the months found new
                // below are still new when they are written.
                await ExecuteAsync(dbTransaction.Connection!, dbTransaction, $"LOCK TABLE {Quote(import._table)} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
            }

            var rows = new List<MonthlyMetrics>();
            var total = Check(file, binding, systems, source, problems, progress, rows.Add);
            progress?.Report(new ImportProgress("Comparing", rows.Count));
            var existing = await import.ExistingAsync(rows, dbTransaction, cancellationToken);
            var fresh = rows.Where(r => !existing.Contains((r.SystemId, r.Month))).ToList();
            var known = rows.Where(r => existing.Contains((r.SystemId, r.Month))).ToList();
            var added = fresh.Count;
            var changed = 0;
            if (known.Count > 0 && mapped.Count > 0)
            {
                await import.LoadAsync(known, Staging, withVersion: false, dbTransaction, create: true, cancellationToken);
            }

            if (!write || problems.Count > 0)
            {
                if (known.Count > 0 && mapped.Count > 0)
                {
                    changed = await import.CountChangedAsync(mapped, dbTransaction, cancellationToken);
                }

                plan = plan with { Rows = total, New = added, Changed = changed, Unchanged = known.Count - changed };
                await transaction.RollbackAsync(cancellationToken);
                return;
            }

            progress?.Report(new ImportProgress("Writing", rows.Count));
            if (fresh.Count > 0)
            {
                // New months go straight into the table: one write each, as fast as the database takes rows in.
                await import.LoadAsync(fresh, Quote(import._table), withVersion: true, dbTransaction, create: false, cancellationToken);
            }

            if (known.Count > 0 && mapped.Count > 0)
            {
                changed = await import.UpdateAsync(mapped, dbTransaction, cancellationToken);
            }

            plan = plan with { Rows = total, New = added, Changed = changed, Unchanged = known.Count - changed };
            if (added + changed > 0)
            {
                await PortfolioDocuments.PortfolioStore.MarkChangedAsync(db, cancellationToken);
            }

            db.AuditTrail.Add(Audit.AuditEntry.Event(DateTime.UtcNow, Audit.AuditAction.Imported, db.Actor, nameof(MonthlyMetrics), null,
                $"Imported monthly metrics from {file.FileName}: {total} rows, {added} new, {changed} changed, {known.Count - changed} unchanged. Written in bulk: the months' values are in the file, not itemised here."));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            plan = plan with { Written = true };
        });
        return plan with { Problems = [.. problems] };
    }

    /// <summary>Checks each row, handing each sound one to <paramref name="accept"/>; returns the rows read.</summary>
    private static int Check(SpreadsheetFile file, ColumnBinding binding, Dictionary<string, Guid> systems, InputSource source,
        List<ImportProblem> problems, IProgress<ImportProgress>? progress, Action<MonthlyMetrics> accept)
    {
        var seen = new Dictionary<(Guid, YearMonth), int>();
        var total = 0;
        progress?.Report(new ImportProgress("Checking", 0));
        foreach (var cells in file.Rows())
        {
            total++;
            if (total % 10_000 == 0)
            {
                progress?.Report(new ImportProgress("Checking", total));
            }

            var row = new ImportRow(binding, cells, file.DecimalComma, problems);
            var system = row.Text("system");
            var month = row.Month("month");
            Guid systemId = default;
            if (system is not null && !systems.TryGetValue(system, out systemId))
            {
                row.Problem("system", $"'{system}' is not a system of this organisation (import the systems first, or correct the name).");
            }

            if (!row.IsSound || month is not { } m)
            {
                continue;
            }

            if (seen.TryGetValue((systemId, m), out var earlier))
            {
                row.ProblemOfRow($"repeats the system '{system}' and month {m} of row {earlier}: each month of a system appears once in a file.");
                continue;
            }

            seen[(systemId, m)] = row.RowNumber;
            MonthlyMetrics metrics;
            try
            {
                metrics = new MonthlyMetrics(systemId, m, measure => row.Number(measure.Key))
                {
                    P1 = Tickets(row, Severity.P1),
                    P2 = Tickets(row, Severity.P2),
                    P3 = Tickets(row, Severity.P3),
                    P4 = Tickets(row, Severity.P4),
                }.Validated().RecordedBy(source);
            }
            catch (DomainRuleException rule)
            {
                row.Problem(rule);
                continue;
            }

            accept(metrics);
        }

        return total;
    }

    private static TicketStats Tickets(ImportRow row, Severity severity) =>
        new(row.Whole(ImportTables.TicketKey(severity, "Count")), row.Number(ImportTables.TicketKey(severity, "ResolutionHours")), row.Number(ImportTables.TicketKey(severity, "UsersAffected")));

    private bool IsPostgres => _db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) ?? false;

    private string ColumnList(string? alias = null) => string.Join(", ", _columns.Select(c => alias is null ? Quote(c.Column) : $"{alias}.{Quote(c.Column)}"));

    /// <summary>The months of the file's systems already stored, among the months the rows name.</summary>
    private async Task<HashSet<(Guid, YearMonth)>> ExistingAsync(List<MonthlyMetrics> rows, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var keys = new HashSet<(Guid, YearMonth)>();
        if (rows.Count == 0)
        {
            return keys;
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        // Months are stored as YYYY-MM, so text order is time order.
        command.CommandText = $"SELECT {Quote(_columns[0].Column)}, {Quote(_columns[1].Column)} FROM {Quote(_table)} WHERE {Quote(_columns[1].Column)} BETWEEN @first AND @last";
        command.Parameters.Add(_columns[1].Mapping.CreateParameter(command, "@first", rows.Min(r => r.Month)));
        command.Parameters.Add(_columns[1].Mapping.CreateParameter(command, "@last", rows.Max(r => r.Month)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var system = reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0));
            keys.Add((system, YearMonth.Parse(reader.GetString(1))));
        }

        return keys;
    }

    /// <summary>Loads months into <paramref name="target"/>: binary COPY on PostgreSQL, one prepared statement on SQLite.</summary>
    private async Task LoadAsync(List<MonthlyMetrics> rows, string target, bool withVersion, DbTransaction transaction, bool create, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        if (create)
        {
            await ExecuteAsync(connection, transaction, IsPostgres
                ? $"CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {ColumnList()} FROM {Quote(_table)} WITH NO DATA"
                : $"CREATE TEMP TABLE {Staging} AS SELECT {ColumnList()} FROM {Quote(_table)} WHERE 0", cancellationToken);
        }

        var columns = withVersion ? $"{ColumnList()}, {Quote(RowVersion.Property)}" : ColumnList();
        if (connection is NpgsqlConnection npgsql)
        {
            // The connection is in COPY mode until the importer is disposed: nothing else may run before. Typed,
            // synchronous writes into the importer's buffer: one await per value would cost more than the rest.
            await using (var importer = await npgsql.BeginBinaryImportAsync($"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    Copy(importer, row, withVersion);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            if (create)
            {
                await ExecuteAsync(connection, transaction, $"ANALYZE {Staging}", cancellationToken);
            }

            return;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {target} ({columns}) VALUES ({string.Join(", ", _columns.Select((_, i) => $"@p{i}"))}{(withVersion ? ", 0" : string.Empty)})";
        foreach (var row in rows)
        {
            insert.Parameters.Clear();
            for (var i = 0; i < _columns.Count; i++)
            {
                insert.Parameters.Add(_columns[i].Mapping.CreateParameter(insert, $"@p{i}", _columns[i].Value(row)));
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>One month into the COPY stream, in the order of the staging table's columns.</summary>
    private static void Copy(NpgsqlBinaryImporter importer, MonthlyMetrics row, bool withVersion)
    {
        importer.StartRow();
        importer.Write(row.SystemId, NpgsqlDbType.Uuid);
        importer.Write(row.Month.ToString(), NpgsqlDbType.Text);
        foreach (var measure in Measures.All)
        {
            if (row.ValueOf(measure) is not { } value)
            {
                importer.WriteNull();
            }
            else if (measure.WholeNumber)
            {
                importer.Write((int)value, NpgsqlDbType.Integer);
            }
            else
            {
                importer.Write(value, NpgsqlDbType.Numeric);
            }
        }

        foreach (var severity in Enum.GetValues<Severity>())
        {
            var tickets = row.Tickets(severity);
            Nullable(importer, tickets.Count, NpgsqlDbType.Integer);
            Nullable(importer, tickets.TotalResolutionHours, NpgsqlDbType.Numeric);
            Nullable(importer, tickets.AverageUsersAffected, NpgsqlDbType.Numeric);
        }

        importer.Write(row.Source!.Kind.ToString(), NpgsqlDbType.Text);
        importer.Write(row.Source.Detail, NpgsqlDbType.Text);
        importer.Write(row.Source.RecordedAtUtc, NpgsqlDbType.TimestampTz);
        if (withVersion)
        {
            importer.Write(0, NpgsqlDbType.Integer);
        }
    }

    private static void Nullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            importer.Write(v, type);
        }
        else
        {
            importer.WriteNull();
        }
    }

    /// <summary>How many staged months differ from the stored ones in a column of the file.</summary>
    private async Task<int> CountChangedAsync(List<StagedColumn> mapped, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {Staging} s JOIN {Quote(_table)} t ON {Matches()} WHERE {Differs(mapped)}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Updates the stored months that differ (only the file's columns, and the source), raising their version; returns how many.</summary>
    private async Task<int> UpdateAsync(List<StagedColumn> mapped, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var version = Quote(RowVersion.Property);
        var set = string.Join(", ", mapped.Concat(_columns.Where(c => c.IsSource)).Select(c => $"{Quote(c.Column)} = s.{Quote(c.Column)}"));
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        command.CommandText = $"UPDATE {Quote(_table)} AS t SET {set}, {version} = t.{version} + 1 FROM {Staging} AS s WHERE {Matches()} AND ({Differs(mapped)})";
        var updated = await command.ExecuteNonQueryAsync(cancellationToken);
        if (!IsPostgres)
        {
            await ExecuteAsync(transaction.Connection!, transaction, $"DROP TABLE {Staging}", cancellationToken);
        }

        return updated;
    }

    private string Matches() => $"t.{Quote(_columns[0].Column)} = s.{Quote(_columns[0].Column)} AND t.{Quote(_columns[1].Column)} = s.{Quote(_columns[1].Column)}";

    private static string Differs(List<StagedColumn> mapped) =>
        mapped.Count == 0 ? "1 = 0" : string.Join(" OR ", mapped.Select(c => $"t.{Quote(c.Column)} IS DISTINCT FROM s.{Quote(c.Column)}"));

    private static string Quote(string identifier) => $"\"{identifier}\"";

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One column of the staging table: its EF property (for the name and the value's stored form) and its value in a row.</summary>
    private sealed record StagedColumn(IProperty Property, StoreObjectIdentifier Store, Func<MonthlyMetrics, object?> Value, string? Key, bool IsSource = false)
    {
        public string Column { get; } = Property.GetColumnName(Store)!;

        public RelationalTypeMapping Mapping { get; } = (RelationalTypeMapping)Property.GetTypeMapping();
    }
}
