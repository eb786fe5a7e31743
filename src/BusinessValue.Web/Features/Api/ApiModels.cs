using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// A business figure: exact value (never rounded), its unit as a code and in words, its data coverage (how many of
/// the period's months record what it rests on; <c>partial</c> when fewer than the period has) and, where asked
/// for, why it has that value.
/// </summary>
public sealed record ApiFigure(string Key, string Label, decimal? Value, FigureUnit Unit, string UnitInWords, ApiCoverage? Coverage, Explanation? Why)
{
    public static ApiFigure From(Figure figure, string currency, bool withWhy) =>
        new(figure.Key, figure.Label, figure.Value, figure.Unit, figure.UnitText(currency), ApiCoverage.Of(figure.Coverage), withWhy ? figure.Why : null);
}

/// <summary>How many of the period's months record what a figure rests on; null for figures that rest on no monthly measure.</summary>
public sealed record ApiCoverage(int MonthsRecorded, int MonthsInPeriod, int SystemsWithGaps, bool Partial, string Description)
{
    public static ApiCoverage? Of(DataCoverage coverage) =>
        coverage.Applies ? new(coverage.MonthsRecorded, coverage.MonthsInPeriod, coverage.SystemsWithGaps, coverage.IsPartial, coverage.Describe()) : null;
}

/// <summary>The organisation's scorecard for a period: its figures with explanations, and each system's figures.</summary>
public sealed record ApiScorecard(
    string Organisation, string Period, string FirstMonth, string LastMonth, string Currency,
    IReadOnlyList<ApiFigure> Figures, IReadOnlyList<ApiSystemSummary> Systems);

/// <summary>One system's place on the company scorecard; its explanations are at /api/v1/systems/{id}/scorecard.</summary>
/// <remarks><c>quadrant</c> is a stable code; <c>quadrantInWords</c> says it as the scorecard does.</remarks>
public sealed record ApiSystemSummary(Guid Id, string Name, string? Quadrant, string? QuadrantInWords, string? SuggestedDecision, string Readiness, ApiCoverage? Coverage, IReadOnlyList<ApiFigure> Figures);

/// <summary>One system's scorecard for a period, every figure with its explanation.</summary>
public sealed record ApiSystemScorecard(
    Guid Id, string Name, string Period, string Currency, string? Quadrant, string? QuadrantInWords, string? SuggestedDecision, string Readiness,
    Explanation ReadinessWhy, ApiCoverage? Coverage, IReadOnlyList<ApiFigure> Figures);

/// <summary>A system of the inventory.</summary>
public sealed record ApiSystem(Guid Id, string Name, string Category, string? Vendor, string Lifecycle, string StrategicFit,
    string? ItOwner, string? BusinessOwner, decimal TotalCostOfOwnership);

/// <summary>Many systems' months at once: all written, or none.</summary>
public sealed record ApiMetricsBatch(IReadOnlyList<MetricsDocument?>? Metrics);

/// <summary>What a write did: months that were new, and months whose earlier report was replaced.</summary>
public sealed record ApiMetricsWritten(int Created, int Replaced);
