namespace BusinessValue.Domain.Engine;

/// <summary>The organisation's figures for a period: sums over systems, shared items counted once.</summary>
public sealed record PortfolioScorecard
{
    public required Figure TechnologySpend { get; init; }

    public required Figure RevenuePerHour { get; init; }

    public required Figure RevenueDisrupted { get; init; }

    public required Figure RevenueLostToSlowPeaks { get; init; }

    public required Figure ProductivityLostHours { get; init; }

    public required Figure ProductivityLoss { get; init; }

    public required Figure BlockedWorkCost { get; init; }

    public required Figure UnusedSpend { get; init; }

    public required Figure WorkaroundCost { get; init; }

    public required Figure ManualIntegrationCost { get; init; }

    public required Figure ValueLeaks { get; init; }

    public required Figure ValueRealised { get; init; }

    public required Figure NetValue { get; init; }

    /// <summary>Value leaks / technology spend, beside <see cref="WasteBenchmark"/>.</summary>
    public required Figure WasteRatio { get; init; }

    public required decimal WasteBenchmark { get; init; }

    public required Figure DisasterExposure { get; init; }

    public required IReadOnlyDictionary<RecoveryReadiness, int> ReadinessCounts { get; init; }

    public required Figure IntegrationEfficiency { get; init; }

    public required Figure ProcessAutomation { get; init; }

    public required Figure Adoption { get; init; }

    public IEnumerable<Figure> Figures =>
    [
        TechnologySpend, RevenuePerHour, RevenueDisrupted, RevenueLostToSlowPeaks, ProductivityLostHours, ProductivityLoss,
        BlockedWorkCost, UnusedSpend, WorkaroundCost, ManualIntegrationCost, ValueLeaks, ValueRealised, NetValue, WasteRatio,
        DisasterExposure, IntegrationEfficiency, ProcessAutomation, Adoption,
    ];
}
