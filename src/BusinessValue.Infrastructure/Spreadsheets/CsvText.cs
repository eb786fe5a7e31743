using System.Text;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// CSV as spreadsheets write it (RFC 4180): fields in double quotes may hold the delimiter, line breaks and
/// doubled quotes. One record is one row of the file as a spreadsheet shows it, whatever line breaks it holds.
/// </summary>
internal static class CsvText
{
    /// <summary>The delimiter of the first record: whichever of comma, semicolon and tab it holds most of (outside quotes).</summary>
    public static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }

                switch (c)
                {
                    case ',': commas++; break;
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                }
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /// <summary>Every record with its row number (1 for the first); <paramref name="start"/> skips a byte-order mark.</summary>
    public static IEnumerable<(int Row, string[] Cells)> Records(string text, char delimiter, int start = 0)
    {
        var row = 0;
        var position = start;
        var cells = new List<string>();
        var field = new StringBuilder();
        while (position < text.Length)
        {
            row++;
            cells.Clear();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                field.Clear();
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    while (position < text.Length)
                    {
                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < text.Length && text[position + 1] == '"')
                            {
                                field.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            break;
                        }

                        field.Append(c);
                        position++;
                    }

                    // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
                    var rest = position;
                    while (position < text.Length && text[position] != delimiter && text[position] is not '\n' and not '\r')
                    {
                        position++;
                    }

                    field.Append(text, rest, position - rest);
                }
                else
                {
                    var begin = position;
                    while (position < text.Length && text[position] != delimiter && text[position] is not '\n' and not '\r')
                    {
                        position++;
                    }

                    field.Append(text, begin, position - begin);
                }

                cells.Add(field.ToString());
                if (position >= text.Length)
                {
                    endOfRecord = true;
                }
                else if (text[position] == delimiter)
                {
                    position++;
                }
                else
                {
                    // \r\n, \n or \r ends the record.
                    position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                    endOfRecord = true;
                }
            }

            yield return (row, [.. cells]);
        }
    }

    /// <summary>One record as written: quoted only when it must be.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string?> cells, char delimiter = ',')
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(delimiter);
            }

            var cell = cells[i] ?? string.Empty;
            if (cell.AsSpan().IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 || cell.StartsWith(' ') || cell.EndsWith(' '))
            {
                writer.Write('"');
                writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(cell);
            }
        }

        writer.Write("\r\n");
    }
}
