namespace BusinessValue.Domain.Engine;

/// <summary>docs/formulas.md#recovery-readiness.</summary>
public enum RecoveryReadiness
{
    Verified,
    Unverified,
    Failing,
}

/// <summary>docs/formulas.md#quadrant-and-suggested-decision.</summary>
public enum Quadrant
{
    Delivering,
    GreenDashboardRedBusiness,
    ValuableButFragile,
    Rethink,
}

/// <summary>Gartner's TIME: what to do with a system.</summary>
public enum TimeDecision
{
    Tolerate,
    Invest,
    Migrate,
    Eliminate,
}

public static class QuadrantNames
{
    public static string Describe(this Quadrant quadrant) => quadrant switch
    {
        Quadrant.Delivering => "Delivering",
        Quadrant.GreenDashboardRedBusiness => "Green dashboard, red business",
        Quadrant.ValuableButFragile => "Valuable but fragile",
        _ => "Rethink",
    };

    public static TimeDecision SuggestedDecision(this Quadrant quadrant) => quadrant switch
    {
        Quadrant.Delivering => TimeDecision.Invest,
        Quadrant.GreenDashboardRedBusiness => TimeDecision.Tolerate,
        Quadrant.ValuableButFragile => TimeDecision.Migrate,
        _ => TimeDecision.Eliminate,
    };
}
