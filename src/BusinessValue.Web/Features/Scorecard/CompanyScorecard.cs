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
    int FiscalYearStartMonth)
{
    /// <summary>Technically healthy systems delivering little, the largest value leak first.</summary>
    public IReadOnlyList<SystemScorecard> GreenDashboard { get; init; } = [];

    /// <summary>The largest single leaks of the period, whatever their system.</summary>
    public IReadOnlyList<SystemLeak> TopLeaks { get; init; } = [];

    /// <summary>The score from which health and value count as high: the gap chart's threshold lines (an assumption).</summary>
    public decimal ScoreThreshold { get; init; } = 70m;

    /// <summary>Every system, by name: the gap chart's table.</summary>
    public IReadOnlyList<SystemScorecard> SystemsByName { get; init; } = [];
}

/// <summary>One leak of one system: a workaround, manual integration, unused spend, incident or blocked-work figure.</summary>
public sealed record SystemLeak(SystemScorecard System, Figure Figure);

/// <summary>One quarter of the trend charts.</summary>
public sealed record QuarterTrend(string Quarter, decimal? Spend, decimal? Leaks, decimal? TechnicalHealth, decimal? BusinessValue);

/// <summary>A process, the systems it runs on, and the revenue per hour that stops if the most important one fails.</summary>
public sealed record ProcessExposure(string Process, int SystemCount, string CriticalSystem, decimal RevenuePerHourAtRisk);
