using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Engine;

/// <summary>The engine's answer for one period: every system, every department and the portfolio.</summary>
public sealed record Scorecard(
    Period Period,
    CurrencyCode Currency,
    IReadOnlyList<SystemScorecard> Systems,
    IReadOnlyList<DepartmentScorecard> Departments,
    PortfolioScorecard Portfolio);
