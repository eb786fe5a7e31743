using System.Globalization;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>What a cell of a column holds, and so how it is read and written (docs/import.md#cell-formats).</summary>
public enum CellType
{
    Text,

    /// <summary>An amount in the organisation's currency.</summary>
    Money,

    /// <summary>A number with decimals (hours, minutes, counts of transfers).</summary>
    Quantity,
    WholeNumber,

    /// <summary>A share from 0 to 1; "40%" is read as 0.4.</summary>
    Share,

    /// <summary>A percentage from 0 to 100; "99.5%" is read as 99.5.</summary>
    Percentage,
    Date,

    /// <summary>A calendar month, YYYY-MM.</summary>
    Month,

    /// <summary>One of a few words (<see cref="ImportColumn.Choices"/>).</summary>
    Choice,

    /// <summary>The name of a record of another table (a system, a department, a process).</summary>
    Reference,

    /// <summary>Names of records of another table, separated by semicolons.</summary>
    References,
}

/// <summary>
/// One column of an import table, described once: the import reads it, the export and the template write it, and
/// docs/import.md is generated from it. <see cref="Key"/> is what a mapping and a preset name.
/// </summary>
public sealed record ImportColumn
{
    public ImportColumn(string key, string heading, CellType type, string description, bool required = false, IReadOnlyList<string>? aliases = null)
    {
        Key = key;
        Heading = heading;
        Type = type;
        Description = description;
        Required = required;
        Aliases = aliases ?? [];
    }

    /// <summary>Stable key, e.g. <c>licenceCost</c>; never shown as a heading.</summary>
    public string Key { get; }

    /// <summary>The heading an export writes, e.g. "Licence cost".</summary>
    public string Heading { get; }

    public CellType Type { get; }

    public string Description { get; }

    /// <summary>A row without a value here is refused (a new record needs it; an update would lose it).</summary>
    public bool Required { get; }

    /// <summary>Headings other tools use for the same thing ("Application", "CI Name"): the mapping's guesses.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The words a <see cref="CellType.Choice"/> accepts, as exported.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    /// <summary>The table whose names a <see cref="CellType.Reference"/> or <see cref="CellType.References"/> cell holds.</summary>
    public ImportKind? Refers { get; init; }

    /// <summary>The example row of a template.</summary>
    public string Example { get; init; } = string.Empty;

    /// <summary>What a new record gets when the cell is empty or the column is not in the file; null when nothing.</summary>
    public string? Default { get; init; }

    /// <summary>The accepted values in words, for the docs and for problems ("0 to 100", "one of active, retired").</summary>
    public string Range
    {
        get
        {
            if (Type == CellType.Choice)
            {
                return "one of " + string.Join(", ", Choices);
            }

            if (Minimum is { } min && Maximum is { } max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{min:0.##} to {max:#,0.##}");
            }

            return Minimum is { } least ? string.Create(CultureInfo.InvariantCulture, $"{least:0.##} or more") : string.Empty;
        }
    }
}
