using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>Where each of a table's columns is in a file: its cell index (−1 when not mapped) and the heading to name in problems.</summary>
internal sealed class ColumnBinding
{
    private readonly Dictionary<string, int> _positions;

    private ColumnBinding(ImportTable table, int[] indexes, string[] headings, int fileColumns)
    {
        FileColumns = fileColumns;
        Table = table;
        Indexes = indexes;
        Headings = headings;
        _positions = table.Columns.Select((c, i) => (c.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
    }

    public ImportTable Table { get; }

    /// <summary>By the column's position in <see cref="ImportTable.Columns"/>.</summary>
    public int[] Indexes { get; }

    public string[] Headings { get; }

    /// <summary>How many columns the file's headings name: a cell with data beyond them is under no heading.</summary>
    public int FileColumns { get; }

    /// <summary>Binds a mapping to a file's headings; a required column no heading fills is a problem of row 1.</summary>
    public static ColumnBinding Of(ImportTable table, IReadOnlyList<string> fileHeadings, ImportMapping mapping, List<ImportProblem> problems)
    {
        var indexes = new int[table.Columns.Count];
        var headings = new string[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            headings[i] = column.Heading;
            indexes[i] = -1;
            var heading = mapping.HeadingOf(column.Key);
            if (heading is not null)
            {
                for (var f = 0; f < fileHeadings.Count; f++)
                {
                    if (string.Equals(fileHeadings[f], heading, StringComparison.OrdinalIgnoreCase))
                    {
                        indexes[i] = f;
                        headings[i] = fileHeadings[f];
                        break;
                    }
                }
            }

            if (indexes[i] < 0 && column.Required)
            {
                problems.Add(new ImportProblem(1, column.Heading, "is required, and no column of the file is mapped to it."));
            }
        }

        // A second heading for a column that is filled (the same heading again, or one that differs only in case,
        // spaces or punctuation) would be ignored silently: which of the two columns holds the values is a guess.
        var filled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var heading in fileHeadings.Where(h => mapping.Columns.ContainsKey(h)))
        {
            filled.TryAdd(Cells.Normalised(heading), heading);
        }

        foreach (var heading in fileHeadings.Where(h => !mapping.Columns.ContainsKey(h)))
        {
            var plain = System.Text.RegularExpressions.Regex.Replace(heading, @" \(\d+\)$", string.Empty);
            if (filled.TryGetValue(Cells.Normalised(plain), out var first))
            {
                problems.Add(new ImportProblem(1, heading, $"repeats the heading '{first}' (it appears twice): which of the two columns holds the values? Remove or rename one."));
            }
        }

        foreach (var (heading, key) in mapping.Columns)
        {
            if (table.Column(key) is null)
            {
                problems.Add(new ImportProblem(1, heading, $"is mapped to '{key}', which is not a column of {table.Name}."));
            }
        }

        return new ColumnBinding(table, indexes, headings, fileHeadings.Count);
    }

    /// <summary>The column's position in <see cref="ImportTable.Columns"/>.</summary>
    public int IndexOf(string key) =>
        _positions.TryGetValue(key, out var position) ? position : throw new ArgumentOutOfRangeException(nameof(key), key, "Not a column of this table.");
}

/// <summary>
/// One row's cells read by column type (docs/import.md#cell-formats), each problem named by row and heading.
/// A column not in the file keeps the record's value (<see cref="IsMapped"/>); a mapped empty cell is "no value".
/// </summary>
internal sealed class ImportRow
{
    private readonly ColumnBinding _binding;
    private readonly bool _decimalComma;
    private readonly List<ImportProblem> _problems;
    private readonly object?[] _values;

    // Numbers apart, unboxed: a metrics import reads millions of them.
    private readonly decimal?[] _numbers;
    private readonly int _problemsBefore;

    public ImportRow(ColumnBinding binding, SpreadsheetRow row, bool decimalComma, List<ImportProblem> problems)
    {
        _binding = binding;
        _decimalComma = decimalComma;
        _problems = problems;
        _problemsBefore = problems.Count;
        RowNumber = row.Number;
        for (var i = binding.FileColumns; i < row.Cells.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(row.Cells[i]))
            {
                // Data under no heading is a row that has slipped (a delimiter too many) or columns lost from the headings.
                problems.Add(new ImportProblem(RowNumber, "(row)", string.Create(CultureInfo.InvariantCulture,
                    $"has more cells than the headings: column {SpreadsheetFile.ColumnLetters(i)} holds {Cells.Quote(row.Cells[i]!)} under no heading ({binding.FileColumns} headings). Give the column a heading, or remove the cell.")));
                break;
            }
        }

        _values = new object?[binding.Table.Columns.Count];
        _numbers = new decimal?[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            if (binding.Indexes[i] >= 0)
            {
                var column = binding.Table.Columns[i];
                var cell = Cells.Clean(row.Cell(binding.Indexes[i]));
                if (IsNumeric(column.Type))
                {
                    _numbers[i] = cell is null ? Missing(column, binding.Headings[i]) : Numeric(column, binding.Headings[i], cell);
                }
                else
                {
                    _values[i] = Read(column, binding.Headings[i], cell);
                }
            }
        }
    }

    public int RowNumber { get; }

    /// <summary>No problem was found in this row so far.</summary>
    public bool IsSound => _problems.Count == _problemsBefore;

    public bool IsMapped(string key) => _binding.Indexes[_binding.IndexOf(key)] >= 0;

    public string? Text(string key, string? existing = null) => IsMapped(key) ? (string?)_values[_binding.IndexOf(key)] : existing;

    public decimal? Number(string key, decimal? existing = null)
    {
        var position = _binding.IndexOf(key);
        return _binding.Indexes[position] >= 0 ? _numbers[position] : existing;
    }

    public decimal Amount(string key, decimal existing) => Number(key, existing) ?? Default(key);

    public int? Whole(string key, int? existing = null) => Number(key, existing) is { } v ? (int)v : null;

    public DateOnly? Date(string key, DateOnly? existing = null) => IsMapped(key) ? (DateOnly?)_values[_binding.IndexOf(key)] : existing;

    public YearMonth? Month(string key) => (YearMonth?)_values[_binding.IndexOf(key)];

    /// <summary>The choice in the cell; the record's when not mapped; else the column's default.</summary>
    public TEnum Choice<TEnum>(string key, TEnum? existing)
        where TEnum : struct, Enum
    {
        var word = Text(key) ?? (IsMapped(key) || existing is null ? _binding.Table.Column(key)!.Default : null);
        return word is not null && Cells.TryChoice<TEnum>(word, out var value) ? value : existing ?? default;
    }

    public IReadOnlyList<string> Names(string key) =>
        Text(key) is { } text ? [.. text.Split(ImportTables.Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)] : [];

    /// <summary>The heading of our column in this file (or ours when not mapped).</summary>
    public string Heading(string key) => _binding.Headings[_binding.IndexOf(key)];

    public void Problem(string key, string reason) => _problems.Add(new ImportProblem(RowNumber, Heading(key), reason));

    public void ProblemOfRow(string reason) => _problems.Add(new ImportProblem(RowNumber, "(row)", reason));

    /// <summary>A domain rule broken: named by the column whose heading the rule names, else by the rule's field.</summary>
    public void Problem(DomainRuleException rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var columns = _binding.Table.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (rule.Field.Length > 0 && (columns[i].Heading.StartsWith(rule.Field, StringComparison.OrdinalIgnoreCase) || rule.Field.StartsWith(columns[i].Heading, StringComparison.OrdinalIgnoreCase)))
            {
                _problems.Add(new ImportProblem(RowNumber, _binding.Headings[i], rule.Reason));
                return;
            }
        }

        _problems.Add(new ImportProblem(RowNumber, rule.Field.Length > 0 ? rule.Field : "(row)", rule.Reason));
    }

    private decimal Default(string key) =>
        _binding.Table.Column(key)!.Default is { } d ? decimal.Parse(d, CultureInfo.InvariantCulture) : 0m;

    private static bool IsNumeric(CellType type) => type is CellType.Money or CellType.Quantity or CellType.WholeNumber or CellType.Share or CellType.Percentage;

    private decimal? Missing(ImportColumn column, string heading)
    {
        if (column.Required)
        {
            _problems.Add(new ImportProblem(RowNumber, heading, "is required."));
        }

        return null;
    }

    private object? Read(ImportColumn column, string heading, string? cell)
    {
        if (cell is null)
        {
            return Missing(column, heading);
        }

        switch (column.Type)
        {
            case CellType.Text:
            case CellType.Reference:
            case CellType.References:
                return cell;
            case CellType.Choice:
                var wanted = Cells.Normalised(cell);
                var word = column.Choices.FirstOrDefault(c => Cells.Normalised(c) == wanted);
                if (word is null)
                {
                    _problems.Add(new ImportProblem(RowNumber, heading, $"{Cells.Quote(cell)} is not {column.Range}."));
                }

                return word;
            case CellType.Date:
                if (Cells.TryDate(cell, out var day))
                {
                    return day;
                }

                _problems.Add(new ImportProblem(RowNumber, heading, $"{Cells.Quote(cell)} is not a date: write it as 2026-03-31 (or 31/03/2026, 31.03.2026)."));
                return null;
            case CellType.Month:
                if (Cells.TryMonth(cell, out var month))
                {
                    return month;
                }

                _problems.Add(new ImportProblem(RowNumber, heading, $"{Cells.Quote(cell)} is not a month: write it as YYYY-MM, such as 2026-07."));
                return null;
            default:
                return Numeric(column, heading, cell);
        }
    }

    private decimal? Numeric(ImportColumn column, string heading, string cell)
    {
        if (!Cells.TryNumber(cell, _decimalComma, out var value, out var percent))
        {
            _problems.Add(new ImportProblem(RowNumber, heading, $"{Cells.Quote(cell)} is not a number."));
            return null;
        }

        if (percent)
        {
            if (column.Type == CellType.Share)
            {
                value /= 100m;
            }
            else if (column.Type != CellType.Percentage)
            {
                _problems.Add(new ImportProblem(RowNumber, heading, $"{Cells.Quote(cell)} is a percentage; this column takes a plain number."));
                return null;
            }
        }

        if ((column.Minimum is { } min && value < min) || (column.Maximum is { } max && value > max))
        {
            _problems.Add(new ImportProblem(RowNumber, heading, string.Create(CultureInfo.InvariantCulture, $"must be {column.Range} (it is {Cells.Number(value)}).")));
            return null;
        }

        if (column.Type == CellType.WholeNumber && value != decimal.Truncate(value))
        {
            _problems.Add(new ImportProblem(RowNumber, heading, string.Create(CultureInfo.InvariantCulture, $"must be a whole number (it is {Cells.Number(value)}).")));
            return null;
        }

        return value;
    }
}
