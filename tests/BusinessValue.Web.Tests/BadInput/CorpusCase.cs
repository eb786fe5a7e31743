using System.Globalization;
using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Web.Tests.BadInput;

/// <summary>
/// One line of corpus/manifest.tsv: a file (or a generator, <c>gen:NAME</c>) for one import table, the status it
/// must be refused with, and the place (row and column, or "-" for the file as a whole) and reason words
/// (separated by |) the refusal must name. Row "last" is the generator's last row.
/// </summary>
internal sealed record CorpusCase(string Name, ImportKind Kind, string Source, int Status, string Row, string Column, IReadOnlyList<string> Reason)
{
    public static IReadOnlyList<CorpusCase> Read(string manifest) =>
        [.. File.ReadLines(manifest)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => new CorpusCase(f[0], ImportTables.Parse(f[1]) ?? throw new InvalidDataException($"{f[0]}: no table '{f[1]}'"), f[2],
                int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6].Split('|')))];
}
