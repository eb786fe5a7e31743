using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
            var bytes = await File.ReadAllBytesAsync(path);
            return new CorpusFile(Path.GetFileName(path), corpusCase.IsDocument ? WithMonthsFromNow(bytes) : bytes);
        }

        if (corpusCase.IsDocument)
        {
            return await DocumentAsync(corpusCase, corpusFolder);
        }

        var (headings, example) = await TemplateAsync(corpusCase.Table);
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
                var rows = await GoodRowsAsync(corpusCase.Table, headings, example, systemNames);
                rows.Add(With(headings, rows[^1], argument, "-5"));
                return new(name, Csv([headings, .. rows]), rows.Count + 1);
            default:
                throw new InvalidDataException($"{corpusCase.Name}: no generator '{generator}'");
        }
    }

    /// <summary>
    /// The documents of 20 MB and more, made from documents/base.json: <c>huge-string:PATH</c> (21 MB of text in
    /// the string at PATH), <c>padded:N</c> (N MB of line breaks, and the second system with the first one's id).
    /// </summary>
    private static async Task<CorpusFile> DocumentAsync(CorpusCase corpusCase, string corpusFolder)
    {
        var document = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(corpusFolder, "files/documents/base.json")))!;
        var generator = corpusCase.Source["gen:".Length..].Split(':', 2);
        switch (generator[0])
        {
            case "huge-string":
                var path = generator[1].Replace("[", ".[", StringComparison.Ordinal).Split('.');
                var node = document;
                foreach (var part in path[..^1])
                {
                    node = part.StartsWith('[') ? node[int.Parse(part[1..^1], CultureInfo.InvariantCulture)]! : node[part]!;
                }

                node[path[^1]] = new string('V', 21 * 1024 * 1024);
                break;
            case "padded":
                // N MB of line breaks between the fields (JSON allows them), and one flaw: the second system has the first's id.
                var systems = document["systems"]!.AsArray();
                systems[1]!["id"] = systems[0]!["id"]!.GetValue<string>();
                var text = JsonSerializer.SerializeToUtf8Bytes(document);
                var padding = new byte[int.Parse(generator[1], CultureInfo.InvariantCulture) * 1024 * 1024];
                Array.Fill(padding, (byte)'\n');
                return new($"{corpusCase.Name.Replace('/', '-')}.json", [(byte)'{', .. padding, .. text.AsSpan(1)]);
            default:
                throw new InvalidDataException($"{corpusCase.Name}: no generator '{generator[0]}'");
        }

        return new($"{corpusCase.Name.Replace('/', '-')}.json", JsonSerializer.SerializeToUtf8Bytes(document));
    }

    /// <summary>A document's <c>{{month+N}}</c>: the month N months from now, for the months a document may not hold yet.</summary>
    private static byte[] WithMonthsFromNow(byte[] bytes)
    {
        var marker = "{{month+"u8;
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            return bytes;
        }

        var end = bytes.AsSpan(at).IndexOf("}}"u8) + at;
        var months = int.Parse(Encoding.UTF8.GetString(bytes, at + marker.Length, end - at - marker.Length), CultureInfo.InvariantCulture);
        var month = Encoding.UTF8.GetBytes(YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(months).ToString());
        return WithMonthsFromNow([.. bytes.AsSpan(0, at), .. month, .. bytes.AsSpan(end + 2)]);
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
