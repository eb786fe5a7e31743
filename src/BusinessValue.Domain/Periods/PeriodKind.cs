namespace BusinessValue.Domain.Periods;

/// <summary>The kinds of period a scorecard is asked for (docs/formulas.md#periods-and-aggregation).</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    FiscalYear,
    Range,
}
