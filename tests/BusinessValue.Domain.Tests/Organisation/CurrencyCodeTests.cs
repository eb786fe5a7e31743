using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;

namespace BusinessValue.Domain.Tests.Organisation;

public sealed class CurrencyCodeTests
{
    [Theory]
    [InlineData("USD", "USD")]
    [InlineData(" eur ", "EUR")]
    [InlineData("chf", "CHF")]
    public void Parse_ThreeLetters_GivesTheUpperCaseCode(string input, string expected) =>
        CurrencyCode.Parse(input).Code.Should().Be(expected);

    [Theory]
    [InlineData("US")]
    [InlineData("EURO")]
    [InlineData("U$D")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_NotAnIsoCode_IsRejectedWithTheValueInTheMessage(string? input)
    {
        var parse = () => CurrencyCode.Parse(input);

        parse.Should().Throw<DomainRuleException>()
            .Where(e => e.Field == "Currency" && e.Message.Contains("ISO 4217", StringComparison.Ordinal));
    }
}
