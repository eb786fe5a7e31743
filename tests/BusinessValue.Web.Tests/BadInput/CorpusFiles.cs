using System.Globalization;
using System.Text;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Web.Tests.BadInput;

/// <summary>A case's bytes, the name it is sent under, and the row the generator put the bad cell on (null: the manifest's).</summary>
internal sealed record CorpusFile(string FileName, byte[] Bytes, int? LastRow = null);

/// <summary>
/// The cases too large (or too time-dependent) to keep as files: built from the table's own template (headings and
/// example row) so that only the named cell or shape is wrong.
/// </summary>
internal static class CorpusFiles
{
    public static async Task<CorpusFile> OfAsync(CorpusCase corpusCase, string corpusFolder, Func<Task<IReadOnlyList<string>>> systemNames)
    {
        if (!corpusCase.Source.StartsWith("gen:", StringComparison.Ordinal))
        {
            var path = Path.Combine(corpusFolder, corpusCase.Source);
            return new CorpusFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path));
        }

        var (headings, example) = await TemplateAsync(corpusCase.Kind);
        var generator = corpusCase.Source["gen:".Length..];
        var argument = generator.Contains(':', StringComparison.Ordinal) ? generator[(generator.IndexOf(':', StringComparison.Ordinal) + 1)..] : string.Empty;
        var name = $"{corpusCase.Name.Replace('/', '-')}.csv";
        switch (generator.Split(':')[0])
        {
            case "huge-cell":
                // 10 MB of digits in a numeric cell: beyond any decimal, and nothing a message should echo back.
                return new(name, Csv([headings, With(headings, example, argument, new string('9', 10 * 1024 * 1024))]));
            case "columns-100000":
                var wide = Enumerable.Range(1, 100_000).Select(i => $"Extra {i}").ToList();
                return new(name, Csv([wide, wide.Select(_ => "1").ToList()]));
            case "row-100000-cells":
                return new(name, Csv([headings, [.. example, .. Enumerable.Repeat("x", 100_000)]]));
            case "over-size-limit":
                // The headings, then line breaks up to one byte over the limit: refused by its size before it is read.
                var big = new byte[SpreadsheetFile.DefaultMaxBytes + 1];
                Array.Fill(big, (byte)'\n');
                Encoding.UTF8.GetBytes(string.Join(',', headings)).CopyTo(big, 0);
                return new(name, big);
            case "month-ahead":
                var ahead = YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(int.Parse(argument, CultureInfo.InvariantCulture)).ToString();
                return new(name, Csv([headings, With(headings, example, "Month", ahead)]));
            case "good-then-bad":
                var rows = await GoodRowsAsync(corpusCase.Kind, headings, example, systemNames);
                rows.Add(With(headings, rows[^1], argument, "-5"));
                return new(name, Csv([headings, .. rows]), rows.Count + 1);
            default:
                throw new InvalidDataException($"{corpusCase.Name}: no generator '{generator}'");
        }
    }

    /// <summary>999 rows that would each be imported (for dependencies: every pair of the demo's processes and systems but one).</summary>
    private static async Task<List<List<string>>> GoodRowsAsync(ImportKind kind, List<string> headings, List<string> example, Func<Task<IReadOnlyList<string>>> systemNames)
    {
        var rows = new List<List<string>>();
        var key = headings[0];
        switch (kind)
        {
            case ImportKind.Metrics:
                var systems = await systemNames();
                for (var month = new YearMonth(2001, 1); rows.Count < 999; month = month.AddMonths(1))
                {
                    foreach (var system in systems.Take(999 - rows.Count))
                    {
                        rows.Add(With(headings, With(headings, example, "System", system), "Month", month.ToString()));
                    }
                }

                break;
            case ImportKind.Dependencies:
                var processes = new[] { "Field service", "Financial close and payroll", "Manufacturing and fulfilment", "Online sales", "Order to cash", "Procure to pay" };
                foreach (var process in processes)
                {
                    foreach (var system in await systemNames())
                    {
                        rows.Add(With(headings, With(headings, example, "Process", process), "System", system));
                    }
                }

                rows.RemoveAt(rows.Count - 1);
                break;
            default:
                for (var i = 1; i <= 999; i++)
                {
                    rows.Add(With(headings, example, key, string.Create(CultureInfo.InvariantCulture, $"Bulk {kind} {i}")));
                }

                break;
        }

        return rows;
    }

    private static async Task<(List<string> Headings, List<string> Example)> TemplateAsync(ImportKind kind)
    {
        using var stream = new MemoryStream(SpreadsheetImports.Template(kind, SpreadsheetFormat.Csv));
        var file = await SpreadsheetFile.ReadAsync(stream, "template.csv", kind);
        var example = file.Rows().Single().Cells.Select(c => c ?? string.Empty).ToList();
        while (example.Count < file.Headings.Count)
        {
            example.Add(string.Empty);
        }

        return ([.. file.Headings], example);
    }

    private static List<string> With(List<string> headings, List<string> row, string heading, string value)
    {
        var index = headings.FindIndex(h => string.Equals(h, heading, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new InvalidDataException($"The template has no column '{heading}'.");
        }

        var copy = new List<string>(row) { [index] = value };
        return copy;
    }

    private static byte[] Csv(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Quoted)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quoted(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
