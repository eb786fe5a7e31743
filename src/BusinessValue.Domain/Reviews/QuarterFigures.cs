using BusinessValue.Domain.Engine;

namespace BusinessValue.Domain.Reviews;

/// <summary>
/// A quarter's headline figures, company and per system, as a review shows, freezes and compares them. Exact
/// values (rounding is for display); null where the engine had no value.
/// </summary>
public sealed record QuarterFigures(string Quarter, string Currency, CompanyFigures Company, IReadOnlyList<SystemFigures> Systems)
{
    public static QuarterFigures From(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var p = scorecard.Portfolio;
        return new QuarterFigures(
            scorecard.Period.Label,
            scorecard.Currency.Code ?? string.Empty,
            new CompanyFigures(p.TechnologySpend.Value, p.ValueRealised.Value, p.ValueLeaks.Value, p.NetValue.Value, p.WasteRatio.Value, p.DisasterExposure.Value, p.RevenuePerHour.Value),
            scorecard.Systems
                .Select(s => new SystemFigures(s.SystemId, s.Name, s.Quadrant, s.Readiness, s.TechnicalHealth.Value, s.BusinessValue.Value,
                    s.PeriodCost.Value, s.ValueRealised.Value, s.ValueLeaks.Value, s.NetValue.Value))
                .ToList());
    }

    public SystemFigures? Of(Guid systemId) => Systems.FirstOrDefault(s => s.SystemId == systemId);
}

/// <summary>The company's headline figures for the quarter.</summary>
public sealed record CompanyFigures(
    decimal? TechnologySpend,
    decimal? ValueRealised,
    decimal? ValueLeaks,
    decimal? NetValue,
    decimal? WasteRatio,
    decimal? DisasterExposure,
    decimal? RevenuePerHour);

/// <summary>One system's headline figures for the quarter.</summary>
public sealed record SystemFigures(
    Guid SystemId,
    string Name,
    Quadrant? Quadrant,
    RecoveryReadiness Readiness,
    decimal? TechnicalHealth,
    decimal? BusinessValue,
    decimal? TechnologySpend,
    decimal? ValueRealised,
    decimal? ValueLeaks,
    decimal? NetValue)
{
    public TimeDecision? SuggestedDecision => Quadrant?.SuggestedDecision();
}
