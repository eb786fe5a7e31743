using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Tests.Periods;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-07", "2026-07", "2026-07", 1)]
    [InlineData("2026-Q3", "2026-07", "2026-09", 3)]
    [InlineData("2026-Q1", "2026-01", "2026-03", 3)]
    [InlineData("FY2026", "2026-01", "2026-12", 12)]
    [InlineData("2026-01..2026-06", "2026-01", "2026-06", 6)]
    [InlineData("2025-11..2026-02", "2025-11", "2026-02", 4)]
    public void Parse_EachNotation_GivesItsMonths(string text, string first, string last, int months)
    {
        var period = Period.Parse(text);

        period.First.ToString().Should().Be(first);
        period.Last.ToString().Should().Be(last);
        period.Months.Should().Be(months);
        period.Label.Should().Be(text);
    }

    [Fact]
    public void Parse_FiscalYearStartingInJuly_IsTheYearThatEndsInIt()
    {
        var period = Period.Parse("FY2026", fiscalYearStartMonth: 7);

        period.First.Should().Be(new YearMonth(2025, 7));
        period.Last.Should().Be(new YearMonth(2026, 6));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("Q3 2026")]
    [InlineData("2026-06..2026-01")]
    [InlineData("")]
    public void Parse_Nonsense_SaysWhichNotationsAreAccepted(string text)
    {
        var parse = () => Period.Parse(text);

        parse.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Period");
    }

    [Fact]
    public void Previous_Quarter_IsTheQuarterBefore() =>
        Period.Parse("2026-Q1").Previous().Label.Should().Be("2025-Q4");

    [Fact]
    public void TrailingTwelveMonths_EndsWithTheGivenMonth()
    {
        var period = Period.TrailingTwelveMonths(new YearMonth(2026, 9));

        period.First.Should().Be(new YearMonth(2025, 10));
        period.Months.Should().Be(12);
        period.Days.Should().Be(365);
    }
}
