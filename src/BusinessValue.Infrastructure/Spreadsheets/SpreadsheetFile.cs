using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace BusinessValue.Infrastructure.Spreadsheets;

public enum SpreadsheetFormat
{
    Csv,
    Xlsx,
}

/// <summary>A file that cannot be read as a spreadsheet: the message says why, in the product's words.</summary>
public sealed class SpreadsheetFileException : Exception
{
    public SpreadsheetFileException()
        : base("The file cannot be read.")
    {
    }

    public SpreadsheetFileException(string message)
        : base(message)
    {
    }

    public SpreadsheetFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One row of data: its number as the spreadsheet shows it (the headings are row 1) and its cells as text.</summary>
public readonly record struct SpreadsheetRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : null;
}

/// <summary>
/// An uploaded CSV or xlsx file, checked and held in memory (at most <c>Import:MaxFileBytes</c>): its headings,
/// and its rows read afresh on each pass so that a large file is never held as a table of cells.
/// </summary>
public sealed class SpreadsheetFile
{
    /// <summary>The default size limit: 20 MB.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly string? _text;
    private readonly int _textStart;
    private readonly byte[]? _workbook;

    private SpreadsheetFile(string fileName, SpreadsheetFormat format, string? text, int textStart, byte[]? workbook, char delimiter, string? sheet)
    {
        FileName = fileName;
        Format = format;
        _text = text;
        _textStart = textStart;
        _workbook = workbook;
        Delimiter = delimiter;
        Sheet = sheet;
        Headings = Headed(FirstRecord());
    }

    public string FileName { get; }

    public SpreadsheetFormat Format { get; }

    /// <summary>The CSV delimiter found (comma, semicolon or tab); a comma for xlsx.</summary>
    public char Delimiter { get; }

    /// <summary>A semicolon file writes decimals with a comma ("12,5"), as European spreadsheets do.</summary>
    public bool DecimalComma => Format == SpreadsheetFormat.Csv && Delimiter == ';';

    /// <summary>The sheet read from a workbook.</summary>
    public string? Sheet { get; }

    /// <summary>The headings of row 1, each unique (a repeated heading gets " (2)"; an empty one "Column C").</summary>
    public IReadOnlyList<string> Headings { get; }

    public static string ContentTypeOf(SpreadsheetFormat format) => format == SpreadsheetFormat.Xlsx ? XlsxContentType : "text/csv";

    /// <summary>The format a file name or content type says, or null.</summary>
    public static SpreadsheetFormat? FormatOf(string? fileName, string? contentType = null)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (extension == ".xlsx" || (contentType?.StartsWith(XlsxContentType, StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return SpreadsheetFormat.Xlsx;
        }

        return extension is ".csv" or ".txt" || (contentType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ?? false) ? SpreadsheetFormat.Csv : null;
    }

    /// <summary>
    /// Reads a file of at most <paramref name="maxBytes"/>: a larger one is refused before it is read (by its
    /// length when the stream knows it, else as soon as more arrives). The format comes from the file's name, or
    /// its content. A workbook's sheet is the one named like the table, else the first.
    /// </summary>
    /// <exception cref="SpreadsheetFileException">Too large, not UTF-8, an old .xls, a damaged workbook, or empty.</exception>
    public static async Task<SpreadsheetFile> ReadAsync(Stream stream, string fileName, ImportKind kind, long maxBytes = DefaultMaxBytes, SpreadsheetFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var name = Path.GetFileName(fileName);
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw TooLarge(name, maxBytes);
        }

        if (Path.GetExtension(name).Equals(".xls", StringComparison.OrdinalIgnoreCase))
        {
            throw new SpreadsheetFileException($"{name} is an Excel 97–2003 workbook (.xls): save it as .xlsx or CSV and import that.");
        }

        var bytes = await ReadAtMostAsync(stream, name, maxBytes, cancellationToken);
        var chosen = format ?? FormatOf(name) ?? (bytes is [(byte)'P', (byte)'K', ..] ? SpreadsheetFormat.Xlsx : SpreadsheetFormat.Csv);
        return chosen == SpreadsheetFormat.Xlsx ? Workbook(name, bytes, kind) : Csv(name, bytes);
    }

    /// <summary>Every data row (from row 2), blank rows left out.</summary>
    public IEnumerable<SpreadsheetRow> Rows()
    {
        foreach (var (number, cells) in Records())
        {
            if (number == 1)
            {
                continue;
            }

            var blank = true;
            foreach (var cell in cells)
            {
                if (!string.IsNullOrWhiteSpace(cell))
                {
                    blank = false;
                    break;
                }
            }

            if (!blank)
            {
                yield return new SpreadsheetRow(number, cells);
            }
        }
    }

    /// <summary>
    /// The data rows of <see cref="Rows"/> one at a time, a CSV file's cells read in place without a string each:
    /// for imports of many rows (monthly metrics).
    /// </summary>
    internal SpreadsheetRowReader ReadRows() =>
        _text is not null ? new SpreadsheetRowReader(new CsvRecords(_text, Delimiter, _textStart)) : new SpreadsheetRowReader(Rows().GetEnumerator());

    private static SpreadsheetFile Csv(string name, byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = Math.Max(0, ex.Index);
            var row = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            throw new SpreadsheetFileException(
                $"{name} is not UTF-8 text (the first invalid byte is on line {row}). Save it as \"CSV UTF-8\" (Excel: Save as → CSV UTF-8) and import it again.");
        }

        // UTF-16 without a byte-order mark decodes as "UTF-8" with a NUL between the letters; the headings would
        // still be recognised, and the NULs stored (or refused by PostgreSQL with an error).
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw new SpreadsheetFileException(
                $"{name} is not UTF-8 text: it holds NUL characters (the first on line {1 + text.AsSpan(0, nul).Count('\n')}), as UTF-16 text does. Save it as \"CSV UTF-8\" (Excel: Save as → CSV UTF-8) and import it again.");
        }

        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        if (string.IsNullOrWhiteSpace(text[start..]))
        {
            throw new SpreadsheetFileException($"{name} is empty: the first row must hold the headings.");
        }

        var delimiter = CsvText.DetectDelimiter(text[start..]);
        // An odd number of quotes is the cheap sign (one vectorised count) that a quoted cell may never close; only
        // then is the file read to find it. Unclosed, the cell would swallow the rest of the file as one cell.
        if (text.AsSpan(start).Count('"') % 2 == 1 && CsvText.UnclosedQuote(text, delimiter, start) is { } unclosed)
        {
            throw new SpreadsheetFileException(
                $"{name}: a cell on row {unclosed} opens a double quote that is never closed, so the rest of the file would be read as that one cell. Close the quote (a quote inside a quoted cell is written twice: \"\") and import it again.");
        }

        return new SpreadsheetFile(name, SpreadsheetFormat.Csv, text, start, null, delimiter, null);
    }

    private static SpreadsheetFile Workbook(string name, byte[] bytes, ImportKind kind)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var sheets = MiniExcel.GetSheetNames(stream);
            if (sheets.Count == 0)
            {
                throw new SpreadsheetFileException($"{name} has no sheet.");
            }

            var table = ImportTables.Of(kind);
            var wanted = new[] { Cells.Normalised(table.Name), Cells.Normalised(table.Title), Cells.Normalised(kind.ToString().TrimEnd('s')) };
            var sheet = sheets.FirstOrDefault(s => wanted.Contains(Cells.Normalised(s))) ?? sheets[0];
            if (UncalculatedFormula(bytes, sheet) is { } cell)
            {
                throw new SpreadsheetFileException(
                    $"{name}: cell {cell} of the sheet '{sheet}' holds a formula without its computed value (the workbook was written by a program that does not calculate). Open it in a spreadsheet, save it, and import it again.");
            }

            var file = new SpreadsheetFile(name, SpreadsheetFormat.Xlsx, null, 0, bytes, ',', sheet);
            return file;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IndexOutOfRangeException or NotSupportedException)
        {
            throw new SpreadsheetFileException($"{name} is not a readable .xlsx workbook ({ex.Message.TrimEnd('.')}). Open it in a spreadsheet and save it again, or export CSV.");
        }
    }

    /// <summary>
    /// The first cell of the sheet with a formula and no cached value, or null. Such a cell reads as empty, which
    /// would import as "no value" (or a cost of 0) rather than what the formula computes.
    /// </summary>
    private static string? UncalculatedFormula(byte[] bytes, string sheet)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
        var part = SheetPart(zip, sheet);
        if (part is null)
        {
            return null;
        }

        using var stream = part.Open();
        using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, IgnoreWhitespace = true });
        string? cell = null;
        bool formula = false, value = false;
        while (xml.Read())
        {
            if (xml.NodeType == System.Xml.XmlNodeType.Element)
            {
                switch (xml.LocalName)
                {
                    case "c":
                        cell = xml.GetAttribute("r");
                        formula = value = false;
                        if (xml.IsEmptyElement)
                        {
                            cell = null;
                        }

                        break;
                    case "f":
                        formula = true;
                        break;
                    case "v" or "is" when !xml.IsEmptyElement:
                        value = true;
                        break;
                }
            }
            else if (xml.NodeType == System.Xml.XmlNodeType.EndElement && xml.LocalName == "c")
            {
                if (formula && !value)
                {
                    return cell ?? "(unnamed)";
                }

                cell = null;
            }
        }

        return null;
    }

    private static System.IO.Compression.ZipArchiveEntry? SheetPart(System.IO.Compression.ZipArchive zip, string sheet)
    {
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var workbook = zip.GetEntry("xl/workbook.xml");
        var links = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || links is null)
        {
            return null;
        }

        System.Xml.Linq.XDocument Load(System.IO.Compression.ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var reader = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            return System.Xml.Linq.XDocument.Load(reader);
        }

        var id = Load(workbook).Descendants().FirstOrDefault(e => e.Name.LocalName == "sheet" && (string?)e.Attribute("name") == sheet)
            ?.Attribute(System.Xml.Linq.XName.Get("id", Relationships))?.Value;
        var target = Load(links).Descendants().FirstOrDefault(e => e.Name.LocalName == "Relationship" && (string?)e.Attribute("Id") == id)?.Attribute("Target")?.Value;
        return target is null ? null : zip.GetEntry(target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target);
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream stream, string name, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(name, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static SpreadsheetFileException TooLarge(string name, long maxBytes) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name} is larger than the import limit of {maxBytes / 1024d / 1024d:0.#} MB (Import:MaxFileBytes): split it into several files."));

    private IEnumerable<(int Row, IReadOnlyList<string?> Cells)> Records()
    {
        if (_text is not null)
        {
            foreach (var (row, cells) in CsvText.Records(_text, Delimiter, _textStart))
            {
                yield return (row, cells);
            }

            yield break;
        }

        using var stream = new MemoryStream(_workbook!, writable: false);
        var number = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: Sheet))
        {
            number++;
            var cells = new string?[row.Count];
            var i = 0;
            foreach (var value in row.Values)
            {
                cells[i++] = Text(value);
            }

            yield return (number, cells);
        }
    }

    private IReadOnlyList<string?> FirstRecord()
    {
        foreach (var (row, cells) in Records())
        {
            return row == 1 ? cells : [];
        }

        return [];
    }

    private static List<string> Headed(IReadOnlyList<string?> first)
    {
        var headings = new List<string>(first.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < first.Count; i++)
        {
            var heading = first[i]?.Trim();
            if (string.IsNullOrEmpty(heading))
            {
                heading = $"Column {ColumnLetters(i)}";
            }

            var unique = heading;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{heading} ({n})");
            }

            headings.Add(unique);
        }

        // Trailing columns without a heading and without data are not columns.
        while (headings.Count > 0 && string.IsNullOrWhiteSpace(first[headings.Count - 1]))
        {
            headings.RemoveAt(headings.Count - 1);
        }

        return headings;
    }

    /// <summary>A workbook cell as text: numbers invariant and as short as they round-trip, dates ISO.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => Cells.Number(m),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    internal static string ColumnLetters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}

/// <summary>Data rows one at a time (from row 2, blank rows left out), as <see cref="SpreadsheetFile.Rows"/> gives them.</summary>
internal sealed class SpreadsheetRowReader
{
    private readonly CsvRecords? _csv;
    private readonly IEnumerator<SpreadsheetRow>? _rows;

    public SpreadsheetRowReader(CsvRecords csv) => _csv = csv;

    public SpreadsheetRowReader(IEnumerator<SpreadsheetRow> rows) => _rows = rows;

    /// <summary>The row's number as the spreadsheet shows it.</summary>
    public int Number => _csv?.Row ?? _rows!.Current.Number;

    /// <summary>How many cells the current row has (some may be empty).</summary>
    public int Count => _csv?.Count ?? _rows!.Current.Cells.Count;

    /// <summary>A cell of the current row; empty when the row has no such cell.</summary>
    public ReadOnlySpan<char> Cell(int index) => _csv is not null ? _csv.Cell(index) : _rows!.Current.Cell(index).AsSpan();

    /// <summary>The current row with its cells as strings.</summary>
    public SpreadsheetRow Row()
    {
        if (_csv is null)
        {
            return _rows!.Current;
        }

        var cells = new string?[_csv.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _csv.Text(i);
        }

        return new SpreadsheetRow(_csv.Row, cells);
    }

    public bool Next()
    {
        if (_rows is not null)
        {
            return _rows.MoveNext();
        }

        while (_csv!.Next())
        {
            if (_csv.Row == 1)
            {
                continue;
            }

            for (var i = 0; i < _csv.Count; i++)
            {
                if (!_csv.Cell(i).IsWhiteSpace())
                {
                    return true;
                }
            }
        }

        return false;
    }
}
