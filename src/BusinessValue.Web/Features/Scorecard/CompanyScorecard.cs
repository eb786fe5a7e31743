using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>What the company scorecard shows: this period, the one before for the changes, and eight quarters of trend.</summary>
public sealed record CompanyScorecard(
    string OrganisationName,
    bool IsDemo,
    string Currency,
    Domain.Engine.Scorecard Current,
    Domain.Engine.Scorecard Previous,
    IReadOnlyList<QuarterTrend> Trend,
    IReadOnlyList<ProcessExposure> Processes,
    YearMonth LatestMonth,
    int FiscalYearStartMonth);

/// <summary>One quarter of the trend charts.</summary>
public sealed record QuarterTrend(string Quarter, decimal? Spend, decimal? Leaks, decimal? TechnicalHealth, decimal? BusinessValue);

/// <summary>A process, the systems it runs on, and the revenue per hour that stops if the most important one fails.</summary>
public sealed record ProcessExposure(string Process, int SystemCount, string CriticalSystem, decimal RevenuePerHourAtRisk);
