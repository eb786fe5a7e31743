using System.Collections.Concurrent;
using System.Threading.Channels;
using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// Reads and checks the rows of a monthly-metrics file, handing the sound months on in batches while the caller
/// writes them (docs/import.md#volume). A row is first read in place (its cells as spans, numbers parsed without
/// a string, each column's reading rule resolved once); a row that does not pass that way is read again the
/// general way (<see cref="ImportRow"/>), which names every problem exactly as for any other table. So the fast
/// reading only has to be as strict as the general one, never to phrase a problem. The sound months go into flat
/// batches (<see cref="CheckedMonths"/>), checked by the measures' own rules, with no object per month.
/// </summary>
internal sealed class MetricsRows
{
    /// <summary>Months handed on at a time.</summary>
    public const int BatchSize = 1_000;

    private static readonly Severity[] Severities = Enum.GetValues<Severity>();

    private readonly SpreadsheetFile _file;
    private readonly ColumnBinding _binding;
    private readonly Dictionary<string, Guid>.AlternateLookup<ReadOnlySpan<char>> _systems;
    private readonly Dictionary<string, Guid> _systemsByName;

    // The same names as the other tables' references read them (runs of spaces, accents encoded either way); only
    // the general reading uses it, so a name written exactly stays on the fast path.
    private readonly Dictionary<string, Guid> _looseNames = new(NameComparer.Instance);
    private readonly InputSource _source;
    private readonly List<ImportProblem> _problems;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly Dictionary<(Guid, YearMonth), int> _seen = [];
    private readonly ConcurrentQueue<CheckedMonths> _spare = new();

    // Where each numeric cell goes: a measure's slot, or a ticket value after the measures.
    private readonly NumericCell[] _numbers;
    private readonly int _system;
    private readonly int _month;
    private volatile bool _troubled;

    public MetricsRows(SpreadsheetFile file, ColumnBinding binding, Dictionary<string, Guid> systems, InputSource source, List<ImportProblem> problems, IProgress<ImportProgress>? progress)
    {
        _file = file;
        _binding = binding;
        _systemsByName = systems;
        foreach (var (name, id) in systems)
        {
            _looseNames.TryAdd(name, id);
        }
        _systems = systems.GetAlternateLookup<ReadOnlySpan<char>>();
        _source = source;
        _problems = problems;
        _progress = progress;
        _troubled = problems.Count > 0;
        _system = binding.Indexes[binding.IndexOf("system")];
        _month = binding.Indexes[binding.IndexOf("month")];
        var numbers = new List<NumericCell>();
        foreach (var measure in Measures.All)
        {
            Add(measure.Key, measure.Ordinal);
        }

        for (var s = 0; s < Severities.Length; s++)
        {
            var slot = CheckedMonths.TicketSlot(s);
            Add(ImportTables.TicketKey(Severities[s], "Count"), slot);
            Add(ImportTables.TicketKey(Severities[s], "ResolutionHours"), slot + 1);
            Add(ImportTables.TicketKey(Severities[s], "UsersAffected"), slot + 2);
        }

        _numbers = [.. numbers];

        void Add(string key, int slot)
        {
            var position = binding.IndexOf(key);
            if (binding.Indexes[position] >= 0)
            {
                numbers.Add(new NumericCell(binding.Indexes[position], binding.Table.Columns[position], slot));
            }
        }
    }

    /// <summary>A problem was found (so far): nothing will be written, the rows are only checked.</summary>
    public bool FoundProblems => _troubled;

    /// <summary>The months the file's rows name (read in place, the rows not checked): what to compare them with.</summary>
    public static HashSet<YearMonth> MonthsOf(SpreadsheetFile file, ColumnBinding binding)
    {
        var months = new HashSet<YearMonth>();
        var index = binding.Indexes[binding.IndexOf("month")];
        if (index < 0)
        {
            return months;
        }

        var rows = file.ReadRows();
        while (rows.Next())
        {
            var cell = Cells.Clean(rows.Cell(index));
            if (!cell.IsEmpty && Cells.TryMonth(cell, out var month))
            {
                months.Add(month);
            }
        }

        return months;
    }

    /// <summary>A batch handed on and done with: filled again rather than a new one made.</summary>
    public void Recycle(CheckedMonths batch)
    {
        batch.Clear();
        _spare.Enqueue(batch);
    }

    /// <summary>Checks every row, writing the sound months to <paramref name="sound"/> in batches; returns the rows read.</summary>
    public async Task<int> CheckAsync(ChannelWriter<CheckedMonths> sound, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var total = 0;
            var batch = Batch();
            _progress?.Report(new ImportProgress("Checking", 0));
            var rows = _file.ReadRows();
            while (rows.Next())
            {
                total++;
                if (total % 10_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _progress?.Report(new ImportProgress("Checking", total));
                }

                if (Read(rows, batch.Next(), out var systemId, out var month) && _seen.TryAdd((systemId, month), rows.Number))
                {
                    batch.Keep(systemId, month);
                }
                else if (CheckGenerally(rows.Row()) is { } metrics)
                {
                    batch.Add(metrics);
                }

                if (batch.IsFull)
                {
                    await sound.WriteAsync(batch, cancellationToken);
                    batch = Batch();
                }
            }

            if (batch.Count > 0)
            {
                await sound.WriteAsync(batch, cancellationToken);
            }

            return total;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            sound.TryComplete(failure);
        }
    }

    private CheckedMonths Batch() => _spare.TryDequeue(out var batch) ? batch : new CheckedMonths(BatchSize);

    /// <summary>
    /// Reads the row in place into <paramref name="slots"/> (empty) and checks it; false when it must be read the
    /// general way.
    /// </summary>
    private bool Read(SpreadsheetRowReader row, Span<decimal?> slots, out Guid systemId, out YearMonth month)
    {
        month = default;
        systemId = default;
        if (_system < 0 || _month < 0)
        {
            return false;
        }

        // Data under no heading: the general reading names it.
        for (var i = _binding.FileColumns; i < row.Count; i++)
        {
            if (!row.Cell(i).IsWhiteSpace())
            {
                return false;
            }
        }

        var name = Cells.Clean(row.Cell(_system));
        if (name.IsEmpty || !_systems.TryGetValue(name, out systemId))
        {
            return false;
        }

        var monthCell = Cells.Clean(row.Cell(_month));
        if (monthCell.IsEmpty || !Cells.TryMonth(monthCell, out month))
        {
            return false;
        }

        foreach (var number in _numbers)
        {
            var cell = Cells.Clean(row.Cell(number.Index));
            if (cell.IsEmpty)
            {
                if (number.Column.Required)
                {
                    return false;
                }

                continue;
            }

            if (!Cells.TryNumber(cell, _file.DecimalComma, out var value, out var percent))
            {
                return false;
            }

            // The same rules, in the same order, as ImportRow reads a number.
            if (percent)
            {
                if (number.Column.Type == CellType.Share)
                {
                    value /= 100m;
                }
                else if (number.Column.Type != CellType.Percentage)
                {
                    return false;
                }
            }

            if ((number.Column.Minimum is { } min && value < min) || (number.Column.Maximum is { } max && value > max)
                || (number.Column.Type == CellType.WholeNumber && value != decimal.Truncate(value)))
            {
                return false;
            }

            slots[number.Slot] = value;
        }

        // The checks MonthlyMetrics.Validated makes, on the values in place.
        try
        {
            MonthlyMetrics.CheckMeasures(slots, month, _source.RecordedAtUtc);

            for (var s = 0; s < Severities.Length; s++)
            {
                var slot = CheckedMonths.TicketSlot(s);
                new TicketStats(slots[slot] is { } count ? (int)count : null, slots[slot + 1], slots[slot + 2]).Validated();
            }

            return true;
        }
        catch (DomainRuleException)
        {
            return false;
        }
    }

    /// <summary>
    /// The general reading of a row, which names each problem by row and heading (and a month repeated in the
    /// file); the sound month, or null.
    /// </summary>
    private MonthlyMetrics? CheckGenerally(SpreadsheetRow cells)
    {
        var before = _problems.Count;
        var metrics = Check(cells);
        if (_problems.Count > before)
        {
            _troubled = true;
        }

        return metrics;
    }

    private MonthlyMetrics? Check(SpreadsheetRow cells)
    {
        var row = new ImportRow(_binding, cells, _file.DecimalComma, _problems);
        var system = row.Text("system");
        var month = row.Month("month");
        Guid systemId = default;
        if (system is not null && !_systemsByName.TryGetValue(system, out systemId) && !_looseNames.TryGetValue(system, out systemId))
        {
            row.Problem("system", $"{Cells.Quote(system)} is not a system of this organisation (import the systems first, or correct the name).");
        }

        if (!row.IsSound || month is not { } m)
        {
            return null;
        }

        if (_seen.TryGetValue((systemId, m), out var earlier))
        {
            row.ProblemOfRow($"repeats the system {Cells.Quote(system ?? string.Empty)} and month {m} of row {earlier}: each month of a system appears once in a file.");
            return null;
        }

        _seen[(systemId, m)] = row.RowNumber;
        try
        {
            return new MonthlyMetrics(systemId, m, measure => row.Number(measure.Key))
            {
                P1 = Tickets(row, Severity.P1),
                P2 = Tickets(row, Severity.P2),
                P3 = Tickets(row, Severity.P3),
                P4 = Tickets(row, Severity.P4),
            }.Validated(_source.RecordedAtUtc).RecordedBy(_source);
        }
        catch (DomainRuleException rule)
        {
            row.Problem(rule);
            return null;
        }
    }

    private static TicketStats Tickets(ImportRow row, Severity severity) =>
        new(row.Whole(ImportTables.TicketKey(severity, "Count")), row.Number(ImportTables.TicketKey(severity, "ResolutionHours")), row.Number(ImportTables.TicketKey(severity, "UsersAffected")));

    /// <summary>A numeric column in the file: its cell's index, its reading rules, and where its value goes.</summary>
    private readonly record struct NumericCell(int Index, ImportColumn Column, int Slot);
}
