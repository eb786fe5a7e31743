using System.Globalization;
using BusinessValue.Domain.Engine;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class FigureTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [Theory]
    [InlineData(1_234.5, "1,235 USD")]          // rounded half away from zero, for display only
    [InlineData(-987.49, "-987 USD")]
    [InlineData(2_345_678, "2.35 M USD")]
    public void Money_InEnglish_RoundsToWholeUnitsAndShortensMillions(double value, string expected) =>
        FigureText.Money((decimal)value, "USD", English).Should().Be(expected);

    [Fact]
    public void Money_InGerman_UsesTheReadersSeparators() =>
        FigureText.Money(1_234_567.891m, "EUR", German).Should().Be("1,23 M EUR");

    [Theory]
    [InlineData(FigureUnit.Ratio, 0.5566, "55.7%")]
    [InlineData(FigureUnit.Score, 69.6, "69.6")]   // one decimal (docs/formulas.md#rounding): a 69.6 is below the 70 threshold and must not read as 70
    [InlineData(FigureUnit.Hours, 12.5, "13 hours")]
    public void Format_EachUnit_ReadsNaturally(FigureUnit unit, double value, string expected) =>
        FigureText.Format((decimal)value, unit, "USD", English).Should().Be(expected);
}
