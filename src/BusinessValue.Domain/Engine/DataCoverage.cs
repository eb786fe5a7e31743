using System.Globalization;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// How many of the period's months record the measures a figure rests on (docs/formulas.md#data-coverage). For a
/// system: "3 of 12 months recorded". For the portfolio: the best-recorded system's months, and how many systems
/// have gaps. A figure that rests on no monthly measure (spend, workarounds) has no coverage to show.
/// </summary>
public readonly record struct DataCoverage(int MonthsRecorded, int MonthsInPeriod, int SystemsWithGaps = 0, int Systems = 0)
{
    /// <summary>For figures that rest on no monthly measure.</summary>
    public static readonly DataCoverage NotApplicable;

    public bool Applies => MonthsInPeriod > 0;

    /// <summary>True when some month of the period, or some system, lacks what the figure needs.</summary>
    public bool IsPartial => Applies && (MonthsRecorded < MonthsInPeriod || SystemsWithGaps > 0);

    /// <summary>The coverage in words, for JSON readers: see <see cref="Describe"/>.</summary>
    public string Description => Describe();

    /// <summary>"3 of 12 months recorded", "12 of 12 months recorded; 2 of 9 systems have gaps", or empty.</summary>
    public string Describe()
    {
        if (!Applies)
        {
            return string.Empty;
        }

        var months = string.Create(CultureInfo.InvariantCulture, $"{MonthsRecorded} of {MonthsInPeriod} {(MonthsInPeriod == 1 ? "month" : "months")} recorded");
        return SystemsWithGaps > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{months}; {SystemsWithGaps} of {Systems} systems have gaps")
            : months;
    }

    public override string ToString() => Describe();
}
