using System.Globalization;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Metrics;

/// <summary>How a monthly measure combines over the months of a period (docs/formulas.md#periods-and-aggregation).</summary>
public enum MeasureAggregation
{
    /// <summary>Counts, minutes and hours add up.</summary>
    Sum,

    /// <summary>Percentages, users and satisfaction: the mean of the months that have a value.</summary>
    Mean,
}

/// <summary>What a measure counts, for labels and for the checks on what may be written.</summary>
public enum MeasureUnit
{
    Percent,
    Minutes,
    Hours,
    Count,
    Users,
    Rating,
}

/// <summary>
/// One monthly technical measure as IT reports it: its name in the product's words, where it is stored and
/// written, its range, and how it adds up over months. <see cref="Measures"/> lists every one; validation, the
/// period summary, the portfolio document, the database mapping and the pages all read this description.
/// </summary>
public sealed class Measure
{
    internal Measure(
        int ordinal,
        string key,
        string name,
        string symbol,
        MeasureUnit unit,
        MeasureAggregation overMonths,
        decimal maximum,
        bool wholeNumber = false,
        decimal minimum = 0m,
        Func<decimal, decimal>? technicalHealthScore = null,
        string? healthTerm = null,
        string? phrase = null)
    {
        Ordinal = ordinal;
        Key = key;
        Column = char.ToUpperInvariant(key[0]) + key[1..];
        Name = name;
        Symbol = symbol;
        Unit = unit;
        OverMonths = overMonths;
        Maximum = maximum;
        Minimum = minimum;
        WholeNumber = wholeNumber;
        TechnicalHealthScore = technicalHealthScore;
        HealthTerm = healthTerm ?? symbol;
        Phrase = phrase ?? name.ToLowerInvariant();
    }

    /// <summary>The measure inside a sentence, e.g. "backup success" ("Missing: backup success").</summary>
    public string Phrase { get; }

    /// <summary>How the measure appears in the technical-health formula, e.g. <c>patch %</c> or <c>100 − change failure %</c>.</summary>
    public string HealthTerm { get; }

    /// <summary>Position in <see cref="Measures.All"/> and in each month's values.</summary>
    public int Ordinal { get; }

    /// <summary>The name in the portfolio document and the API (camelCase), e.g. <c>downtimeMinutes</c>.</summary>
    public string Key { get; }

    /// <summary>The database column (PascalCase of the key), e.g. <c>DowntimeMinutes</c>.</summary>
    public string Column { get; }

    /// <summary>The name a person reads, e.g. "Unplanned downtime in operating hours".</summary>
    public string Name { get; }

    /// <summary>The symbol in docs/formulas.md, e.g. <c>D</c>.</summary>
    public string Symbol { get; }

    public MeasureUnit Unit { get; }

    public MeasureAggregation OverMonths { get; }

    public decimal Minimum { get; }

    /// <summary>The largest value accepted for a month; minutes are further capped by the month's length.</summary>
    public decimal Maximum { get; }

    /// <summary>Stored as a whole number (counts and users).</summary>
    public bool WholeNumber { get; }

    /// <summary>
    /// How the period's value scores 0–100 in technical health (docs/formulas.md#technical-health-score), or null
    /// when the measure is not one of its inputs. Uptime enters through its attainment against the SLA instead.
    /// </summary>
    public Func<decimal, decimal>? TechnicalHealthScore { get; }

    /// <summary>The bit of this measure in a month's "recorded" mask, for data coverage.</summary>
    internal uint Bit => 1u << Ordinal;

    /// <summary>The largest value for <paramref name="month"/>: minutes cannot exceed the month's minutes.</summary>
    public decimal MaximumIn(YearMonth month) =>
        Unit == MeasureUnit.Minutes ? Math.Min(Maximum, month.LastDay.Day * 24m * 60m) : Maximum;

    /// <summary>Checks a value written for <paramref name="month"/>; the message names the measure and the reason.</summary>
    /// <exception cref="DomainRuleException">The value is outside the measure's range.</exception>
    public decimal? Checked(decimal? value, YearMonth month)
    {
        if (value is not { } v)
        {
            return null;
        }

        var max = MaximumIn(month);
        if (Unit == MeasureUnit.Percent && (v < 0m || v > 100m))
        {
            throw new DomainRuleException(Name, string.Create(CultureInfo.InvariantCulture, $"must be a percentage between 0 and 100 (it is {v})."));
        }

        if (v < Minimum || v > max)
        {
            var range = Unit == MeasureUnit.Minutes && max < Maximum
                ? string.Create(CultureInfo.InvariantCulture, $"between {Minimum:0.##} and {max:0.##}, the minutes in {month}")
                : string.Create(CultureInfo.InvariantCulture, $"between {Minimum:0.##} and {max:#,0.##}");
            throw new DomainRuleException(Name, string.Create(CultureInfo.InvariantCulture, $"must be {range} (it is {v})."));
        }

        if (WholeNumber && v != decimal.Truncate(v))
        {
            throw new DomainRuleException(Name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number (it is {v})."));
        }

        return Amounts.Decimals(v, Name);
    }

    public override string ToString() => Key;
}
