using System.Globalization;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>Something wrong with one cell or row: its row as the spreadsheet shows it (headings = row 1), its column's heading, why.</summary>
public sealed record ImportProblem(int Row, string Column, string Reason)
{
    /// <summary>A file of headings and no data: refused rather than "imported" with nothing in it (and an audit entry saying so).</summary>
    public static ImportProblem NoRows { get; } = new(2, "(file)", "the file has headings but no rows under them: there is nothing to import.");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Row {Row}, {Column}: {Reason}");
}

/// <summary>
/// What an import does or did: how many rows add a record, change one or change nothing, and every problem.
/// With any problem nothing is written (<see cref="Written"/> stays false).
/// </summary>
public sealed record ImportPlan(ImportKind Kind, string FileName, int Rows, int New, int Changed, int Unchanged, IReadOnlyList<ImportProblem> Problems, bool Written)
{
    public bool HasProblems => Problems.Count > 0;

    /// <summary>One line, e.g. "systems.csv: 120 rows, 3 new, 5 changed, 112 unchanged."</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{FileName}: {Rows} rows, {New} new, {Changed} changed, {Unchanged} unchanged{(HasProblems ? $", {Problems.Count} problem(s)" : string.Empty)}.");
}

/// <summary>How far a long import is: its stage and how many rows it has handled.</summary>
public sealed record ImportProgress(string Stage, int Rows);
