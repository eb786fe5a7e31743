using System.Globalization;
using System.Text.RegularExpressions;

namespace BusinessValue.Domain.Periods;

/// <summary>
/// A run of whole months: a month (2026-07), a calendar quarter (2026-Q3), a fiscal year (FY2026, the one
/// that ends in 2026) or a range (2026-01..2026-06). See docs/formulas.md#periods-and-aggregation.
/// </summary>
public sealed partial record Period
{
    private Period(YearMonth first, YearMonth last, string label)
    {
        if (last < first)
        {
            throw new DomainRuleException("Period", $"must end on or after its start ({first} to {last}).");
        }

        First = first;
        Last = last;
        Label = label;
    }

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

    public static Period Month(YearMonth month) => new(month, month, month.ToString());

    public static Period Quarter(int year, int quarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw new DomainRuleException("Period", $"quarter must be 1 to 4 (it is {quarter}).");
        }

        var first = new YearMonth(year, ((quarter - 1) * 3) + 1);
        return new Period(first, first.AddMonths(2), string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}"));
    }

    /// <summary>The fiscal year that ends in <paramref name="endingYear"/>.</summary>
    public static Period FiscalYear(int endingYear, int startMonth)
    {
        var first = startMonth == 1 ? new YearMonth(endingYear, 1) : new YearMonth(endingYear - 1, startMonth);
        return new Period(first, first.AddMonths(11), string.Create(CultureInfo.InvariantCulture, $"FY{endingYear}"));
    }

    public static Period Range(YearMonth first, YearMonth last) =>
        first == last ? Month(first) : new Period(first, last, $"{first}..{last}");

    /// <summary>The 12 months ending with <paramref name="last"/>.</summary>
    public static Period TrailingTwelveMonths(YearMonth last) => Range(last.AddMonths(-11), last);

    /// <summary>The period just before this one, of the same length.</summary>
    public Period Previous() => Shift(-Months);

    public Period Shift(int months)
    {
        var first = First.AddMonths(months);
        var last = Last.AddMonths(months);
        return Label switch
        {
            _ when Months == 1 => Month(first),
            _ when QuarterPattern().IsMatch(Label) && first.Month % 3 == 1 => Quarter(first.Year, ((first.Month - 1) / 3) + 1),
            _ when Label.StartsWith("FY", StringComparison.Ordinal) => new Period(first, last, string.Create(CultureInfo.InvariantCulture, $"FY{last.Year}")),
            _ => Range(first, last),
        };
    }

    public static Period Parse(string text, int fiscalYearStartMonth = 1)
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

    public override string ToString() => Label;

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^FY(\d{4})$")]
    private static partial Regex FiscalPattern();
}
