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
            .ToDictionary(s => s.Name, s => s.Id, StringComparer.OrdinalIgnoreCase);
        var rows = Check(file, binding, systems, source, problems, progress, out var total);
        var mapped = import._columns.Where(c => c.Key is not null && binding.Indexes[binding.IndexOf(c.Key)] >= 0).ToList();

        var plan = new ImportPlan(ImportKind.Metrics, file.FileName, total, 0, 0, 0, problems, false);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            progress?.Report(new ImportProgress("Loading", 0));
            await import.StageAsync(rows, transaction.GetDbTransaction(), cancellationToken);
            var (added, changed) = await import.CountAsync(mapped, transaction.GetDbTransaction(), cancellationToken);
            plan = plan with { New = added, Changed = changed, Unchanged = rows.Count - added - changed };
            if (!write || problems.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return;
            }

            progress?.Report(new ImportProgress("Writing", rows.Count));
            await import.WriteAsync(mapped, transaction.GetDbTransaction(), cancellationToken);
            if (added + changed > 0)
            {
                await PortfolioDocuments.PortfolioStore.MarkChangedAsync(db, cancellationToken);
            }

            db.AuditTrail.Add(Audit.AuditEntry.Event(DateTime.UtcNow, Audit.AuditAction.Imported, db.Actor, nameof(MonthlyMetrics), null,
                $"Imported monthly metrics from {file.FileName}: {total} rows, {added} new, {changed} changed, {rows.Count - added - changed} unchanged. Written in bulk: the months' values are in the file, not itemised here."));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            plan = plan with { Written = true };
        });
        return plan;
    }

    private static List<MonthlyMetrics> Check(SpreadsheetFile file, ColumnBinding binding, Dictionary<string, Guid> systems, InputSource source,
        List<ImportProblem> problems, IProgress<ImportProgress>? progress, out int total)
    {
        var rows = new List<MonthlyMetrics>();
        var seen = new Dictionary<(Guid, YearMonth), int>();
        total = 0;
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
            try
            {
                var metrics = new MonthlyMetrics(systemId, m, measure => row.Number(measure.Key))
                {
                    P1 = Tickets(row, Severity.P1),
                    P2 = Tickets(row, Severity.P2),
                    P3 = Tickets(row, Severity.P3),
                    P4 = Tickets(row, Severity.P4),
                }.Validated();
                rows.Add(metrics.RecordedBy(source));
            }
            catch (DomainRuleException rule)
            {
                row.Problem(rule);
            }
        }

        return rows;
    }

    private static TicketStats Tickets(ImportRow row, Severity severity) =>
        new(row.Whole(ImportTables.TicketKey(severity, "Count")), row.Number(ImportTables.TicketKey(severity, "ResolutionHours")), row.Number(ImportTables.TicketKey(severity, "UsersAffected")));

    private bool IsPostgres => _db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) ?? false;

    private string ColumnList(string? alias = null) => string.Join(", ", _columns.Select(c => alias is null ? Quote(c.Column) : $"{alias}.{Quote(c.Column)}"));

    private async Task StageAsync(List<MonthlyMetrics> rows, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var create = IsPostgres
            ? $"CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {ColumnList()} FROM {Quote(_table)} WITH NO DATA"
            : $"CREATE TEMP TABLE {Staging} AS SELECT {ColumnList()} FROM {Quote(_table)} WHERE 0";
        await ExecuteAsync(connection, transaction, create, cancellationToken);
        if (connection is NpgsqlConnection npgsql)
        {
            // The connection is in COPY mode until the importer is disposed: nothing else may run before.
            await using (var importer = await npgsql.BeginBinaryImportAsync($"COPY {Staging} ({ColumnList()}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(cancellationToken);
                    foreach (var column in _columns)
                    {
                        var value = column.ProviderValue(row);
                        if (value is null)
                        {
                            await importer.WriteNullAsync(cancellationToken);
                        }
                        else
                        {
                            await importer.WriteAsync(value, TypeOf(value), cancellationToken);
                        }
                    }
                }

                await importer.CompleteAsync(cancellationToken);
            }

            await ExecuteAsync(connection, transaction, $"ANALYZE {Staging}", cancellationToken);
            return;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {Staging} ({ColumnList()}) VALUES ({string.Join(", ", _columns.Select((_, i) => $"@p{i}"))})";
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

    private async Task<(int New, int Changed)> CountAsync(List<StagedColumn> mapped, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT COALESCE(SUM(CASE WHEN t.{Quote(_columns[0].Column)} IS NULL THEN 1 ELSE 0 END), 0), " +
            $"COALESCE(SUM(CASE WHEN t.{Quote(_columns[0].Column)} IS NOT NULL AND ({Differs(mapped)}) THEN 1 ELSE 0 END), 0) " +
            $"FROM {Staging} s LEFT JOIN {Quote(_table)} t ON {Matches()}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task WriteAsync(List<StagedColumn> mapped, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var version = Quote(RowVersion.Property);
        if (mapped.Count > 0)
        {
            var set = string.Join(", ", mapped.Concat(_columns.Where(c => c.IsSource)).Select(c => $"{Quote(c.Column)} = s.{Quote(c.Column)}"));
            await ExecuteAsync(connection, transaction,
                $"UPDATE {Quote(_table)} AS t SET {set}, {version} = t.{version} + 1 FROM {Staging} AS s WHERE {Matches()} AND ({Differs(mapped)})", cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            $"INSERT INTO {Quote(_table)} ({ColumnList()}, {version}) SELECT {ColumnList("s")}, 0 FROM {Staging} AS s " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {Quote(_table)} AS t WHERE {Matches()})", cancellationToken);
        if (!IsPostgres)
        {
            await ExecuteAsync(connection, transaction, $"DROP TABLE {Staging}", cancellationToken);
        }
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

    private static NpgsqlDbType TypeOf(object value) => value switch
    {
        Guid => NpgsqlDbType.Uuid,
        decimal => NpgsqlDbType.Numeric,
        int => NpgsqlDbType.Integer,
        long => NpgsqlDbType.Bigint,
        DateTime => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>One column of the staging table: its EF property (for the name and the value's stored form) and its value in a row.</summary>
    private sealed record StagedColumn(IProperty Property, StoreObjectIdentifier Store, Func<MonthlyMetrics, object?> Value, string? Key, bool IsSource = false)
    {
        public string Column { get; } = Property.GetColumnName(Store)!;

        public RelationalTypeMapping Mapping { get; } = (RelationalTypeMapping)Property.GetTypeMapping();

        public object? ProviderValue(MonthlyMetrics row) => Value(row) is { } value ? Mapping.Converter?.ConvertToProvider(value) ?? value : null;
    }
}
