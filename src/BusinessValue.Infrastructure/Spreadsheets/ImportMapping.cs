namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// Which heading of the file fills which of our columns: data, so a person can correct the guess and save it as a
/// preset. Headings are compared ignoring case; a heading not in the mapping is ignored.
/// </summary>
public sealed class ImportMapping
{
    public ImportMapping(ImportKind kind, IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Kind = kind;
        Columns = new Dictionary<string, string>(columns, StringComparer.OrdinalIgnoreCase);
    }

    public ImportKind Kind { get; }

    /// <summary>A heading of the file → the key of our column it fills.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>
    /// The guess for a file: each heading that is, loosely (case, spaces and punctuation aside), one of our
    /// columns' headings, keys or aliases fills that column; each of our columns is filled at most once, an exact
    /// heading winning over an alias. <paramref name="preset"/>'s entries, when given, come first.
    /// </summary>
    public static ImportMapping Guess(ImportKind kind, IReadOnlyList<string> headings, ImportMapping? preset = null)
    {
        ArgumentNullException.ThrowIfNull(headings);
        var table = ImportTables.Of(kind);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (preset is not null)
        {
            foreach (var heading in headings)
            {
                if (preset.Columns.TryGetValue(heading, out var key) && table.Column(key) is not null && taken.Add(key))
                {
                    result[heading] = key;
                }
            }
        }

        // Each column's names normalised once, each heading once: a file of 100,000 headings is guessed in
        // milliseconds, not in the seconds of normalising every alias again for every heading.
        var names = Enumerable.Range(0, 2).Select(pass => table.Columns.Select(c => (c.Key, Names: Names(c, pass).Select(Cells.Normalised).ToHashSet(StringComparer.Ordinal))).ToList()).ToList();
        var normalised = headings.Select(Cells.Normalised).ToList();

        // Pass 1: headings and keys; pass 2: aliases.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var h = 0; h < headings.Count; h++)
            {
                var heading = headings[h];
                if (result.ContainsKey(heading) || taken.Count == table.Columns.Count)
                {
                    continue;
                }

                var column = names[pass].FirstOrDefault(c => !taken.Contains(c.Key) && c.Names.Contains(normalised[h])).Key;
                if (column is not null)
                {
                    result[heading] = column;
                    taken.Add(column);
                }
            }
        }

        return new ImportMapping(kind, result);
    }

    /// <summary>The heading that fills <paramref name="key"/>, or null.</summary>
    public string? HeadingOf(string key) => Columns.FirstOrDefault(c => string.Equals(c.Value, key, StringComparison.Ordinal)).Key;

    private static IEnumerable<string> Names(ImportColumn column, int pass) => pass == 0 ? [column.Heading, column.Key] : column.Aliases;
}
