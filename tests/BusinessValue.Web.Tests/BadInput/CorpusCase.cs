using System.Globalization;
using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Web.Tests.BadInput;

/// <summary>
/// One line of corpus/manifest.tsv: a file (or a generator, <c>gen:NAME</c>) for one import table or a portfolio
/// document, the status it must be refused with (a document: bv's exit code), and the place and reason words
/// (separated by |) the refusal must name. For a table the place is a row and column ("-" for the file as a whole;
/// row "last" is the generator's last row); for a document it is the JSON path, in the row field.
/// </summary>
internal sealed record CorpusCase(string Name, string Kind, string Source, int Status, string Row, string Column, IReadOnlyList<string> Reason)
{
    /// <summary>The kind of a portfolio document's case: what <c>bv import</c> reads.</summary>
    public const string Document = "document";

    public bool IsDocument => Kind == Document;

    /// <summary>The import table of a spreadsheet case.</summary>
    public ImportKind Table => ImportTables.Parse(Kind) ?? throw new InvalidDataException($"{Name}: '{Kind}' is no import table.");

    public static IReadOnlyList<CorpusCase> Read(string manifest) =>
        [.. File.ReadLines(manifest)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => f[1] == Document || ImportTables.Parse(f[1]) is not null
                ? new CorpusCase(f[0], f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6].Split('|'))
                : throw new InvalidDataException($"{f[0]}: no table or kind '{f[1]}'"))];
}
