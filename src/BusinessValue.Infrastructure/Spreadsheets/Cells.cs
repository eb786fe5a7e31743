using System.Globalization;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// How cells are read and written (docs/import.md#cell-formats): tolerant of the formats real spreadsheets
/// produce when reading, one invariant format when writing, so an export re-imports unchanged.
/// </summary>
public static class Cells
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy", "yyyy/MM/dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>
    /// Text a spreadsheet would run as a formula starts with one of these; a text cell starting so is written with
    /// a leading apostrophe (the spreadsheet convention for "this is text"), which the import removes again.
    /// </summary>
    public static bool IsFormulaLike(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A text cell as written by an export: neutralised against formula injection.</summary>
    public static string Neutralised(string text) => IsFormulaLike(text) ? "'" + text : text;

    /// <summary>A cell as read: trimmed, empty as null, an export's neutralising apostrophe removed.</summary>
    public static string? Clean(string? cell)
    {
        var text = cell?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > 1 && text[0] == '\'' && IsFormulaLike(text[1..]) ? text[1..] : text;
    }

    /// <summary>
    /// <see cref="Clean(string?)"/> without a string: the cell trimmed, an export's neutralising apostrophe removed;
    /// empty for an empty cell (read as "no value").
    /// </summary>
    internal static ReadOnlySpan<char> Clean(ReadOnlySpan<char> cell)
    {
        var text = cell.Trim();
        return text.Length > 1 && text[0] == '\'' && IsFormulaLike(text[1..]) ? text[1..] : text;
    }

    private static bool IsFormulaLike(ReadOnlySpan<char> text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A number as spreadsheets write it: spaces, apostrophes and currency signs ignored; with
    /// <paramref name="decimalComma"/> (semicolon files) "1.234,5" is 1234.5, else "1,234.5" is.
    /// A trailing % is allowed and left to the caller (<paramref name="percent"/>).
    /// </summary>
    public static bool TryNumber(string text, bool decimalComma, out decimal value, out bool percent) =>
        TryNumber(text.AsSpan(), decimalComma, out value, out percent);

    /// <summary><see cref="TryNumber(string, bool, out decimal, out bool)"/> of a cell read in place (a metrics import reads millions).</summary>
    internal static bool TryNumber(ReadOnlySpan<char> text, bool decimalComma, out decimal value, out bool percent)
    {
        var span = text.Trim();
        percent = span.EndsWith("%");
        if (percent)
        {
            span = span[..^1].TrimEnd();
        }

        if (TryPlainNumber(span, decimalComma ? ',' : '.', out value))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[Math.Min(span.Length, 128)];
        var length = 0;
        foreach (var c in span)
        {
            if (c is ' ' or '\u00A0' or '\u202F' or '\'' or '€' or '$' or '£')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                value = 0m;
                return false;
            }

            buffer[length++] = c;
        }

        var digits = buffer[..length];
        // A semicolon file may still hold a number with a decimal point and no comma ("99.5"): a point followed
        // by other than exactly three digits cannot be a thousands separator, so it is read as the decimal point.
        var comma = decimalComma && (digits.Contains(',') || LooksGrouped(digits));
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowExponent,
            comma ? DecimalComma : CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Digits with at most one decimal separator between them ("1234", "99.5"; "12,5" in a semicolon file), the
    /// way exports and most files write numbers: read directly, to the same value and scale (trailing zeros kept)
    /// as <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/> reads
    /// them, at a fraction of its cost (a metrics import reads millions). Anything else (signs, groups, spaces,
    /// exponents, more than 19 digits) is left to the general reading.
    /// </summary>
    private static bool TryPlainNumber(ReadOnlySpan<char> text, char separator, out decimal value)
    {
        value = 0m;
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                // 19 digits always fit an unsigned long (below 1.8 × 10^19).
                if (digits == 19)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (uint)(c - '0');
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == separator && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || scale == 0)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, isNegative: false, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>
    /// A day: ISO (2026-03-31) first, then day-first forms (31/03/2026, 31.03.2026). A date such as 03/04/2026
    /// is read day first, as 3 April, never as the US 4 March (docs/import.md).
    /// </summary>
    public static bool TryDate(string text, out DateOnly day)
    {
        if (DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            day = DateOnly.FromDateTime(parsed);
            return true;
        }

        day = default;
        return false;
    }

    /// <summary>A month: 2026-07, 2026/07, 07/2026, 07.2026, or any accepted date (its month).</summary>
    public static bool TryMonth(string text, out YearMonth month) => TryMonth(text.AsSpan(), out month);

    /// <summary><see cref="TryMonth(string, out YearMonth)"/> of a cell read in place: 2026-07 and 2026/07 without a string.</summary>
    internal static bool TryMonth(ReadOnlySpan<char> text, out YearMonth month)
    {
        var trimmed = text.Trim();
        // The common forms first, as YearMonth.TryParse reads them (digits only, a year from 1900, months 1 to 12).
        if (trimmed.Length == 7 && trimmed[4] is '-' or '/'
            && int.TryParse(trimmed[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(trimmed[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && year >= 1900 && number is >= 1 and <= 12)
        {
            month = new YearMonth(year, number);
            return true;
        }

        return TryMonthOtherwise(trimmed.ToString(), out month);
    }

    private static bool TryMonthOtherwise(string text, out YearMonth month)
    {
        var trimmed = text.Trim();
        if (YearMonth.TryParse(trimmed.Replace('/', '-'), out month))
        {
            return true;
        }

        if (DateTime.TryParseExact(trimmed, ["MM/yyyy", "M/yyyy", "MM.yyyy", "M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && parsed.Year >= 1900)
        {
            month = new YearMonth(parsed.Year, parsed.Month);
            return true;
        }

        if (TryDate(trimmed, out var day) && day.Year >= 1900)
        {
            month = YearMonth.Of(day);
            return true;
        }

        month = default;
        return false;
    }

    /// <summary>An enum word: camelCase as exported, the member name, or with spaces and dashes ("Phase out").</summary>
    public static bool TryChoice<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        var wanted = Normalised(text);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Normalised(candidate.ToString()) == wanted)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>A heading or word compared loosely: lower case, letters and digits only ("CI Name" = "ci_name").</summary>
    public static string Normalised(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 256)];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// A cell's text quoted in a problem: at most 60 characters, so a huge cell (10 MB of digits) is named, not
    /// sent back whole.
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 60 ? $"'{text}'" : string.Create(CultureInfo.InvariantCulture, $"'{text[..57]}…' ({text.Length:N0} characters)");
    }

    /// <summary>A number as exports write it: invariant, no trailing zeros (50, not 50.000000).</summary>
    public static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool LooksGrouped(ReadOnlySpan<char> digits)
    {
        var point = digits.IndexOf('.');
        if (point < 0)
        {
            return false;
        }

        // 1.234 or 1.234.567: every group after a point has three digits.
        var rest = digits[(point + 1)..];
        while (true)
        {
            var next = rest.IndexOf('.');
            var group = next < 0 ? rest : rest[..next];
            if (group.Length != 3)
            {
                return false;
            }

            if (next < 0)
            {
                return true;
            }

            rest = rest[(next + 1)..];
        }
    }
}
