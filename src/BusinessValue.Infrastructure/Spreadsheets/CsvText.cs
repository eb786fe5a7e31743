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
        var records = new CsvRecords(text, delimiter, start);
        while (records.Next())
        {
            var cells = new string[records.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = records.Text(i);
            }

            yield return (records.Row, cells);
        }
    }

    /// <summary>The row whose quoted cell never closes, or null when every quoted cell closes.</summary>
    public static int? UnclosedQuote(string text, char delimiter, int start = 0)
    {
        var records = new CsvRecords(text, delimiter, start);
        while (records.Next())
        {
            if (records.Unclosed)
            {
                return records.Row;
            }
        }

        return null;
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

/// <summary>
/// The records of a CSV text one at a time, each cell a span of the text: no string per cell, so a file of
/// 100,000 rows is read without millions of small strings. Only a quoted cell with a doubled quote or text after
/// its closing quote is copied. The reading rules are those of <see cref="CsvText"/>.
/// </summary>
internal sealed class CsvRecords
{
    private readonly string _text;
    private readonly char _delimiter;
    private readonly System.Buffers.SearchValues<char> _ends;
    private readonly StringBuilder _quoted = new();
    private int _position;
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];

    // A cell that had to be copied (quotes); null for one read in place.
    private string?[] _copies = new string?[32];

    public CsvRecords(string text, char delimiter, int start = 0)
    {
        _text = text;
        _delimiter = delimiter;
        _position = start;
        _ends = System.Buffers.SearchValues.Create([delimiter, '\n', '\r']);
    }

    /// <summary>The current record's number (1 for the first).</summary>
    public int Row { get; private set; }

    /// <summary>A quoted cell of the current record runs to the end of the text: its closing quote is missing.</summary>
    public bool Unclosed { get; private set; }

    /// <summary>How many cells the current record has.</summary>
    public int Count { get; private set; }

    /// <summary>A cell of the current record; empty beyond its last cell.</summary>
    public ReadOnlySpan<char> Cell(int index) =>
        (uint)index >= (uint)Count ? default : _copies[index] is { } copy ? copy.AsSpan() : _text.AsSpan(_starts[index], _lengths[index]);

    /// <summary>A cell of the current record as a string (for the few cells that need one).</summary>
    public string Text(int index) =>
        (uint)index >= (uint)Count ? string.Empty : _copies[index] ?? _text.Substring(_starts[index], _lengths[index]);

    /// <summary>Moves to the next record; false at the end of the text.</summary>
    public bool Next()
    {
        var text = _text.AsSpan();
        if (_position >= text.Length)
        {
            return false;
        }

        Row++;
        Count = 0;
        while (true)
        {
            if (Count == _starts.Length)
            {
                Array.Resize(ref _starts, Count * 2);
                Array.Resize(ref _lengths, Count * 2);
                Array.Resize(ref _copies, Count * 2);
            }

            _copies[Count] = null;
            if (_position < text.Length && text[_position] == '"')
            {
                ReadQuoted(text);
            }
            else
            {
                var length = text[_position..].IndexOfAny(_ends);
                length = length < 0 ? text.Length - _position : length;
                _starts[Count] = _position;
                _lengths[Count] = length;
                _position += length;
            }

            Count++;
            if (_position >= text.Length)
            {
                return true;
            }

            if (text[_position] == _delimiter)
            {
                _position++;
                continue;
            }

            // \r\n, \n or \r ends the record.
            _position += text[_position] == '\r' && _position + 1 < text.Length && text[_position + 1] == '\n' ? 2 : 1;
            return true;
        }
    }

    /// <summary>A cell in double quotes: doubled quotes are one; anything between the closing quote and the delimiter is kept, as spreadsheets do.</summary>
    private void ReadQuoted(ReadOnlySpan<char> text)
    {
        var content = _position + 1;
        var segment = content;
        var copied = false;
        var position = content;
        int closing;
        while (true)
        {
            var quote = text[position..].IndexOf('"');
            if (quote < 0)
            {
                // Unclosed: the cell runs to the end of the text.
                Unclosed = true;
                closing = text.Length;
                position = text.Length;
                break;
            }

            quote += position;
            if (quote + 1 < text.Length && text[quote + 1] == '"')
            {
                if (!copied)
                {
                    _quoted.Clear();
                    copied = true;
                }

                _quoted.Append(text[segment..(quote + 1)]);
                position = quote + 2;
                segment = position;
                continue;
            }

            closing = quote;
            position = quote + 1;
            break;
        }

        var rest = position;
        var after = position < text.Length ? text[position..].IndexOfAny(_ends) : 0;
        position = after < 0 ? text.Length : position + after;
        if (!copied && position == rest)
        {
            _starts[Count] = content;
            _lengths[Count] = closing - content;
        }
        else
        {
            if (!copied)
            {
                _quoted.Clear();
            }

            _quoted.Append(text[segment..closing]).Append(text[rest..position]);
            _copies[Count] = _quoted.ToString();
        }

        _position = position;
    }
}
