using System.Text;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// The tables and columns section of docs/import.md, written from <see cref="ImportTables"/> so the docs cannot
/// drift from what the import reads (a test compares them).
/// </summary>
public static class ImportDocumentation
{
    public const string Start = "<!-- import-columns:start -->";
    public const string End = "<!-- import-columns:end -->";

    public static string Columns()
    {
        var text = new StringBuilder();
        text.Append(Start).Append('\n');
        foreach (var table in ImportTables.All)
        {
            text.Append('\n').Append("### ").Append(table.Title).Append(" (`").Append(table.Name).Append("`)\n\n");
            text.Append("A row is matched by ").Append(table.MatchedBy).Append("\n\n");
            text.Append("| heading | key | required | type | accepts | description | also recognised |\n");
            text.Append("|---|---|---|---|---|---|---|\n");
            foreach (var column in table.Columns)
            {
                text.Append("| ").Append(column.Heading)
                    .Append(" | `").Append(column.Key).Append('`')
                    .Append(" | ").Append(column.Required ? "yes" : "no")
                    .Append(" | ").Append(TypeOf(column))
                    .Append(" | ").Append(Accepts(column))
                    .Append(" | ").Append(column.Description)
                    .Append(" | ").Append(string.Join(", ", column.Aliases.Distinct(StringComparer.OrdinalIgnoreCase)))
                    .Append(" |\n");
            }
        }

        text.Append('\n').Append(End);
        return text.ToString();
    }

    private static string TypeOf(ImportColumn column) => column.Type switch
    {
        CellType.Money => "money",
        CellType.Quantity => "number",
        CellType.WholeNumber => "whole number",
        CellType.Share => "share",
        CellType.Percentage => "percentage",
        CellType.Date => "date",
        CellType.Month => "month",
        CellType.Choice => "choice",
        CellType.Reference => $"name of a {Singular(column.Refers)}",
        CellType.References => $"names of {ImportTables.NameOf(column.Refers!.Value)}",
        _ => "text",
    };

    private static string Accepts(ImportColumn column)
    {
        var range = column.Type == CellType.Choice ? string.Join(", ", column.Choices.Select(c => $"`{c}`")) : column.Range;
        return column.Default is { } d ? $"{range}{(range.Length > 0 ? "; " : string.Empty)}empty: `{d}` for a new record" : range;
    }

    private static string Singular(ImportKind? kind) => kind switch
    {
        ImportKind.Processes => "process",
        ImportKind.Departments => "department",
        _ => "system",
    };
}
