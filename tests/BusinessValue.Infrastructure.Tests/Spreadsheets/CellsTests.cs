using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Infrastructure.Tests.Spreadsheets;

public sealed class CellsTests
{
    [Theory]
    [InlineData("1234.5", false, "1234.5")]
    [InlineData("1,234.5", false, "1234.5")]
    [InlineData("-5", false, "-5")]
    [InlineData("€ 1 200", false, "1200")]
    [InlineData("1.234,5", true, "1234.5")]
    [InlineData("12,5", true, "12.5")]
    [InlineData("99.5", true, "99.5")]
    [InlineData("1.234", true, "1234")]
    public void TryNumber_SpreadsheetFormats_ReadsTheNumber(string cell, bool decimalComma, string expected)
    {
        Cells.TryNumber(cell, decimalComma, out var value, out _).Should().BeTrue();

        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The plain forms are read without decimal.TryParse: the value must be the same to the last bit, its scale
    // (trailing zeros) included, since that is what reaches the database.
    [Theory]
    [InlineData("0", false, "0")]
    [InlineData("007", false, "007")]
    [InlineData("0.000", false, "0.000")]
    [InlineData("1.50", false, "1.50")]
    [InlineData(" 99.9 ", false, "99.9")]
    [InlineData("44640", false, "44640")]
    [InlineData("0.0000000000000000001", false, "0.0000000000000000001")]
    [InlineData("9999999999999999999", false, "9999999999999999999")]
    [InlineData("12345678901234567890.5", false, "12345678901234567890.5")]
    [InlineData("1.234", false, "1.234")]
    [InlineData("12,50", true, "12.50")]
    [InlineData("1,234", true, "1.234")]
    [InlineData("99.5", true, "99.5")]
    [InlineData("1.234", true, "1234")]
    [InlineData("1,234", false, "1234")]
    [InlineData("5.", false, "5")]
    [InlineData("-0.5", false, "-0.5")]
    public void TryNumber_PlainAndOtherForms_GiveDecimalParsesValueAndScale(string cell, bool decimalComma, string expected)
    {
        Cells.TryNumber(cell, decimalComma, out var value, out _).Should().BeTrue();

        decimal.GetBits(value).Should().Equal(decimal.GetBits(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("1.2.3x")]
    [InlineData("1..2")]
    [InlineData("12a")]
    public void TryNumber_BrokenNumber_IsNotANumber(string cell) => Cells.TryNumber(cell, decimalComma: false, out _, out _).Should().BeFalse();

    [Fact]
    public void TryNumber_Text_IsNotANumber() => Cells.TryNumber("lots", decimalComma: false, out _, out _).Should().BeFalse();

    [Theory]
    [InlineData("2026-03-04")]
    [InlineData("04/03/2026")]
    [InlineData("4.3.2026")]
    public void TryDate_IsoAndDayFirstForms_ReadTheFourthOfMarch(string cell)
    {
        Cells.TryDate(cell, out var day).Should().BeTrue();

        day.Should().Be(new DateOnly(2026, 3, 4));
    }

    [Theory]
    [InlineData("2026-07")]
    [InlineData("07/2026")]
    [InlineData("2026-07-01")]
    public void TryMonth_AcceptedForms_ReadJuly2026(string cell)
    {
        Cells.TryMonth(cell, out var month).Should().BeTrue();

        month.Should().Be(new YearMonth(2026, 7));
    }

    [Theory]
    [InlineData("phaseOut")]
    [InlineData("Phase out")]
    [InlineData("PHASE-OUT")]
    public void TryChoice_WordsWrittenLoosely_FindTheValue(string cell)
    {
        Cells.TryChoice<Lifecycle>(cell, out var value).Should().BeTrue();

        value.Should().Be(Lifecycle.PhaseOut);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void Neutralised_FormulaLikeText_IsPrefixedAndCleanedBackOnImport(string text)
    {
        var written = Cells.Neutralised(text);

        written.Should().Be("'" + text);
        Cells.Clean(written).Should().Be(text);
    }

    [Fact]
    public void Clean_ApostropheBeforeOrdinaryText_IsKept() => Cells.Clean("'quoted'").Should().Be("'quoted'");
}
