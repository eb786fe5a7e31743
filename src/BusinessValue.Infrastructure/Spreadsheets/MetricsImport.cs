using System.Data.Common;
using System.Threading.Channels;
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
/// Monthly metrics in bulk (docs/import.md#volume), in one pass: <see cref="MetricsRows"/> reads and checks the rows
/// on another thread while this one tells each sound month new, changed or unchanged (the stored months of the
/// file's months are read once and compared in memory) and writes the new ones straight into <c>monthly_metrics</c>
/// as they come (PostgreSQL: binary COPY; SQLite: one prepared statement). The changed months are then staged and
/// updated by one statement (only the columns in the file; their <c>Version</c> raised). A problem anywhere stops
/// the writing and rolls the transaction back. No row is tracked by EF Core, so the audit trail gets one entry for
/// the import, naming the file and the counts.
/// </summary>
internal sealed class MetricsImport
{
    private const string Staging = "import_metrics";

    private static readonly Severity[] Severities = Enum.GetValues<Severity>();

    private readonly BusinessValueDbContext _db;
    private readonly List<StagedColumn> _columns;
    private readonly string _table;
    private readonly Dictionary<int, string> _monthTexts = [];
    private readonly InputSource _source;
    private readonly string _sourceKind;
    private bool? _isPostgres;

    private MetricsImport(BusinessValueDbContext db, InputSource source)
    {
        _db = db;
        _source = source;
        _sourceKind = source.Kind.ToString();
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
            var slot = measure.Ordinal;
            // Boxed as the column's own type: int? for whole numbers, decimal? otherwise (as MonthlyMetrics' indexer).
            _columns.Add(new(entity.FindProperty(measure.Key)!, store, measure.WholeNumber ? m => m.Whole(slot) : m => m[slot], measure.Key, slot));
        }

        for (var s = 0; s < Severities.Length; s++)
        {
            var severity = Severities[s];
            var slot = CheckedMonths.TicketSlot(s);
            var tickets = entity.FindComplexProperty(severity.ToString())!.ComplexType;
            _columns.Add(new(tickets.FindProperty(nameof(TicketStats.Count))!, store, m => m.Whole(slot), ImportTables.TicketKey(severity, "Count"), slot));
            _columns.Add(new(tickets.FindProperty(nameof(TicketStats.TotalResolutionHours))!, store, m => m[slot + 1], ImportTables.TicketKey(severity, "ResolutionHours"), slot + 1));
            _columns.Add(new(tickets.FindProperty(nameof(TicketStats.AverageUsersAffected))!, store, m => m[slot + 2], ImportTables.TicketKey(severity, "UsersAffected"), slot + 2));
        }

        var sourceType = entity.FindComplexProperty(nameof(MonthlyMetrics.Source))!.ComplexType;
        _columns.Add(new(sourceType.FindProperty(nameof(InputSource.Kind))!, store, _ => source.Kind, null, IsSource: true));
        _columns.Add(new(sourceType.FindProperty(nameof(InputSource.Detail))!, store, _ => source.Detail, null, IsSource: true));
        _columns.Add(new(sourceType.FindProperty(nameof(InputSource.RecordedAtUtc))!, store, _ => source.RecordedAtUtc, null, IsSource: true));
    }

    public static async Task<ImportPlan> RunAsync(BusinessValueDbContext db, SpreadsheetFile file, ImportMapping mapping, bool write, InputSource source,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var import = new MetricsImport(db, source);
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

            // One pass: rows are checked on another thread while this one compares them with the stored months and
            // writes the new ones as they come (binary COPY on PostgreSQL). A problem anywhere stops the writing,
            // and the transaction is rolled back: nothing is written, and every row is still checked.
            var rows = new MetricsRows(file, binding, systems, source, problems, progress);
            var checkedRows = Channel.CreateBounded<CheckedMonths>(new BoundedChannelOptions(100) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var checking = Task.Run(() => rows.CheckAsync(checkedRows.Writer, stop.Token), stop.Token);
            var added = 0;
            var unchanged = 0;
            var changed = new List<MonthRow>();
            int total;
            await using var writer = write ? new NewMonths(import, dbTransaction) : null;
            try
            {
                var stored = await import.StoredAsync(MetricsRows.MonthsOf(file, binding), mapped, dbTransaction, cancellationToken);
                await foreach (var batch in checkedRows.Reader.ReadAllAsync(cancellationToken))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var row = batch[i];
                        if (stored.TryGetValue((row.SystemId, row.Month), out var values))
                        {
                            if (import.Differs(row, values, mapped))
                            {
                                changed.Add(row.Detached());
                            }
                            else
                            {
                                unchanged++;
                            }
                        }
                        else
                        {
                            added++;
                            if (writer is not null && !rows.FoundProblems)
                            {
                                await writer.WriteAsync(row, cancellationToken);
                            }
                        }
                    }

                    rows.Recycle(batch);
                }

                total = await checking;
                if (total == 0)
                {
                    problems.Add(ImportProblem.NoRows);
                }
            }
            catch
            {
                await stop.CancelAsync();
                await Task.WhenAny(checking);
                _ = checking.Exception;
                throw;
            }

            if (!write || problems.Count > 0)
            {
                if (writer is not null)
                {
                    // Not completed: the COPY is cancelled, and the rollback below undoes what it wrote.
                    await writer.DisposeAsync();
                }

                plan = plan with { Rows = total, New = added, Changed = changed.Count, Unchanged = unchanged };
                await transaction.RollbackAsync(cancellationToken);
                return;
            }

            progress?.Report(new ImportProgress("Writing", total));
            await writer!.CompleteAsync(cancellationToken);
            if (changed.Count > 0)
            {
                await import.StageAsync(changed, dbTransaction, cancellationToken);
                await import.UpdateAsync(mapped, dbTransaction, cancellationToken);
            }

            plan = plan with { Rows = total, New = added, Changed = changed.Count, Unchanged = unchanged };
            if (added + changed.Count > 0)
            {
                await PortfolioDocuments.PortfolioStore.MarkChangedAsync(db, cancellationToken);
            }

            db.AuditTrail.Add(Audit.AuditEntry.Event(DateTime.UtcNow, Audit.AuditAction.Imported, db.Actor, nameof(MonthlyMetrics), null,
                $"Imported monthly metrics from {file.FileName}: {total} rows, {added} new, {changed.Count} changed, {unchanged} unchanged. Written in bulk: the months' values are in the file, not itemised here."));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            plan = plan with { Written = true };
        });
        return plan with { Problems = [.. problems] };
    }

    // Asked once: the provider's name is looked up through EF Core's services, too slow for every value compared.
    private bool IsPostgres => _isPostgres ??= _db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) ?? false;

    private string ColumnList(string? alias = null) => string.Join(", ", _columns.Select(c => alias is null ? Quote(c.Column) : $"{alias}.{Quote(c.Column)}"));

    /// <summary>
    /// The stored months among <paramref name="months"/>, each with its values in the file's columns
    /// (<paramref name="mapped"/>), to tell new months from changed and unchanged ones in memory.
    /// </summary>
    private async Task<Dictionary<(Guid, YearMonth), decimal?[]>> StoredAsync(HashSet<YearMonth> months, List<StagedColumn> mapped, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(Guid, YearMonth), decimal?[]>();
        if (months.Count == 0)
        {
            return stored;
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        var month = Quote(_columns[1].Column);
        var columns = string.Join(string.Empty, mapped.Select(c => $", {Quote(c.Column)}"));
        string where;
        if (months.Count <= 500)
        {
            var names = new List<string>();
            foreach (var m in months)
            {
                names.Add($"@m{names.Count}");
                command.Parameters.Add(_columns[1].Mapping.CreateParameter(command, names[^1], m));
            }

            where = $"{month} IN ({string.Join(", ", names)})";
        }
        else
        {
            // Months are stored as YYYY-MM, so text order is time order.
            where = $"{month} BETWEEN @first AND @last";
            command.Parameters.Add(_columns[1].Mapping.CreateParameter(command, "@first", months.Min()));
            command.Parameters.Add(_columns[1].Mapping.CreateParameter(command, "@last", months.Max()));
        }

        command.CommandText = $"SELECT {Quote(_columns[0].Column)}, {month}{columns} FROM {Quote(_table)} WHERE {where}";
        var texts = new Dictionary<string, YearMonth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = reader.GetString(1);
            if (!texts.TryGetValue(text, out var m))
            {
                texts[text] = m = YearMonth.Parse(text);
            }

            var values = new decimal?[mapped.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i + 2) ? null : mapped[i].Whole ? reader.GetInt32(i + 2) : reader.GetDecimal(i + 2);
            }

            stored[(reader.GetGuid(0), m)] = values;
        }

        return stored;
    }

    /// <summary>
    /// Whether the file's month differs from the stored one in a column of the file. PostgreSQL keeps numbers to
    /// their column's scale, so a value with more decimals is compared as it would be stored.
    /// </summary>
    private bool Differs(MonthRow row, decimal?[] stored, List<StagedColumn> mapped)
    {
        for (var i = 0; i < stored.Length; i++)
        {
            var value = row[mapped[i].Slot];
            if (value is { } v && IsPostgres && mapped[i].Scale is { } scale && v.Scale > scale)
            {
                value = Math.Round(v, scale, MidpointRounding.AwayFromZero);
            }

            if (value != stored[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Loads the changed months into a temporary table: binary COPY on PostgreSQL, one prepared statement on SQLite.</summary>
    private async Task StageAsync(List<MonthRow> rows, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await ExecuteAsync(connection, transaction, IsPostgres
            ? $"CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {ColumnList()} FROM {Quote(_table)} WITH NO DATA"
            : $"CREATE TEMP TABLE {Staging} AS SELECT {ColumnList()} FROM {Quote(_table)} WHERE 0", cancellationToken);
        if (connection is NpgsqlConnection npgsql)
        {
            // The connection is in COPY mode until the importer is disposed: nothing else may run before.
            await using (var importer = await npgsql.BeginBinaryImportAsync($"COPY {Staging} ({ColumnList()}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    Copy(importer, row, withVersion: false);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            await ExecuteAsync(connection, transaction, $"ANALYZE {Staging}", cancellationToken);
            return;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql(Staging, withVersion: false);
        foreach (var row in rows)
        {
            Bind(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private string InsertSql(string target, bool withVersion) =>
        $"INSERT INTO {target} ({ColumnList()}{(withVersion ? $", {Quote(RowVersion.Property)}" : string.Empty)}) VALUES ({string.Join(", ", _columns.Select((_, i) => $"@p{i}"))}{(withVersion ? ", 0" : string.Empty)})";

    /// <summary>A month's values as the statement's parameters, each in its column's stored form.</summary>
    private void Bind(DbCommand insert, MonthRow row)
    {
        insert.Parameters.Clear();
        for (var i = 0; i < _columns.Count; i++)
        {
            insert.Parameters.Add(_columns[i].Mapping.CreateParameter(insert, $"@p{i}", _columns[i].Value(row)));
        }
    }

    /// <summary>One month into the COPY stream, in the order of <see cref="_columns"/>.</summary>
    private void Copy(NpgsqlBinaryImporter importer, MonthRow row, bool withVersion)
    {
        importer.StartRow();
        importer.Write(row.SystemId, NpgsqlDbType.Uuid);
        importer.Write(MonthText(row.Month), NpgsqlDbType.Text);
        var measures = Measures.All;
        for (var i = 0; i < measures.Count; i++)
        {
            if (row[i] is not { } value)
            {
                importer.WriteNull();
            }
            else if (measures[i].WholeNumber)
            {
                importer.Write((int)value, NpgsqlDbType.Integer);
            }
            else
            {
                importer.Write(value, NpgsqlDbType.Numeric);
            }
        }

        for (var s = 0; s < Severities.Length; s++)
        {
            var slot = CheckedMonths.TicketSlot(s);
            Nullable(importer, row.Whole(slot), NpgsqlDbType.Integer);
            Nullable(importer, row[slot + 1], NpgsqlDbType.Numeric);
            Nullable(importer, row[slot + 2], NpgsqlDbType.Numeric);
        }

        importer.Write(_sourceKind, NpgsqlDbType.Text);
        importer.Write(_source.Detail, NpgsqlDbType.Text);
        importer.Write(_source.RecordedAtUtc, NpgsqlDbType.TimestampTz);
        if (withVersion)
        {
            importer.Write(0, NpgsqlDbType.Integer);
        }
    }

    /// <summary>A month as stored (YYYY-MM), made once per month rather than once per row.</summary>
    private string MonthText(YearMonth month)
    {
        if (!_monthTexts.TryGetValue(month.Index, out var text))
        {
            _monthTexts[month.Index] = text = month.ToString();
        }

        return text;
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

    /// <summary>Updates the staged months, found to differ (only the file's columns, and the source), raising their version; returns how many.</summary>
    private async Task<int> UpdateAsync(List<StagedColumn> mapped, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var version = Quote(RowVersion.Property);
        var set = string.Join(", ", mapped.Concat(_columns.Where(c => c.IsSource)).Select(c => $"{Quote(c.Column)} = s.{Quote(c.Column)}"));
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        command.CommandText = $"UPDATE {Quote(_table)} AS t SET {set}, {version} = t.{version} + 1 FROM {Staging} AS s WHERE {Matches()}";
        var updated = await command.ExecuteNonQueryAsync(cancellationToken);
        if (!IsPostgres)
        {
            await ExecuteAsync(transaction.Connection!, transaction, $"DROP TABLE {Staging}", cancellationToken);
        }

        return updated;
    }

    private string Matches() => $"t.{Quote(_columns[0].Column)} = s.{Quote(_columns[0].Column)} AND t.{Quote(_columns[1].Column)} = s.{Quote(_columns[1].Column)}";

    private static string Quote(string identifier) => $"\"{identifier}\"";

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// One column of <c>monthly_metrics</c> as the import writes it: its EF property (for the name, the value's stored
    /// form and its scale), its value in a month, and for a column of the file its key and slot (<see cref="CheckedMonths"/>).
    /// </summary>
    private sealed record StagedColumn(IProperty Property, StoreObjectIdentifier Store, Func<MonthRow, object?> Value, string? Key, int Slot = -1, bool IsSource = false)
    {
        public string Column { get; } = Property.GetColumnName(Store)!;

        public RelationalTypeMapping Mapping { get; } = (RelationalTypeMapping)Property.GetTypeMapping();

        /// <summary>Stored as an integer (counts and users).</summary>
        public bool Whole { get; } = (System.Nullable.GetUnderlyingType(Property.ClrType) ?? Property.ClrType) == typeof(int);

        /// <summary>The decimals the column keeps, where the database rounds to them.</summary>
        public int? Scale { get; } = Property.GetScale();
    }

    /// <summary>
    /// The new months, written as they come: into one binary COPY on PostgreSQL (started with the first month),
    /// with one prepared statement on SQLite. Disposed without <see cref="CompleteAsync"/>, a COPY is cancelled.
    /// </summary>
    private sealed class NewMonths(MetricsImport import, DbTransaction transaction) : IAsyncDisposable
    {
        private NpgsqlBinaryImporter? _copy;
        private DbCommand? _insert;
        private bool _done;

        public async ValueTask WriteAsync(MonthRow row, CancellationToken cancellationToken)
        {
            if (transaction.Connection is NpgsqlConnection npgsql)
            {
                // Typed, synchronous writes into the importer's buffer (it sends when full): one await per value would cost more than the rest.
                _copy ??= await npgsql.BeginBinaryImportAsync($"COPY {Quote(import._table)} ({import.ColumnList()}, {Quote(RowVersion.Property)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
                import.Copy(_copy, row, withVersion: true);
                return;
            }

            if (_insert is null)
            {
                _insert = transaction.Connection!.CreateCommand();
                _insert.Transaction = transaction;
                _insert.CommandText = import.InsertSql(Quote(import._table), withVersion: true);
            }

            import.Bind(_insert, row);
            await _insert.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Ends the COPY: the months are in the table (within the transaction).</summary>
        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_copy is not null)
            {
                await _copy.CompleteAsync(cancellationToken);
            }

            await DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            if (_copy is not null)
            {
                await _copy.DisposeAsync();
            }

            if (_insert is not null)
            {
                await _insert.DisposeAsync();
            }
        }
    }
}
