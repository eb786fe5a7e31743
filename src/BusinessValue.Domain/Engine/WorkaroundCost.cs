using BusinessValue.Domain.Organisation;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// What a workaround costs in a full year (docs/formulas.md#workaround-cost): n × h × W × R_dept + C. The engine
/// and the workarounds register both use this, so the register's live figure is the scorecard's.
/// </summary>
public static class WorkaroundCost
{
    /// <param name="labourRate">R_dept: the department's rate, or the organisation's R when it has none.</param>
    public static decimal Annual(int people, decimal hoursPerPersonPerWeek, decimal directAnnualCost, decimal labourRate, Assumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        return (people * hoursPerPersonPerWeek * assumptions.WorkingWeeksPerYear * labourRate) + directAnnualCost;
    }
}
