using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Tests.Periods;

/// <summary>A period knows its kind; nothing reads it back out of the label.</summary>
public sealed class PeriodKindTests
{
    [Theory]
    [InlineData("2026-07", PeriodKind.Month)]
    [InlineData("2026-Q3", PeriodKind.Quarter)]
    [InlineData("FY2026", PeriodKind.FiscalYear)]
    [InlineData("2026-01..2026-06", PeriodKind.Range)]
    public void Parse_EachNotation_HasItsKind(string text, PeriodKind kind) => Period.Parse(text).Kind.Should().Be(kind);

    [Fact]
    public void Shift_FiscalYearStartingInJuly_StaysAFiscalYear()
    {
        var fy = Period.FiscalYear(2026, startMonth: 7);

        var previous = fy.Previous();

        previous.Kind.Should().Be(PeriodKind.FiscalYear);
        previous.Label.Should().Be("FY2025");
        previous.First.Should().Be(new YearMonth(2024, 7));
    }

    [Fact]
    public void Shift_QuarterByAQuarter_StaysAQuarter() => Period.Quarter(2026, 1).Previous().Should().Be(Period.Quarter(2025, 4));

    [Theory]
    [InlineData(2026, 6, 7, "FY2026")]
    [InlineData(2026, 7, 7, "FY2027")]
    [InlineData(2026, 12, 1, "FY2026")]
    public void FiscalYearContaining_Month_IsTheFiscalYearItFallsIn(int year, int month, int startMonth, string label) =>
        Period.FiscalYearContaining(new YearMonth(year, month), startMonth).Label.Should().Be(label);

    [Fact]
    public void ParseOrDefault_NothingAskedForAndDataInTheFuture_IsTodaysQuarter()
    {
        var period = Period.ParseOrDefault(null, 1, latestWithData: new YearMonth(2027, 5), today: new YearMonth(2026, 12));

        period.Should().Be(Period.Quarter(2026, 4));
    }

    [Fact]
    public void ParseOrDefault_Nonsense_IsTheQuarterOfTheLatestData() =>
        Period.ParseOrDefault("last year", 1, new YearMonth(2026, 8), new YearMonth(2026, 12)).Should().Be(Period.Quarter(2026, 3));

    [Theory]
    [InlineData("2026-07", "2026-07 (July 2026)")]
    [InlineData("2026-Q3", "2026-Q3 (July – September 2026)")]
    [InlineData("2025-11..2026-02", "2025-11..2026-02 (November 2025 – February 2026)")]
    public void Describe_Period_SaysItsMonthsInWords(string text, string words) => Period.Parse(text).Describe().Should().Be(words);
}
