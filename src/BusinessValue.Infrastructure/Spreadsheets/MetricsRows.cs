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
/// reading only has to be as strict as the general one, never to phrase a problem.
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
    private readonly InputSource _source;
    private readonly List<ImportProblem> _problems;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly Dictionary<(Guid, YearMonth), int> _seen = [];

    // Where each numeric cell goes: a measure's slot, or a ticket value after the measures.
    private readonly NumericCell[] _numbers;
    private readonly int _system;
    private readonly int _month;
    private readonly decimal?[] _slots = new decimal?[Measures.All.Count + (Severities.Length * 3)];
    private readonly Func<Measure, decimal?> _measureValue;
    private volatile bool _troubled;

    public MetricsRows(SpreadsheetFile file, ColumnBinding binding, Dictionary<string, Guid> systems, InputSource source, List<ImportProblem> problems, IProgress<ImportProgress>? progress)
    {
        _file = file;
        _binding = binding;
        _systemsByName = systems;
        _systems = systems.GetAlternateLookup<ReadOnlySpan<char>>();
        _source = source;
        _problems = problems;
        _progress = progress;
        _troubled = problems.Count > 0;
        _measureValue = measure => _slots[measure.Ordinal];
        _system = binding.Indexes[binding.IndexOf("system")];
        _month = binding.Indexes[binding.IndexOf("month")];
        var numbers = new List<NumericCell>();
        foreach (var measure in Measures.All)
        {
            Add(measure.Key, measure.Ordinal);
        }

        for (var s = 0; s < Severities.Length; s++)
        {
            var slot = Measures.All.Count + (s * 3);
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

    /// <summary>Checks every row, writing the sound months to <paramref name="sound"/> in batches; returns the rows read.</summary>
    public async Task<int> CheckAsync(ChannelWriter<MonthlyMetrics[]> sound, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var total = 0;
            var batch = new MonthlyMetrics[BatchSize];
            var count = 0;
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

                var metrics = Read(rows) is { } read && _seen.TryAdd((read.SystemId, read.Month), rows.Number) ? read : CheckGenerally(rows.Row());
                if (metrics is null)
                {
                    continue;
                }

                batch[count++] = metrics;
                if (count == batch.Length)
                {
                    await sound.WriteAsync(batch, cancellationToken);
                    batch = new MonthlyMetrics[BatchSize];
                    count = 0;
                }
            }

            if (count > 0)
            {
                await sound.WriteAsync(batch[..count], cancellationToken);
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

    /// <summary>The row read in place when every cell of it is sound; null when it must be read the general way.</summary>
    private MonthlyMetrics? Read(SpreadsheetRowReader row)
    {
        if (_system < 0 || _month < 0)
        {
            return null;
        }

        var name = Cells.Clean(row.Cell(_system));
        if (name.IsEmpty || !_systems.TryGetValue(name, out var systemId))
        {
            return null;
        }

        var monthCell = Cells.Clean(row.Cell(_month));
        if (monthCell.IsEmpty || !Cells.TryMonth(monthCell, out var month))
        {
            return null;
        }

        Array.Clear(_slots);
        foreach (var number in _numbers)
        {
            var cell = Cells.Clean(row.Cell(number.Index));
            if (cell.IsEmpty)
            {
                if (number.Column.Required)
                {
                    return null;
                }

                continue;
            }

            if (!Cells.TryNumber(cell, _file.DecimalComma, out var value, out var percent))
            {
                return null;
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
                    return null;
                }
            }

            if ((number.Column.Minimum is { } min && value < min) || (number.Column.Maximum is { } max && value > max)
                || (number.Column.Type == CellType.WholeNumber && value != decimal.Truncate(value)))
            {
                return null;
            }

            _slots[number.Slot] = value;
        }

        try
        {
            var tickets = Measures.All.Count;
            return new MonthlyMetrics(systemId, month, _measureValue)
            {
                P1 = Tickets(tickets),
                P2 = Tickets(tickets + 3),
                P3 = Tickets(tickets + 6),
                P4 = Tickets(tickets + 9),
            }.Validated(_source.RecordedAtUtc).RecordedBy(_source);
        }
        catch (DomainRuleException)
        {
            return null;
        }
    }

    private TicketStats Tickets(int slot) => new(_slots[slot] is { } count ? (int)count : null, _slots[slot + 1], _slots[slot + 2]);

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
        if (system is not null && !_systemsByName.TryGetValue(system, out systemId))
        {
            row.Problem("system", $"'{system}' is not a system of this organisation (import the systems first, or correct the name).");
        }

        if (!row.IsSound || month is not { } m)
        {
            return null;
        }

        if (_seen.TryGetValue((systemId, m), out var earlier))
        {
            row.ProblemOfRow($"repeats the system '{system}' and month {m} of row {earlier}: each month of a system appears once in a file.");
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
