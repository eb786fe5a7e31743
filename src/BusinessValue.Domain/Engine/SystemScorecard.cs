namespace BusinessValue.Domain.Engine;

/// <summary>Every business figure of one system for one period, each with its explanation.</summary>
public sealed record SystemScorecard
{
    public required Guid SystemId { get; init; }

    public required string Name { get; init; }

    public required Figure PeriodCost { get; init; }

    public required Figure RevenuePerHour { get; init; }

    public required Figure RevenueDisrupted { get; init; }

    public required Figure RevenueLostToSlowPeaks { get; init; }

    public required Figure ProductivityLostHours { get; init; }

    public required Figure ProductivityLoss { get; init; }

    public required Figure BlockedWorkCost { get; init; }

    public required Figure RevenuePerHourUnpatched { get; init; }

    public required RecoveryReadiness Readiness { get; init; }

    public required Explanation ReadinessWhy { get; init; }

    public required Figure DisasterExposure { get; init; }

    public required Figure Adoption { get; init; }

    public required Figure UnusedSpend { get; init; }

    public required Figure WorkaroundCost { get; init; }

    public required Figure ManualIntegrationCost { get; init; }

    public required Figure IntegrationEfficiency { get; init; }

    public required Figure ValueRealised { get; init; }

    public required Figure ValueLeaks { get; init; }

    public required Figure NetValue { get; init; }

    public required Figure Roi { get; init; }

    public required Figure TechnicalHealth { get; init; }

    public required Figure BusinessValue { get; init; }

    /// <summary>Null while either score is missing.</summary>
    public required Quadrant? Quadrant { get; init; }

    public TimeDecision? SuggestedDecision => Quadrant?.SuggestedDecision();

    /// <summary>Every figure, for exports and the "why this number?" lists.</summary>
    public IEnumerable<Figure> Figures =>
    [
        PeriodCost, RevenuePerHour, RevenueDisrupted, RevenueLostToSlowPeaks, ProductivityLostHours, ProductivityLoss,
        BlockedWorkCost, RevenuePerHourUnpatched, DisasterExposure, Adoption, UnusedSpend, WorkaroundCost,
        ManualIntegrationCost, IntegrationEfficiency, ValueRealised, ValueLeaks, NetValue, Roi, TechnicalHealth, BusinessValue,
    ];
}
