using System.Globalization;
using System.Text.RegularExpressions;

namespace BusinessValue.Domain.Periods;

/// <summary>
/// A run of whole months: a month (2026-07), a calendar quarter (2026-Q3), a fiscal year (FY2026, the one
/// that ends in 2026) or a range (2026-01..2026-06). See docs/formulas.md#periods-and-aggregation.
/// </summary>
public sealed partial record Period
{
    private Period(YearMonth first, YearMonth last, string label, PeriodKind kind)
    {
        if (last < first)
        {
            throw new DomainRuleException("Period", $"must end on or after its start ({first} to {last}).");
        }

        First = first;
        Last = last;
        Label = label;
        Kind = kind;
    }

    /// <summary>What kind of period it is: a month, a calendar quarter, a fiscal year or a range of months.</summary>
    public PeriodKind Kind { get; }

    public YearMonth First { get; }

    public YearMonth Last { get; }

    /// <summary>How the period was asked for: 2026-Q3, FY2026, 2026-07 or 2026-01..2026-06.</summary>
    public string Label { get; }

    /// <summary>M: the number of months in the period.</summary>
    public int Months => Last.Index - First.Index + 1;

    public DateOnly FirstDay => First.FirstDay;

    public DateOnly LastDay => Last.LastDay;

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public bool Contains(YearMonth month) => month >= First && month <= Last;

    public IEnumerable<YearMonth> EachMonth()
    {
        for (var i = First.Index; i <= Last.Index; i++)
        {
            yield return YearMonth.FromIndex(i);
        }
    }

    public static Period Month(int year, int month) => Month(new YearMonth(year, month));

    public static Period Month(YearMonth month) => new(month, month, month.ToString(), PeriodKind.Month);

    public static Period Quarter(int year, int quarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw new DomainRuleException("Period", $"quarter must be 1 to 4 (it is {quarter}).");
        }

        var first = new YearMonth(year, ((quarter - 1) * 3) + 1);
        return new Period(first, first.AddMonths(2), string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}"), PeriodKind.Quarter);
    }

    /// <summary>The fiscal year that ends in <paramref name="endingYear"/>.</summary>
    public static Period FiscalYear(int endingYear, int startMonth)
    {
        var first = startMonth == 1 ? new YearMonth(endingYear, 1) : new YearMonth(endingYear - 1, startMonth);
        return new Period(first, first.AddMonths(11), string.Create(CultureInfo.InvariantCulture, $"FY{endingYear}"), PeriodKind.FiscalYear);
    }

    /// <summary>The calendar quarter that contains <paramref name="month"/>.</summary>
    public static Period QuarterContaining(YearMonth month) => Quarter(month.Year, ((month.Month - 1) / 3) + 1);

    /// <summary>The fiscal year (starting in <paramref name="startMonth"/>) that contains <paramref name="month"/>.</summary>
    public static Period FiscalYearContaining(YearMonth month, int startMonth) =>
        FiscalYear(startMonth == 1 || month.Month < startMonth ? month.Year : month.Year + 1, startMonth);

    public static Period Range(YearMonth first, YearMonth last) =>
        first == last ? Month(first) : new Period(first, last, $"{first}..{last}", PeriodKind.Range);

    /// <summary>The 12 months ending with <paramref name="last"/>.</summary>
    public static Period TrailingTwelveMonths(YearMonth last) => Range(last.AddMonths(-11), last);

    /// <summary>The period just before this one, of the same length.</summary>
    public Period Previous() => Shift(-Months);

    public Period Shift(int months)
    {
        var first = First.AddMonths(months);
        var last = Last.AddMonths(months);
        return Kind switch
        {
            _ when Months == 1 => Month(first),
            PeriodKind.Quarter when first.Month % 3 == 1 => Quarter(first.Year, ((first.Month - 1) / 3) + 1),
            PeriodKind.FiscalYear => new Period(first, last, string.Create(CultureInfo.InvariantCulture, $"FY{last.Year}"), PeriodKind.FiscalYear),
            _ => Range(first, last),
        };
    }

    /// <summary>The first month a period may start in (docs/formulas.md#periods-and-aggregation).</summary>
    public static readonly YearMonth EarliestMonth = new(2000, 1);

    /// <summary>The last month a period may end in.</summary>
    public static readonly YearMonth LatestMonth = new(2099, 12);

    /// <summary>Reads a period as written; refuses one outside <see cref="EarliestMonth"/> to <see cref="LatestMonth"/>.</summary>
    /// <exception cref="DomainRuleException">The text is no period, or one outside that window.</exception>
    public static Period Parse(string text, int fiscalYearStartMonth = 1)
    {
        var period = ParseAny(text, fiscalYearStartMonth);
        if (period.First < EarliestMonth || period.Last > LatestMonth)
        {
            throw new DomainRuleException("Period", $"must lie between {EarliestMonth} and {LatestMonth} ('{text}' is {period.First} to {period.Last}).");
        }

        return period;
    }

    private static Period ParseAny(string text, int fiscalYearStartMonth)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (YearMonth.TryParse(trimmed, out var month))
        {
            return Month(month);
        }

        var quarter = QuarterPattern().Match(trimmed);
        if (quarter.Success)
        {
            return Quarter(int.Parse(quarter.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(quarter.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        var fiscal = FiscalPattern().Match(trimmed);
        if (fiscal.Success)
        {
            return FiscalYear(int.Parse(fiscal.Groups[1].Value, CultureInfo.InvariantCulture), fiscalYearStartMonth);
        }

        var parts = trimmed.Split("..");
        if (parts.Length == 2 && YearMonth.TryParse(parts[0], out var from) && YearMonth.TryParse(parts[1], out var to))
        {
            return Range(from, to);
        }

        throw new DomainRuleException("Period", $"must be a month (2026-07), a quarter (2026-Q3), a fiscal year (FY2026) or a range (2026-01..2026-06); '{text}' is none of these.");
    }

    /// <summary>
    /// The period asked for in <paramref name="text"/>, or the default when there is none or it is not valid: the
    /// quarter of the latest month with data, never one in the future (an edited or stale link falls back to it).
    /// </summary>
    public static Period ParseOrDefault(string? text, int fiscalYearStartMonth, YearMonth latestWithData, YearMonth today)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                return Parse(text, fiscalYearStartMonth);
            }
            catch (DomainRuleException)
            {
                // Falls through to the default.
            }
        }

        return QuarterContaining(latestWithData > today ? today : latestWithData);
    }

    /// <summary>The period as a person says it: "2026-Q3 (July – September 2026)", "2026-07 (July 2026)".</summary>
    public string Describe()
    {
        var first = new DateOnly(First.Year, First.Month, 1);
        var last = new DateOnly(Last.Year, Last.Month, 1);
        var span = Months == 1
            ? first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : First.Year == Last.Year
                ? $"{first.ToString("MMMM", CultureInfo.InvariantCulture)} – {last.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}"
                : $"{first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} – {last.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
        return $"{Label} ({span})";
    }

    public override string ToString() => Label;

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^FY(\d{4})$")]
    private static partial Regex FiscalPattern();
}
