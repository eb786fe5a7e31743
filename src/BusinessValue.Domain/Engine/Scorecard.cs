using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Engine;

/// <summary>The engine's answer for one period: every system, every department and the portfolio.</summary>
public sealed record Scorecard(
    Period Period,
    CurrencyCode Currency,
    IReadOnlyList<SystemScorecard> Systems,
    IReadOnlyList<DepartmentScorecard> Departments,
    PortfolioScorecard Portfolio)
{
    /// <summary>A money figure as an exact amount in the scorecard's currency; null when missing or not money.</summary>
    public Money? MoneyOf(Figure figure)
    {
        return figure.Unit is FigureUnit.Money && figure.Value is { } amount ? new Money(amount, Currency) : null;
    }
}
